// Package hostway is the Hostway backend's Terraform types:
// cloudorder_hostway_vps and the offerings, order and product data
// sources. They are built on the OrderAPI client in internal/hostway/api
// and use only what it exports.
package hostway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

const (
	defaultVPSCreateTimeout = 60 * time.Minute
	defaultVPSUpdateTimeout = 60 * time.Minute
	defaultVPSDeleteTimeout = 30 * time.Minute

	// partnerIDPrefix marks products this provider ordered.
	partnerIDPrefix = "tf-"
	// privateOrderKey holds the order and its OwnerId cookie in the private
	// state, so that a later run can still delete a cart a failed create
	// could not.
	privateOrderKey = "order"
)

var (
	_ resource.Resource                = (*vpsResource)(nil)
	_ resource.ResourceWithConfigure   = (*vpsResource)(nil)
	_ resource.ResourceWithImportState = (*vpsResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*vpsResource)(nil)
)

// NewVPSResource is the cloudorder_hostway_vps resource.
func NewVPSResource() resource.Resource { return &vpsResource{} }

type vpsResource struct{ client *api.Client }

func (r *vpsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hostway_vps"
}

func (r *vpsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Orders a VPS Virtuozzo product through the [Hostway OrderAPI](https://api.hostway.com): " +
			"one order with the product, its Virtuozzo Server service and any child services (control panel, additional memory, " +
			"disk, bandwidth, IP address, PowerPack), then submits it and waits until the product and its services are `open`. " +
			"Child services are added and removed in place, and the server can change to another specification; destroy closes the product.\n\n" +
			"Plan checks the offering and the service specifications against Hostway's catalog, so an unknown code (for example " +
			"`core.vps.virtuozzo.server.u999`) fails at plan, not half-way through apply.\n\n" +
			"**The order's `OwnerId` cookie.** An order is a cart owned by the `OwnerId` cookie that creating it sets; only that cookie " +
			"can change or delete the cart before it is submitted. The resource keeps the order id and this cookie in Terraform's " +
			"*private* state (stored with the state, never shown in plans, outputs or `terraform show`, and not an attribute), so that " +
			"when a create fails before submit, a later refresh or destroy can still find the order and delete the cart instead of " +
			"leaving it behind. Treat the state file as sensitive, as always: the cookie is in it. After submit the cookie is no longer " +
			"needed; the account product is found by `partner_id`." + apiNotes["cloudorder_hostway_vps"],
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`account_number/product_id`, the form `terraform import` takes.",
				PlanModifiers:       keep,
			},
			"offering": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Product offering to order: its code `{product specification}/{offering}`, for example " +
					"`core.plan.vps.virtuozzo.u101/USD-1`, or its URL (`https://api.hostway.com/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-1`). " +
					"The `cloudorder_hostway_offerings` data source lists them. Changing it to the same offering of another product " +
					"specification that the API offers as a target (an upgrade or downgrade, e.g. `core.plan.vps.virtuozzo.u101/USD-1` to " +
					"`core.plan.vps.virtuozzo.u102/USD-1`) runs the API's `change` action in place; any other change orders a new VPS. " +
					"The API's product names no offering: after `terraform import` it is the offering of the product's specification " +
					"whose billing period is the product's billing cycle.",
				Validators: []validator.String{offeringValidator()},
			},
			"display_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Display name of the product on the account. Changing it orders a new VPS.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 100)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"account_number": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Account that holds the product: the provider's `account_number`, or the new account the order " +
					"created when the provider sets `currency` and `language` instead.",
				PlanModifiers: keep,
			},
			"product_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id of the product on the account (not the id it had in the order).",
				PlanModifiers:       keep,
			},
			"partner_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Unique marker (`partnerId`) set on the ordered product. The product is found by it after submit, " +
					"so a create whose answer was lost never orders a second VPS.",
				PlanModifiers: keep,
			},
			"order_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Id of the order that created the product; see the `cloudorder_hostway_order` data source. " +
					"Null after `terraform import`: the API's product does not name its order.",
				PlanModifiers: keep,
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Status of the product: `new`, `pending`, `open`, `suspended`, `close_pending`, `closed` or `purge_pending`.",
			},
			"product_specification": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Code of the product's specification, for example `core.plan.vps.virtuozzo.u101`.",
				PlanModifiers:       keep,
			},
			"services": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The child services as the account holds them, in the order of the `service` blocks.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the service on the account."},
					"kind":          schema.StringAttribute{Computed: true, MarkdownDescription: "Family: `controlpanel`, `additional_memory`, `additional_disk`, `additional_bandwidth`, `ip` or `powerpack`."},
					"specification": schema.StringAttribute{Computed: true, MarkdownDescription: "Code of the service specification."},
					"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the service."},
					"billing_cycle": schema.Int64Attribute{Computed: true, MarkdownDescription: "Billing cycle in months."},
					"status":        schema.StringAttribute{Computed: true, MarkdownDescription: "Status of the service."},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"server": schema.SingleNestedBlock{
				MarkdownDescription: "The Virtuozzo Server Windows/Linux service the VPS is built on. It is always ordered first; " +
					"every `service` is related to it. Required.",
				Validators: []validator.Object{objectvalidator.IsRequired()},
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Name of the server service. The API cannot rename a submitted service, so changing it orders a new VPS.",
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"specification": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Server service specification: a code of the `" + api.ServerPrefix + "*` family, for example " +
							"`core.vps.virtuozzo.server.u100`, or its URL. Changing it runs the API's `change` action in place; " +
							"the new specification must be one the API offers as a target for the server.",
						Validators: []validator.String{serverSpecValidator()},
					},
					"billing_cycle": schema.Int64Attribute{
						Optional:            true,
						Computed:            true,
						Default:             int64default.StaticInt64(1),
						MarkdownDescription: "Billing cycle in months, 1 to 120 (default 1). Changing it orders a new VPS: the API changes billing cycles only before submit.",
						Validators:          []validator.Int64{int64validator.Between(1, 120)},
						PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
					},
					"id": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Id of the server service on the account.",
						PlanModifiers:       keep,
					},
					"status": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Status of the server service.",
					},
				},
			},
			"service": schema.ListNestedBlock{
				MarkdownDescription: "A child service of the server: control panel (`core.vps.virtuozzo.controlpanel.*`), additional memory " +
					"(`core.vps.virtuozzo.additional_memory.*`), disk (`core.vps.virtuozzo.additional_disk.*`), bandwidth " +
					"(`core.vps.virtuozzo.additional_bandwidth.*`), IP address (`core.vps.virtuozzo.ip`) or PowerPack (`core.vps.virtuozzo.powerpack`). " +
					"Repeat the block for more. A new block orders the service on the existing VPS; a removed block closes its service. " +
					"A block whose arguments change is closed and ordered anew, as a submitted service cannot change.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"specification": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Service specification code (for example `core.vps.virtuozzo.ip`) or URL.",
						Validators:          []validator.String{childSpecValidator()},
					},
					"name": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Name of the service. Default: the server's name.",
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
					},
					"billing_cycle": schema.Int64Attribute{
						Optional:            true,
						MarkdownDescription: "Billing cycle in months, 1 to 120. Default: the server's.",
						Validators:          []validator.Int64{int64validator.Between(1, 120)},
					},
				}},
			},
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *vpsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// withTimeout bounds ctx by the timeouts block's value for an operation
// (get is Timeouts.Create, Update or Delete of the plan or state), def
// when the block leaves it out. ok is false when the block could not be
// read; diags say why.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	timeout, d := get(ctx, def)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// orderSession is what the private state keeps about the order.
type orderSession struct {
	OrderID string `json:"order_id"`
	OwnerID string `json:"owner_id"`
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func saveSession(ctx context.Context, p privateSetter, s orderSession) diag.Diagnostics {
	b, _ := json.Marshal(s)
	return p.SetKey(ctx, privateOrderKey, b)
}

func loadSession(ctx context.Context, p privateGetter) orderSession {
	var s orderSession
	if p == nil {
		return s
	}
	if b, _ := p.GetKey(ctx, privateOrderKey); len(b) > 0 {
		_ = json.Unmarshal(b, &s)
	}
	return s
}

// checkServer backs up the server block's IsRequired validator, which
// Terraform runs at plan time, for callers that skip validation.
func checkServer(m *vpsModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if m.Server == nil {
		diags.AddAttributeError(path.Root("server"), "Missing server block", "Add a server block with name and specification.")
	}
	return diags
}

// cart is the order for a new VPS.
func (r *vpsResource) cart(m *vpsModel, partnerID string) (api.Cart, error) {
	spec, offering, err := api.ParseOffering(m.Offering.ValueString())
	if err != nil {
		return api.Cart{}, err
	}
	server := api.ServiceRequest{
		Name:                 m.Server.Name.ValueString(),
		ServiceSpecification: r.client.ServiceSpecificationURL(mustCode(m.Server.Specification.ValueString())),
		BillingCycle:         m.Server.BillingCycle.ValueInt64(),
	}
	children := make([]api.ServiceRequest, len(m.Service))
	for i, s := range m.Service {
		children[i] = s.request(r.client, m.Server)
	}
	return api.Cart{
		Account:  r.client.Account(),
		Product:  api.ProductRequest{Offering: r.client.OfferingURL(spec, offering), DisplayName: m.DisplayName.ValueString(), PartnerID: partnerID},
		Server:   &server,
		Children: children,
	}, nil
}

// mustCode is ParseServiceSpecification for values the validators passed.
func mustCode(s string) string {
	if code, err := api.ParseServiceSpecification(s); err == nil {
		return code
	}
	return s
}

func (r *vpsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vpsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(checkServer(&plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultVPSCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	partnerID := partnerIDPrefix + uuid.NewString()
	cart, err := r.cart(&plan, partnerID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("offering"), "Invalid offering", err.Error())
		return
	}
	if acct := r.client.Account(); !acct.NewAccount() {
		plan.AccountNumber = types.StringValue(acct.AccountNumber)
	}
	// save stores what is known so far: ids go to the state as soon as
	// they exist, so that a failure later leaves a tainted resource that
	// destroy can clean up, never an orphan.
	save := func() {
		snapshot := plan
		snapshot.nullUnknowns()
		resp.Diagnostics.Append(resp.State.Set(ctx, &snapshot)...)
	}

	// A create of a killed run with the same arguments may have ordered
	// this VPS already (the journal of in-flight creates): it is adopted
	// instead of ordering a second one, with a warning.
	adopted, err := r.client.AdoptFromJournal(adopt.WithWarnings(ctx, resp.Diagnostics.AddWarning), cart)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not settle an interrupted create of this Hostway VPS", err)
		return
	}
	var session *api.OrderSession
	var unknown *api.SubmitUnknownError
	if adopted != nil {
		partnerID = adopted.PartnerID
		plan.PartnerID = types.StringValue(partnerID)
		if adopted.Account != "" {
			plan.AccountNumber = types.StringValue(adopted.Account)
		}
		if adopted.OrderID != "" {
			plan.OrderID = types.StringValue(adopted.OrderID)
		}
		session = r.client.ResumeOrderSession(adopted.OrderID, "")
		save()
	} else if session, unknown = r.place(ctx, &plan, cart, save, resp); session == nil {
		return
	}

	account := plan.AccountNumber.ValueString()
	if account == "" {
		if account, err = r.client.WaitForOrderAccount(ctx, session); err != nil {
			tfdiag.AddTaintedError(&resp.Diagnostics, "Hostway VPS ordered, but its account is not known", fmt.Sprintf("Order %s", session.Order.ID), err)
			return
		}
		plan.AccountNumber = types.StringValue(account)
		save()
	}
	// The account product's id is not the order product's: it is found by
	// the marker set on the order product, and saved at once.
	var product *api.Product
	pv, err := r.client.WaitForNewProduct(ctx, account, partnerID, func(p *api.Product) {
		product = p
		plan.ProductID = types.StringValue(p.ID)
		plan.ID = types.StringValue(account + "/" + p.ID)
		save()
		tflog.Info(ctx, "Hostway VPS ordered", map[string]any{"account": account, "product_id": p.ID, "order_id": session.Order.ID})
	})
	if product == nil {
		if unknown != nil {
			err = fmt.Errorf("%w\n\nThe order was probably not submitted: %w", err, unknown)
		}
		tfdiag.AddTaintedError(&resp.Diagnostics, "Hostway VPS ordered, but its product was not found", fmt.Sprintf("Order %s", session.Order.ID), err)
		return
	}
	if err != nil && pv != nil && pv.Services == nil {
		// The wait ended before the product was open, so its services
		// were not read: read them once for the state.
		if services, listErr := r.client.ListServices(ctx, account, product.ID); listErr == nil {
			pv.Services = services
		} else {
			pv = nil
		}
	}
	if pv != nil {
		resp.Diagnostics.Append(plan.setFromAPI(ctx, pv, plan.Service)...)
		save()
	}
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "Hostway VPS was not provisioned",
			fmt.Sprintf("Product %s of account %s", product.ID, account), fmt.Errorf("product %s: %w", product.ID, err))
	}
}

