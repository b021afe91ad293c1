package hostway

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
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
	updateTimeout, diags := plan.Timeouts.Update(ctx, defaultVPSUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
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

func (r *vpsResource) applyChanges(ctx context.Context, plan, state *vpsModel, pv *Provisioned) error {
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
	requests := make([]ServiceRequest, len(added))
	for n, i := range added {
		requests[n] = plan.Service[i].request(r.client, plan.Server)
	}
	return r.addServices(ctx, plan, pv, apiServer, requests)
}

// changeProduct upgrades or downgrades the product to the product
// specification of the planned offering with the change action (ModifyPlan
// planned a replacement unless the API offers it as a target).
func (r *vpsResource) changeProduct(ctx context.Context, account, product string, p *Product, offering string) error {
	target, _, err := ParseOffering(offering)
	if err != nil {
		return err
	}
	if idFromURL(p.ProductSpecification) == target {
		return nil
	}
	tflog.Info(ctx, "changing the Hostway product specification", map[string]any{"product_id": product, "from": idFromURL(p.ProductSpecification), "to": target})
	if err := r.client.ChangeProduct(ctx, account, product, r.client.ProductSpecificationURL(target)); err != nil {
		return fmt.Errorf("changing product %s to %s: %w", product, target, err)
	}
	_, err = r.client.WaitForOpen(ctx, account, product, OpenWait{Ready: func(pv *Provisioned) string {
		if idFromURL(pv.Product.ProductSpecification) != target {
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
func (r *vpsResource) changeServer(ctx context.Context, account, product string, server *Service, target string) error {
	if server.SpecificationCode() == target {
		return nil
	}
	tflog.Info(ctx, "changing the Hostway server specification", map[string]any{"service_id": server.ID, "from": server.SpecificationCode(), "to": target})
	if err := r.client.ChangeService(ctx, account, product, server.ID, r.client.ServiceSpecificationURL(target)); err != nil {
		return fmt.Errorf("changing server %s to %s: %w", server.ID, target, err)
	}
	_, err := r.client.WaitForOpen(ctx, account, product, OpenWait{Ready: func(pv *Provisioned) string {
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
	err := r.client.SetServiceStatus(ctx, account, product, service, SetClosed)
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
func (r *vpsResource) addServices(ctx context.Context, plan *vpsModel, pv *Provisioned, server *Service, requests []ServiceRequest) error {
	account, product := pv.Product.AccountNumber, pv.Product.ID
	spec, offering, err := ParseOffering(plan.Offering.ValueString())
	if err != nil {
		return err
	}
	serverURL := linkHref(server.Links, "self")
	if serverURL == "" {
		serverURL = r.client.AccountServiceURL(account, product, server.ID)
	}
	before := map[string]bool{}
	for _, s := range pv.Services {
		before[s.ID] = true
	}
	session, err := r.client.PlaceCart(ctx, Cart{
		Account:   AccountSettings{AccountNumber: account},
		Product:   ProductRequest{Offering: r.client.OfferingURL(spec, offering)},
		Children:  requests,
		RelatedTo: serverURL,
	}, CartProgress{})
	if err != nil {
		return fmt.Errorf("ordering %d new service(s): %w", len(requests), err)
	}
	tflog.Info(ctx, "ordered Hostway services for an existing VPS", map[string]any{"order_id": session.Order.ID, "count": len(requests)})
	_, err = r.client.WaitForOpen(ctx, account, product, OpenWait{Ready: func(pv *Provisioned) string {
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

// ModifyPlan decides at plan time, with the API's target lists, whether a
// new offering can be reached in place, and checks that a new server
// specification is one the server can change into, so that apply does
// not fail half-way.
func (r *vpsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// Nothing to decide on create and destroy, nor when another argument
	// replaces the VPS anyway.
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || len(resp.RequiresReplace) > 0 {
		return
	}
	r.planOffering(ctx, req, resp)
	if r.client == nil || resp.Diagnostics.HasError() || len(resp.RequiresReplace) > 0 {
		return
	}
	r.planServerSpecification(ctx, req, resp)
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
	newSpec, newID, err1 := ParseOffering(planned.ValueString())
	oldSpec, oldID, err2 := ParseOffering(current.ValueString())
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
		if t.CodeOrSelf() == newSpec {
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
