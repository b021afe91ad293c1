package waldur

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

const (
	defaultResourceCreateTimeout = 60 * time.Minute
	defaultResourceUpdateTimeout = 60 * time.Minute
	defaultResourceDeleteTimeout = 60 * time.Minute
)

// marketplaceKind describes one Terraform type built on the shared
// marketplace resource lifecycle.
type marketplaceKind struct {
	// typeSuffix follows the provider name, e.g. "_waldur_resource".
	typeSuffix  string
	description string
	// attributes are the type's own schema attributes, added to the shared ones.
	attributes map[string]schema.Attribute
	// validate checks the configuration beyond single attributes (optional).
	validate func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics)
}

// marketplaceResource implements every marketplace resource type once: T is
// the type's model and PT its pointer, which implements marketplaceModel.
type marketplaceResource[T any, PT interface {
	*T
	marketplaceModel
}] struct {
	client *api.Client
	kind   marketplaceKind
}

func (r *marketplaceResource[T, PT]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.typeSuffix
}

func (r *marketplaceResource[T, PT]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := marketplaceAttributes()
	for name, a := range r.kind.attributes {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: r.kind.description,
		Attributes:          attrs,
		Blocks:              map[string]schema.Block{"timeouts": marketplaceTimeouts(ctx)},
	}
}

func (r *marketplaceResource[T, PT]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *marketplaceResource[T, PT]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if !validatePlanOffering(ctx, req.Config, &resp.Diagnostics) {
		return
	}
	if r.kind.validate != nil {
		r.kind.validate(ctx, req.Config, &resp.Diagnostics)
	}
}

// setFromAPI stores the resource as the API reports it in m.
func setFromAPI[T any, PT interface {
	*T
	marketplaceModel
}](m PT, res *api.MarketplaceResource) diag.Diagnostics {
	m.fields().setFromAPI(res)
	return m.setAttributes(res)
}