// place orders the VPS of cart (PlaceCart); nil when the create ended
// (diagnostics say why). unknown is set when the submit's answer was
// lost: the product is then looked for by its marker.
func (r *vpsResource) place(ctx context.Context, plan *vpsModel, cart api.Cart, save func(), resp *resource.CreateResponse) (*api.OrderSession, *api.SubmitUnknownError) {
	plan.PartnerID = types.StringValue(cart.Product.PartnerID)
	session, err := r.client.PlaceCart(ctx, cart, api.CartProgress{
		Created: func(order api.Ref, ownerID string) {
			plan.OrderID = types.StringValue(order.ID)
			resp.Diagnostics.Append(saveSession(ctx, resp.Private, orderSession{OrderID: order.ID, OwnerID: ownerID})...)
			save()
		},
	})
	var unknown *api.SubmitUnknownError
	switch {
	case err == nil:
	case api.CartDeleted(err):
		// Nothing was ordered and no cart is left: nothing to track.
		resp.State.RemoveResource(ctx)
		tfdiag.AddError(&resp.Diagnostics, "Could not order the Hostway VPS", err)
		return nil, nil
	case errors.As(err, &unknown) && !plan.AccountNumber.IsNull():
		// Whether the submit went through is unknown, and so is the
		// order's status: the product's marker tells. Never submit again.
		tflog.Warn(ctx, "the answer to the submit was lost; looking for the product by its partnerId", map[string]any{"order_id": unknown.Order.ID, "error": err.Error()})
	default:
		tfdiag.AddTaintedError(&resp.Diagnostics, "Could not order the Hostway VPS", fmt.Sprintf("Order %s", plan.OrderID.ValueString()), err)
		return nil, nil
	}
	return session, unknown
}

