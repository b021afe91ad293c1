package hostway

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
)

// vpsModel is cloudorder_hostway_vps in Terraform.
type vpsModel struct {
	ID                   types.String   `tfsdk:"id"`
	Offering             types.String   `tfsdk:"offering"`
	DisplayName          types.String   `tfsdk:"display_name"`
	Server               *serverModel   `tfsdk:"server"`
	Service              []serviceModel `tfsdk:"service"`
	AccountNumber        types.String   `tfsdk:"account_number"`
	ProductID            types.String   `tfsdk:"product_id"`
	PartnerID            types.String   `tfsdk:"partner_id"`
	OrderID              types.String   `tfsdk:"order_id"`
	Status               types.String   `tfsdk:"status"`
	ProductSpecification types.String   `tfsdk:"product_specification"`
	Services             types.List     `tfsdk:"services"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// serverModel is the server block: the Virtuozzo Server service.
type serverModel struct {
	Name          types.String `tfsdk:"name"`
	Specification types.String `tfsdk:"specification"`
	BillingCycle  types.Int64  `tfsdk:"billing_cycle"`
	ID            types.String `tfsdk:"id"`
	Status        types.String `tfsdk:"status"`
}

// serviceModel is one service block: a child service of the server.
type serviceModel struct {
	Specification types.String `tfsdk:"specification"`
	Name          types.String `tfsdk:"name"`
	BillingCycle  types.Int64  `tfsdk:"billing_cycle"`
}

// childModel is one element of the computed services list.
type childModel struct {
	ID            types.String `tfsdk:"id"`
	Kind          types.String `tfsdk:"kind"`
	Specification types.String `tfsdk:"specification"`
	Name          types.String `tfsdk:"name"`
	BillingCycle  types.Int64  `tfsdk:"billing_cycle"`
	Status        types.String `tfsdk:"status"`
}

var childAttrTypes = map[string]attr.Type{
	"id":            types.StringType,
	"kind":          types.StringType,
	"specification": types.StringType,
	"name":          types.StringType,
	"billing_cycle": types.Int64Type,
	"status":        types.StringType,
}

var childObjectType = types.ObjectType{AttrTypes: childAttrTypes}

// childKey says when a service block and an API service are the same
// thing: same specification, name and billing cycle, with the server's
// name and cycle standing in for what the block leaves out.
type childKey struct {
	spec  string
	name  string
	cycle int64
}

func (s serviceModel) key(server *serverModel) childKey {
	code, err := api.ParseServiceSpecification(s.Specification.ValueString())
	if err != nil {
		code = s.Specification.ValueString()
	}
	k := childKey{spec: code, name: s.Name.ValueString(), cycle: s.BillingCycle.ValueInt64()}
	if server != nil {
		if s.Name.IsNull() || s.Name.IsUnknown() {
			k.name = server.Name.ValueString()
		}
		if s.BillingCycle.IsNull() || s.BillingCycle.IsUnknown() {
			k.cycle = server.BillingCycle.ValueInt64()
		}
	}
	return k
}

func apiKey(s api.Service) childKey {
	return childKey{spec: s.SpecificationCode(), name: s.Name, cycle: s.BillingCycle}
}

// request is the service as the order builder wants it.
func (s serviceModel) request(c *api.Client, server *serverModel) api.ServiceRequest {
	k := s.key(server)
	return api.ServiceRequest{Name: k.name, ServiceSpecification: c.ServiceSpecificationURL(k.spec), BillingCycle: k.cycle}
}

// splitServices returns the product's server service and its open (not
// closed or closing) child services, in the API's order.
func splitServices(services []api.Service) (*api.Service, []api.Service) {
	var server *api.Service
	var children []api.Service
	for i := range services {
		s := services[i]
		if s.Closed() {
			continue
		}
		if server == nil && api.IsServerSpecification(s.SpecificationCode()) {
			server = &services[i]
			continue
		}
		children = append(children, s)
	}
	return server, children
}

// matchChildren pairs service blocks with API children: each block takes
// the first unpaired child with its key. It returns, per block, the index
// of its child (-1 when none) and the children no block took.
func matchChildren(blocks []serviceModel, server *serverModel, children []api.Service) ([]int, []int) {
	taken := make([]bool, len(children))
	pairs := make([]int, len(blocks))
	for i, b := range blocks {
		pairs[i] = -1
		want := b.key(server)
		for j, c := range children {
			if !taken[j] && apiKey(c) == want {
				taken[j], pairs[i] = true, j
				break
			}
		}
	}
	var rest []int
	for j := range children {
		if !taken[j] {
			rest = append(rest, j)
		}
	}
	return pairs, rest
}

// setFromAPI stores what the API says. prior are the service blocks to
// keep the order and spelling of (the plan after an update, the state on
// refresh): blocks whose service is gone drop out, services that no block
// names are appended, so drift shows in the next plan.
func (m *vpsModel) setFromAPI(ctx context.Context, pv *api.Provisioned, prior []serviceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	p := pv.Product
	m.ID = types.StringValue(p.AccountNumber + "/" + p.ID)
	m.AccountNumber = types.StringValue(p.AccountNumber)
	m.ProductID = types.StringValue(p.ID)
	if p.PartnerID != "" {
		m.PartnerID = types.StringValue(p.PartnerID)
	} else if m.PartnerID.IsUnknown() {
		m.PartnerID = types.StringNull()
	}
	// The product body names no order (api-reference §3a): order_id is
	// what create recorded, null after an import.
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}
	m.DisplayName = stringOrNull(p.DisplayName)
	m.Status = types.StringValue(p.Status)
	code := p.SpecificationCode()
	m.ProductSpecification = stringOrNull(code)
	// Nor does it name the offering, only the product specification: an
	// offering of another specification (a change made elsewhere) shows
	// as the same offering id of the product's specification.
	if spec, id, err := api.ParseOffering(m.Offering.ValueString()); err == nil && code != "" && spec != code {
		m.Offering = types.StringValue(api.OfferingCode(code, id))
	}

	apiServer, children := splitServices(pv.Services)
	if apiServer == nil {
		diags.AddError("Hostway product has no server",
			fmt.Sprintf("Product %s of account %s has no open Virtuozzo Server service (%s*).", p.ID, p.AccountNumber, api.ServerPrefix))
		return diags
	}
	server := &serverModel{}
	if m.Server != nil {
		*server = *m.Server
	}
	server.Name = types.StringValue(apiServer.Name)
	server.BillingCycle = types.Int64Value(apiServer.BillingCycle)
	server.ID = types.StringValue(apiServer.ID)
	server.Status = types.StringValue(apiServer.Status)
	if code := apiServer.SpecificationCode(); !sameServiceSpec(server.Specification.ValueString(), code) {
		server.Specification = types.StringValue(code)
	}
	m.Server = server

	pairs, rest := matchChildren(prior, server, children)
	// Never nil: a list block without blocks is an empty list, not null.
	blocks := []serviceModel{}
	computed := []childModel{}
	for i, j := range pairs {
		if j < 0 {
			continue
		}
		blocks = append(blocks, prior[i])
		computed = append(computed, childFromAPI(children[j]))
	}
	for _, j := range rest {
		c := children[j]
		b := serviceModel{Specification: types.StringValue(c.SpecificationCode()), Name: types.StringValue(c.Name), BillingCycle: types.Int64Value(c.BillingCycle)}
		// What equals the server's value is left out, as a user would write it.
		if c.Name == apiServer.Name {
			b.Name = types.StringNull()
		}
		if c.BillingCycle == apiServer.BillingCycle {
			b.BillingCycle = types.Int64Null()
		}
		blocks = append(blocks, b)
		computed = append(computed, childFromAPI(c))
	}
	m.Service = blocks
	list, d := types.ListValueFrom(ctx, childObjectType, computed)
	diags.Append(d...)
	m.Services = list
	return diags
}

func childFromAPI(s api.Service) childModel {
	kind := types.StringNull()
	if k, ok := api.KindOf(s.SpecificationCode()); ok {
		kind = types.StringValue(k.Name)
	}
	return childModel{
		ID:            types.StringValue(s.ID),
		Kind:          kind,
		Specification: types.StringValue(s.SpecificationCode()),
		Name:          types.StringValue(s.Name),
		BillingCycle:  types.Int64Value(s.BillingCycle),
		Status:        types.StringValue(s.Status),
	}
}

// nullUnknowns replaces values not known yet with null, so that a state
// saved in the middle of create (to keep ids) is complete.
func (m *vpsModel) nullUnknowns() {
	for _, v := range []*types.String{&m.ID, &m.AccountNumber, &m.ProductID, &m.PartnerID, &m.OrderID, &m.Status, &m.ProductSpecification} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.Services.IsUnknown() {
		m.Services = types.ListNull(childObjectType)
	}
	if m.Server != nil {
		if m.Server.ID.IsUnknown() {
			m.Server.ID = types.StringNull()
		}
		if m.Server.Status.IsUnknown() {
			m.Server.Status = types.StringNull()
		}
	}
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// sameServiceSpec reports whether what the user wrote names this code.
func sameServiceSpec(written, code string) bool {
	c, err := api.ParseServiceSpecification(written)
	return err == nil && c == code
}

// parseID splits an import id "account_number/product_id".
func parseID(id string) (account, product string, err error) {
	account, product, ok := strings.Cut(id, "/")
	if !ok || account == "" || product == "" || strings.Contains(product, "/") {
		return "", "", fmt.Errorf("%q is not account_number/product_id, for example acct123456/00000143d407b725d9eb9a41007f000000010001", id)
	}
	return account, product, nil
}
