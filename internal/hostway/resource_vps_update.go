package hostway

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

// Update changes a submitted VPS the ways the API allows (api-reference
// §3): the server's specification through the change action, a new child
// service through a new order on the account, a removed one by closing it.
// Everything else replaces the VPS (see the plan modifiers).
func (r *vpsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state vpsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Update, defaultVPSUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	account, product := state.AccountNumber.ValueString(), state.ProductID.ValueString()
	if account == "" || product == "" {
		resp.Diagnostics.AddError("Hostway VPS was never completely created",
			"The state holds no product for this VPS. Replace it: terraform apply -replace=<address>.")
		return
	}
	pv, err := r.client.ReadProvisioned(ctx, account, product)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Hostway VPS", err)
		return
	}
	changeErr := r.applyChanges(ctx, &plan, &state, pv)

	// Whatever happened, store what the account holds now, so that the
	// next plan shows what is still to do.
	final, err := r.client.ReadProvisioned(ctx, account, product)
	if err == nil {
		resp.Diagnostics.Append(plan.setFromAPI(ctx, final, plan.Service)...)
		plan.nullUnknowns()
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if changeErr != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not update the Hostway VPS", changeErr)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Hostway VPS after the update", err)
	}
}

func (r *vpsResource) applyChanges(ctx context.Context, plan, state *vpsModel, pv *api.Provisioned) error {
	account, product := pv.Product.AccountNumber, pv.Product.ID
	apiServer, children := splitServices(pv.Services)
	if apiServer == nil {
		return fmt.Errorf("product %s of account %s has no open Virtuozzo Server service", product, account)
	}
	if err := r.changeProduct(ctx, account, product, pv.Product, plan.Offering.ValueString()); err != nil {
		return err
	}
	if err := r.changeServer(ctx, account, product, apiServer, mustCode(plan.Server.Specification.ValueString())); err != nil {
		return err
	}

	// Pair the state's blocks with the services they stand for, then
	// compare the blocks that exist with the plan's.
	pairs, _ := matchChildren(state.Service, state.Server, children)
	var existing []serviceModel
	var existingIDs []string
	for i, j := range pairs {
		if j >= 0 {
			existing = append(existing, state.Service[i])
			existingIDs = append(existingIDs, children[j].ID)
		}
	}
	removed, added := diffServices(existing, plan.Service, state.Server, plan.Server)
	for _, i := range removed {
		if err := r.closeService(ctx, account, product, existingIDs[i]); err != nil {
			return fmt.Errorf("removing service %s (%s): %w", existingIDs[i], existing[i].key(state.Server).spec, err)
		}
	}
	if len(added) == 0 {
		return nil
	}
	requests := make([]api.ServiceRequest, len(added))
	for n, i := range added {
		requests[n] = plan.Service[i].request(r.client, plan.Server)
	}
	return r.addServices(ctx, plan, pv, apiServer, requests)
}

// changeProduct upgrades or downgrades the product to the product
// specification of the planned offering with the change action (ModifyPlan
// planned a replacement unless the API offers it as a target).
func (r *vpsResource) changeProduct(ctx context.Context, account, product string, p *api.Product, offering string) error {
	target, _, err := api.ParseOffering(offering)
	if err != nil {
		return err
	}
	if p.SpecificationCode() == target {
		return nil
	}
	tflog.Info(ctx, "changing the Hostway product specification", map[string]any{"product_id": product, "from": p.SpecificationCode(), "to": target})
	if err := r.client.ChangeProduct(ctx, account, product, r.client.ProductSpecificationURL(target)); err != nil {
		return fmt.Errorf("changing product %s to %s: %w", product, target, err)
	}
	_, err = r.client.WaitForOpen(ctx, account, product, api.OpenWait{Ready: func(pv *api.Provisioned) string {
		if pv.Product.SpecificationCode() != target {
			return "the product does not show the new specification " + target + " yet"
		}
		return ""
	}})
	if err != nil {
		return fmt.Errorf("waiting for product %s to change to %s: %w", product, target, err)
	}
	return nil
}