func (r *vpsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state vpsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The VPS is in the state: a journal entry of its create (named by
	// its marker) is done. Local files only, and only when one is in
	// flight.
	marker := state.PartnerID.ValueString()
	r.client.Tracked(marker)
	account, product := state.AccountNumber.ValueString(), state.ProductID.ValueString()
	if account == "" || product == "" {
		if a, p, err := parseID(state.ID.ValueString()); err == nil {
			account, product = a, p
		}
	}
	if product == "" {
		// A create that failed after submit: the product is found by its
		// marker, or the state is left as it is for destroy to clean up.
		found, gone := r.recoverProduct(ctx, &state, loadSession(ctx, req.Private), &resp.Diagnostics)
		switch {
		case gone:
			resp.State.RemoveResource(ctx)
			return
		case found == nil:
			return
		}
		account, product = found.AccountNumber, found.ID
	}
	pv, err := r.client.ReadProvisioned(ctx, account, product)
	if apiclient.IsNotFound(err) || (err == nil && pv.Product.Closed()) {
		tflog.Warn(ctx, "Hostway product not found or closed; removing it from the state", map[string]any{"account": account, "product_id": product})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Hostway VPS", err)
		return
	}
	resp.Diagnostics.Append(state.setFromAPI(ctx, pv, state.Service)...)
	if marker == "" {
		r.client.Tracked(state.PartnerID.ValueString()) // after an import: the product's marker
	}
	if state.Offering.IsNull() {
		// After an import: the product body names no offering.
		if spec, id, ok, err := r.client.OfferingOf(ctx, pv.Product); err != nil {
			tflog.Warn(ctx, "could not tell the offering of an imported Hostway product", map[string]any{"product_id": product, "error": err.Error()})
		} else if ok {
			state.Offering = types.StringValue(api.OfferingCode(spec, id))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// recoverProduct finds the product of a state that has none yet. gone
// means the order no longer exists, so neither does anything it made.
func (r *vpsResource) recoverProduct(ctx context.Context, m *vpsModel, sess orderSession, diags *diag.Diagnostics) (found *api.Product, gone bool) {
	account, partner := m.AccountNumber.ValueString(), m.PartnerID.ValueString()
	var order *api.Order
	if m.OrderID.ValueString() != "" {
		o, err := r.client.ResumeOrderSession(m.OrderID.ValueString(), sess.OwnerID).Get(ctx)
		switch {
		case apiclient.IsNotFound(err):
			return nil, true
		case err != nil:
			tflog.Warn(ctx, "could not read the order of an unfinished create", map[string]any{"order_id": m.OrderID.ValueString(), "error": err.Error()})
		default:
			order = o
			if account == "" {
				account = o.Account
			}
		}
	}
	if account == "" || partner == "" {
		return nil, false
	}
	p, err := r.client.LookupProductByPartnerID(ctx, account, partner)
	if err != nil {
		tfdiag.AddError(diags, "Could not look for the Hostway product", err)
		return nil, false
	}
	if p == nil && order != nil && order.IsNew() {
		return nil, false // still a cart: destroy deletes it
	}
	return p, false
}

func (r *vpsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	account, product, err := parseID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a Hostway VPS by account number and product id, for example "+
				"`terraform import cloudorder_hostway_vps.example acct123456/00000143d407b725d9eb9a41007f000000010001`: %s", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("account_number"), account)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("product_id"), product)...)
}