func (r *marketplaceResource[T, PT]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m T
	pm := PT(&m)
	resp.Diagnostics.Append(req.Plan.Get(ctx, pm)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := pm.fields()
	timeout, diags := f.Timeouts.Create(ctx, defaultResourceCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	attributes, diags := pm.orderAttributes(ctx)
	resp.Diagnostics.Append(diags...)
	body, diags := f.orderRequest(ctx, r.client, attributes)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	order := placeOrder(ctx, r.client, body, "Create order", &resp.Diagnostics)
	if order == nil {
		return
	}
	if order.MarketplaceResourceUUID == nil || *order.MarketplaceResourceUUID == "" {
		// Waldur creates the resource with the order; without its UUID
		// there is nothing to keep in state, so say which order to look at.
		resp.Diagnostics.AddError("Waldur did not name the resource of the Create order",
			fmt.Sprintf("Order %s was placed but its answer has no marketplace_resource_uuid. Check the order in Waldur; once it is done, import its resource with `terraform import`.", order.UUID))
		return
	}
	resUUID := *order.MarketplaceResourceUUID

	// Save the resource before waiting: if the wait fails, it is in the
	// state as tainted instead of being orphaned in Waldur.
	resp.Diagnostics.Append(setFromAPI(pm, api.ResourceFromOrder(order))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, pm)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if _, err := r.client.WaitForOrder(ctx, order.UUID, f.orderWait()); err != nil {
		r.keepTainted(ctx, pm, resUUID, &resp.State, &resp.Diagnostics, fmt.Errorf("the Create order %s: %w", order.UUID, err))
		return
	}
	res, err := r.client.WaitForResource(ctx, resUUID, api.ResourceOK)
	if err != nil {
		r.keepTainted(ctx, pm, resUUID, &resp.State, &resp.Diagnostics, fmt.Errorf("waiting for marketplace resource %s to be OK: %w", resUUID, err))
		return
	}
	resp.Diagnostics.Append(setFromAPI(pm, res)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, pm)...)
}

// keepTainted reports a failure after the resource exists: the state keeps
// it (refreshed when the API still answers), so Terraform marks it tainted.
func (r *marketplaceResource[T, PT]) keepTainted(ctx context.Context, pm PT, resUUID string, state *tfsdk.State, diags *diag.Diagnostics, err error) {
	// The context may have run out; the read gets a little time of its own.
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if res, rerr := r.client.GetMarketplaceResource(readCtx, resUUID); rerr == nil {
		diags.Append(setFromAPI(pm, res)...)
		diags.Append(state.Set(ctx, pm)...)
	}
	tfdiag.AddTaintedError(diags, "Waldur marketplace resource did not become ready", fmt.Sprintf("Marketplace resource %s", resUUID), err)
}

func (r *marketplaceResource[T, PT]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m T
	pm := PT(&m)
	resp.Diagnostics.Append(req.State.Get(ctx, pm)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := pm.fields().ID.ValueString()
	// The resource is in the state: a journal entry of its create is
	// done (local files only, and only when an entry is in flight).
	r.client.Tracked(id)
	res, err := r.client.GetMarketplaceResource(ctx, id)
	if apiclient.IsNotFound(err) || (err == nil && res.State == api.ResourceTerminated) {
		tflog.Warn(ctx, "Waldur marketplace resource is gone or terminated; removing it from the state", map[string]any{"marketplace_resource_uuid": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Waldur marketplace resource", err)
		return
	}
	resp.Diagnostics.Append(setFromAPI(pm, res)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, pm)...)
}

// Update changes the plan (switch_plan) and the limits (update_limits) in
// place, each through an order that is waited on; everything else that
// can change without replacement only touches the state.
func (r *marketplaceResource[T, PT]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var planned, prior T
	pm, sm := PT(&planned), PT(&prior)
	resp.Diagnostics.Append(req.Plan.Get(ctx, pm)...)
	resp.Diagnostics.Append(req.State.Get(ctx, sm)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, s := pm.fields(), sm.fields()
	timeout, diags := f.Timeouts.Update(ctx, defaultResourceUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := s.ID.ValueString()

	if !f.Plan.IsNull() && !f.Plan.IsUnknown() && !api.SameRef(api.RefPlan, f.Plan.ValueString(), s.Plan.ValueString()) {
		link, _, diags := planURL(r.client, f.Plan, f.Offering)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		err := r.changeResource(ctx, id, "switch_plan", f.orderWait(), func(ctx context.Context) (string, error) {
			return r.client.SwitchResourcePlan(ctx, id, link)
		})
		if err != nil {
			r.failUpdate(ctx, sm, id, resp, "Could not switch the plan of the Waldur marketplace resource", err)
			return
		}
	}
	if !f.Limits.IsNull() && !f.Limits.IsUnknown() && !f.Limits.Equal(s.Limits) {
		limits, diags := limitsFromTF(ctx, f.Limits)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		err := r.changeResource(ctx, id, "update_limits", f.orderWait(), func(ctx context.Context) (string, error) {
			return r.client.UpdateResourceLimits(ctx, id, limits, "")
		})
		if err != nil {
			r.failUpdate(ctx, sm, id, resp, "Could not update the limits of the Waldur marketplace resource", err)
			return
		}
	}

	res, err := r.client.GetMarketplaceResource(ctx, id)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Waldur marketplace resource", err)
		return
	}
	resp.Diagnostics.Append(setFromAPI(pm, res)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, pm)...)
}

// changeResource places an Update order through action once the resource
// can take it, waits for the order, then for the resource to be OK again.
func (r *marketplaceResource[T, PT]) changeResource(ctx context.Context, id, what string, wait api.OrderWait, action api.ResourceAction) error {
	_, orderUUID, err := r.client.PlaceResourceOrder(ctx, id, []string{api.ResourceOK}, action)
	if err != nil {
		return fmt.Errorf("%s on marketplace resource %s: %w", what, id, err)
	}
	tflog.Info(ctx, "placed Waldur Update order", map[string]any{"action": what, "order_uuid": orderUUID, "marketplace_resource_uuid": id})
	if _, err := r.client.WaitForOrder(ctx, orderUUID, wait); err != nil {
		return fmt.Errorf("%s order %s: %w", what, orderUUID, err)
	}
	if _, err := r.client.WaitForResource(ctx, id, api.ResourceOK); err != nil {
		return fmt.Errorf("waiting for marketplace resource %s to be OK after %s: %w", id, what, err)
	}
	return nil
}

// failUpdate reports a failed change and keeps the prior arguments, with
// the facts refreshed, so the next plan proposes the change again.
func (r *marketplaceResource[T, PT]) failUpdate(ctx context.Context, prior PT, id string, resp *resource.UpdateResponse, summary string, err error) {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if res, rerr := r.client.GetMarketplaceResource(readCtx, id); rerr == nil {
		f := prior.fields()
		plan, limits := f.Plan, f.Limits
		resp.Diagnostics.Append(setFromAPI(prior, res)...)
		// Record what the resource has, unless it is what was asked.
		f.Plan, f.Limits = keepIfSameRef(plan, f.Plan), keepIfEqual(limits, f.Limits)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, prior)...)
	tfdiag.AddError(&resp.Diagnostics, summary, err)
}

func keepIfSameRef(prior, now types.String) types.String {
	if !prior.IsNull() && !now.IsNull() && api.SameRef(api.RefPlan, prior.ValueString(), now.ValueString()) {
		return prior
	}
	return now
}

func keepIfEqual(prior, now types.Map) types.Map {
	if prior.Equal(now) {
		return prior
	}
	return now
}

func (r *marketplaceResource[T, PT]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m T
	pm := PT(&m)
	resp.Diagnostics.Append(req.State.Get(ctx, pm)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := pm.fields()
	timeout, diags := f.Timeouts.Delete(ctx, defaultResourceDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := terminateResource(ctx, r.client, f.ID.ValueString(), f.orderWait()); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not terminate the Waldur marketplace resource", err)
		return
	}
	r.client.Tracked(f.ID.ValueString())
}

// terminateResource places a Terminate order once the resource can take it
// (OK or Erred, no other order in progress), waits for the order and then
// for the resource to be Terminated or gone. A resource that is already
// gone needs nothing; one whose Create order still waits for approval is
// withdrawn by deleting that order, since nobody may ever approve it; one
// with a Terminate order in progress (an earlier destroy's, or anyone's)
// gets no second one: that order is waited for.
func terminateResource(ctx context.Context, c *api.Client, id string, wait api.OrderWait) error {
	res, err := liveResource(ctx, c, id)
	if err != nil || res == nil {
		return err
	}
	if withdrawn, err := withdrawPendingCreate(ctx, c, res); err != nil || withdrawn {
		return err
	}
	orderUUID := res.PendingTerminate()
	if orderUUID != "" {
		tflog.Info(ctx, "the resource has a Terminate order in progress; waiting for it", map[string]any{"order_uuid": orderUUID, "marketplace_resource_uuid": id})
	} else {
		_, orderUUID, err = c.PlaceResourceOrder(ctx, id, []string{api.ResourceOK, api.ResourceErred}, func(ctx context.Context) (string, error) {
			return c.TerminateResource(ctx, id, nil)
		})
		if apiclient.IsNotFound(err) || errors.Is(err, waiter.ErrNotFound) || errors.Is(err, api.ErrResourceTerminated) {
			return nil
		}
		if err != nil {
			// Another Terminate order may have come first and finished
			// while this one waited for it.
			if now, rerr := liveResource(ctx, c, id); rerr == nil && now == nil {
				return nil
			}
			return fmt.Errorf("terminating marketplace resource %s: %w", id, err)
		}
		tflog.Info(ctx, "placed Waldur Terminate order", map[string]any{"order_uuid": orderUUID, "marketplace_resource_uuid": id})
	}
	if _, err := c.WaitForOrder(ctx, orderUUID, wait); err != nil {
		return fmt.Errorf("the Terminate order %s of marketplace resource %s: %w", orderUUID, id, err)
	}
	if _, err := c.WaitForResource(ctx, id, api.ResourceTerminated, waiter.StateGone); err != nil {
		return fmt.Errorf("waiting for marketplace resource %s to be terminated: %w", id, err)
	}
	return nil
}

// liveResource reads a marketplace resource; it is nil without an error
// when the resource is gone or terminated.
func liveResource(ctx context.Context, c *api.Client, id string) (*api.MarketplaceResource, error) {
	res, err := c.GetMarketplaceResource(ctx, id)
	if apiclient.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading marketplace resource %s: %w", id, err)
	}
	if res.State == api.ResourceTerminated {
		return nil, nil
	}
	return res, nil
}

// withdrawPendingCreate deletes the Create order of a resource that is not
// there yet because the order waits for approval (the only states in which
// Waldur allows deleting an order). withdrawn reports that nothing is left
// to terminate.
func withdrawPendingCreate(ctx context.Context, c *api.Client, res *api.MarketplaceResource) (withdrawn bool, err error) {
	open := res.OrderInProgress
	if res.State != api.ResourceCreating || open == nil || open.Type != "Create" ||
		(open.State != api.OrderPendingConsumer && open.State != api.OrderPendingProvider) {
		return false, nil
	}
	tflog.Info(ctx, "the resource's Create order still waits for approval; deleting it", map[string]any{"order_uuid": open.UUID, "state": open.State})
	err = c.DeleteOrder(ctx, open.UUID)
	switch {
	case apiclient.IsConflict(err):
		return false, nil // it moved on meanwhile: terminate as usual
	case err != nil && !apiclient.IsNotFound(err):
		return false, fmt.Errorf("deleting the pending Create order %s of marketplace resource %s: %w", open.UUID, res.UUID, err)
	}
	after, err := c.GetMarketplaceResource(ctx, res.UUID)
	if apiclient.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading marketplace resource %s: %w", res.UUID, err)
	}
	// Without its order, a resource that is still Creating will never be
	// more than a record.
	return after.State == api.ResourceTerminated || (after.State == api.ResourceCreating && after.OrderInProgress == nil), nil
}

func (r *marketplaceResource[T, PT]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := api.NormalizeUUID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a Waldur marketplace resource by its UUID, for example `terraform import cloudorder%s.example 0a1b2c3d4e5f67890a1b2c3d4e5f6789`: %s", r.kind.typeSuffix, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}