// changeServer moves the server service to another specification with the
// change action and waits until the change took and the service is open.
func (r *vpsResource) changeServer(ctx context.Context, account, product string, server *api.Service, target string) error {
	if server.SpecificationCode() == target {
		return nil
	}
	tflog.Info(ctx, "changing the Hostway server specification", map[string]any{"service_id": server.ID, "from": server.SpecificationCode(), "to": target})
	if err := r.client.ChangeService(ctx, account, product, server.ID, r.client.ServiceSpecificationURL(target)); err != nil {
		return fmt.Errorf("changing server %s to %s: %w", server.ID, target, err)
	}
	_, err := r.client.WaitForOpen(ctx, account, product, api.OpenWait{Ready: func(pv *api.Provisioned) string {
		for _, s := range pv.Services {
			if s.ID == server.ID && s.SpecificationCode() != target {
				return "the server service does not show the new specification " + target + " yet"
			}
		}
		return ""
	}})
	if err != nil {
		return fmt.Errorf("waiting for server %s to change to %s: %w", server.ID, target, err)
	}
	return nil
}

// closeService closes a child service and waits until it is closed.
func (r *vpsResource) closeService(ctx context.Context, account, product, service string) error {
	err := r.client.SetServiceStatus(ctx, account, product, service, api.SetClosed)
	switch {
	case apiclient.IsNotFound(err):
		return nil
	case apiclient.IsConflict(err):
		// Closed already (or closing): then there is nothing to do but wait.
		s, getErr := r.client.GetService(ctx, account, product, service)
		if apiclient.IsNotFound(getErr) {
			return nil
		}
		if getErr != nil || !s.Closed() {
			return err
		}
	case err != nil:
		return err
	}
	return r.client.WaitForServiceClosed(ctx, account, product, service)
}

// addServices orders child services for the existing server: a new order
// on the account whose services are related to the server's account URL.
func (r *vpsResource) addServices(ctx context.Context, plan *vpsModel, pv *api.Provisioned, server *api.Service, requests []api.ServiceRequest) error {
	account, product := pv.Product.AccountNumber, pv.Product.ID
	spec, offering, err := api.ParseOffering(plan.Offering.ValueString())
	if err != nil {
		return err
	}
	serverURL := api.LinkHref(server.Links, "self")
	if serverURL == "" {
		serverURL = r.client.AccountServiceURL(account, product, server.ID)
	}
	before := map[string]bool{}
	for _, s := range pv.Services {
		before[s.ID] = true
	}
	session, err := r.client.PlaceCart(ctx, api.Cart{
		Account:   api.AccountSettings{AccountNumber: account},
		Product:   api.ProductRequest{Offering: r.client.OfferingURL(spec, offering)},
		Children:  requests,
		RelatedTo: serverURL,
	}, api.CartProgress{})
	if err != nil {
		return fmt.Errorf("ordering %d new service(s): %w", len(requests), err)
	}
	tflog.Info(ctx, "ordered Hostway services for an existing VPS", map[string]any{"order_id": session.Order.ID, "count": len(requests)})
	_, err = r.client.WaitForOpen(ctx, account, product, api.OpenWait{Ready: func(pv *api.Provisioned) string {
		n := 0
		for _, s := range pv.Services {
			if !before[s.ID] && !s.Closed() {
				n++
			}
		}
		if n < len(requests) {
			return fmt.Sprintf("%d of %d new services of order %s are on the account", n, len(requests), session.Order.ID)
		}
		return ""
	}})
	if err != nil {
		return fmt.Errorf("waiting for the services of order %s: %w", session.Order.ID, err)
	}
	return nil
}

// diffServices pairs old and new blocks by what they order. It returns the
// indexes of old blocks without a partner (to close) and of new ones
// without a partner (to order).
func diffServices(old, updated []serviceModel, oldServer, newServer *serverModel) (removed, added []int) {
	taken := make([]bool, len(old))
	for i, n := range updated {
		want := n.key(newServer)
		found := false
		for j, o := range old {
			if !taken[j] && o.key(oldServer) == want {
				taken[j], found = true, true
				break
			}
		}
		if !found {
			added = append(added, i)
		}
	}
	for j := range old {
		if !taken[j] {
			removed = append(removed, j)
		}
	}
	return removed, added
}

// ModifyPlan checks the plan against the API at plan time, so that apply
// does not fail half-way: catalog codes the configuration names must
// exist, a new offering decides between a change in place and a new VPS
// (with the API's target lists), and a new server specification must be
// one the server can change into. It also keeps the computed services
// known that an update will not change.
func (r *vpsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if r.client != nil {
		r.planCatalog(ctx, req, resp)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	// Nothing more to decide on create, nor when another argument
	// replaces the VPS anyway.
	if req.State.Raw.IsNull() || len(resp.RequiresReplace) > 0 {
		return
	}
	r.planOffering(ctx, req, resp)
	if r.client == nil || resp.Diagnostics.HasError() || len(resp.RequiresReplace) > 0 {
		return
	}
	r.planServerSpecification(ctx, req, resp)
	if resp.Diagnostics.HasError() || len(resp.RequiresReplace) > 0 {
		return
	}
	planServices(ctx, req, resp)
}

// catalogRefs are the catalog codes a configuration names, by the
// attribute that names them.
type catalogRefs struct {
	offering      types.String
	server        types.String
	services      []serviceModel
	servicesKnown bool
}

func readCatalogRefs(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) (catalogRefs, diag.Diagnostics) {
	var refs catalogRefs
	var blocks types.List
	var diags diag.Diagnostics
	diags.Append(get(ctx, path.Root("offering"), &refs.offering)...)
	diags.Append(get(ctx, path.Root("server").AtName("specification"), &refs.server)...)
	diags.Append(get(ctx, path.Root("service"), &blocks)...)
	if !diags.HasError() && !blocks.IsUnknown() && !blocks.IsNull() {
		diags.Append(blocks.ElementsAs(ctx, &refs.services, false)...)
		refs.servicesKnown = !diags.HasError()
	}
	return refs, diags
}

// planCatalog checks, against Hostway's catalog, the offering and the
// service specifications that the plan names and the state does not yet:
// a code of a valid family that the catalog does not have (e.g.
// core.vps.virtuozzo.server.u999) would otherwise fail only at apply.
func (r *vpsResource) planCatalog(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planned, diags := readCatalogRefs(ctx, req.Plan.GetAttribute)
	if diags.HasError() {
		return // the validators report what is wrong with the configuration
	}
	known := map[string]bool{}
	if !req.State.Raw.IsNull() {
		if current, d := readCatalogRefs(ctx, req.State.GetAttribute); !d.HasError() {
			known[current.offering.ValueString()] = true
			known[mustCode(current.server.ValueString())] = true
			for _, b := range current.services {
				known[mustCode(b.Specification.ValueString())] = true
			}
		}
	}
	if o := planned.offering; !o.IsUnknown() && !o.IsNull() && !known[o.ValueString()] {
		if spec, id, err := api.ParseOffering(o.ValueString()); err == nil {
			_, err := r.client.GetOffering(ctx, spec, id)
			r.catalogResult(path.Root("offering"), "offering", api.OfferingCode(spec, id), err, resp)
		}
	}
	checked := map[string]bool{}
	check := func(at path.Path, v types.String) {
		if v.IsUnknown() || v.IsNull() {
			return
		}
		code, err := api.ParseServiceSpecification(v.ValueString())
		if err != nil || known[code] || checked[code] {
			return
		}
		checked[code] = true
		_, err = r.client.GetServiceSpecification(ctx, code)
		r.catalogResult(at, "service specification", code, err, resp)
	}
	if req.State.Raw.IsNull() {
		// On update, planServerSpecification checks a new server
		// specification against the targets the server may change to.
		check(path.Root("server").AtName("specification"), planned.server)
	}
	for i, b := range planned.services {
		check(path.Root("service").AtListIndex(i).AtName("specification"), b.Specification)
	}
}

// catalogResult turns a catalog lookup into a diagnostic: an error for a
// code the catalog does not have, a warning when the catalog could not be
// read (the code is then checked only by apply).
func (r *vpsResource) catalogResult(at path.Path, what, code string, err error, resp *resource.ModifyPlanResponse) {
	switch {
	case err == nil:
	case apiclient.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(at, "Unknown Hostway "+what,
			fmt.Sprintf("Hostway's catalog has no %s %s. The cloudorder_hostway_offerings data source lists the offerings and "+
				"service specifications of a product specification.", what, code))
	default:
		resp.Diagnostics.AddAttributeWarning(at, "Could not check the Hostway "+what,
			fmt.Sprintf("Reading %s %s from the catalog failed, so it is checked only when applied: %s", what, code, err))
	}
}

// planServices keeps the computed services known where an update leaves
// them as they are. Each service block that pairs with a block of the
// state keeps its service (id, kind, specification, name, billing cycle;
// the status only when it is open, as the update waits until every
// service is open); a new block's service has the values the block gives
// and an unknown id and status. Otherwise the whole list would show as
// unknown whenever one service changes.
func planServices(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var plan, state vpsModel
	if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &state).HasError() {
		return // unknown blocks: nothing can be said yet
	}
	if !plan.Services.IsUnknown() || plan.Server == nil || state.Server == nil ||
		plan.Server.Name.IsUnknown() || plan.Server.BillingCycle.IsUnknown() || state.Services.IsNull() || state.Services.IsUnknown() {
		return
	}
	var current []childModel
	if state.Services.ElementsAs(ctx, &current, false).HasError() || len(current) != len(state.Service) {
		return
	}
	taken := make([]bool, len(state.Service))
	elems := make([]attr.Value, 0, len(plan.Service))
	for _, b := range plan.Service {
		if b.Specification.IsUnknown() || b.Name.IsUnknown() || b.BillingCycle.IsUnknown() {
			return
		}
		want := b.key(plan.Server)
		c := childModel{
			ID: types.StringUnknown(), Kind: types.StringNull(), Specification: types.StringValue(want.spec),
			Name: types.StringValue(want.name), BillingCycle: types.Int64Value(want.cycle), Status: types.StringUnknown(),
		}
		if k, ok := api.KindOf(want.spec); ok {
			c.Kind = types.StringValue(k.Name)
		}
		for j, old := range state.Service {
			if !taken[j] && old.key(state.Server) == want {
				taken[j] = true
				c = current[j]
				if c.Status.ValueString() != api.StatusOpen {
					c.Status = types.StringUnknown()
				}
				break
			}
		}
		obj, d := types.ObjectValueFrom(ctx, childAttrTypes, c)
		if d.HasError() {
			return
		}
		elems = append(elems, obj)
	}
	list, d := types.ListValue(childObjectType, elems)
	if d.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("services"), list)...)
}

// planOffering keeps the VPS when the offering names the same offering
// another way, or the same offering of a product specification the
// product can change into; anything else replaces it.
func (r *vpsResource) planOffering(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	offeringPath := path.Root("offering")
	var planned, current, account, product types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, offeringPath, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, offeringPath, &current)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("account_number"), &account)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("product_id"), &product)...)
	if resp.Diagnostics.HasError() || planned.Equal(current) {
		return
	}
	replace := func() { resp.RequiresReplace = append(resp.RequiresReplace, offeringPath) }
	if planned.IsUnknown() {
		replace()
		return
	}
	newSpec, newID, err1 := api.ParseOffering(planned.ValueString())
	if current.IsNull() && err1 == nil {
		// Imported, and the product's offering could not be told from
		// its billing cycle: the configuration names it, and it stays
		// unless it names another product specification.
		var spec types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("product_specification"), &spec)...)
		if spec.ValueString() == newSpec {
			return
		}
	}
	oldSpec, oldID, err2 := api.ParseOffering(current.ValueString())
	switch {
	case err1 != nil || err2 != nil || newID != oldID || r.client == nil || product.ValueString() == "":
		replace()
		return
	case newSpec == oldSpec:
		return // the same offering, written another way
	}
	targets, err := r.client.TargetProductSpecifications(ctx, account.ValueString(), product.ValueString())
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not check the offering change",
			fmt.Errorf("reading the product specifications product %s may change to (to decide between a change in place and a new VPS): %w", product.ValueString(), err))
		return
	}
	for _, t := range targets {
		if t.Code() == newSpec {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("product_specification"), newSpec)...)
			return
		}
	}
	replace()
}

func (r *vpsResource) planServerSpecification(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	specPath := path.Root("server").AtName("specification")
	var planSpec, stateSpec, account, product, serverID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, specPath, &planSpec)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, specPath, &stateSpec)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("account_number"), &account)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("product_id"), &product)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("server").AtName("id"), &serverID)...)
	if resp.Diagnostics.HasError() || planSpec.IsUnknown() || planSpec.IsNull() || serverID.ValueString() == "" {
		return
	}
	target := mustCode(planSpec.ValueString())
	if target == mustCode(stateSpec.ValueString()) {
		return
	}
	targets, err := r.client.TargetServiceSpecifications(ctx, account.ValueString(), product.ValueString(), serverID.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(specPath, "Could not check the server specification change",
			fmt.Sprintf("Reading the specifications server %s may change to failed, so the change is checked only when applied: %s", serverID.ValueString(), err))
		return
	}
	codes := make([]string, len(targets))
	for i, t := range targets {
		codes[i] = t.Code()
	}
	if !slices.Contains(codes, target) {
		offered := "none"
		if len(codes) > 0 {
			offered = strings.Join(codes, ", ")
		}
		resp.Diagnostics.AddAttributeError(specPath, "Server specification change not offered",
			fmt.Sprintf("Hostway cannot change server %s from %s to %s. The specifications it can change to are: %s. "+
				"To get another server specification, replace the VPS (terraform apply -replace=...).",
				serverID.ValueString(), mustCode(stateSpec.ValueString()), target, offered))
	}
}
