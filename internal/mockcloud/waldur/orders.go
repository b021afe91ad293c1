package waldur

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Handlers of /api/marketplace-orders/.

func (w *Waldur) listOrders(c *call) reply {
	return listFiltered(c, w.filterOrders, func(o *orderRec) orderView { return w.orderView(c, o, false) })
}

func (w *Waldur) countOrders(c *call) reply { return countFiltered(c, w.filterOrders) }

var orderOrderings = map[string]func(a, b *orderRec) int{
	"created": func(a, b *orderRec) int { return a.Created.Compare(b.Created) },
	"state":   func(a, b *orderRec) int { return strings.Compare(a.State, b.State) },
	"cost": func(a, b *orderRec) int {
		return compareDecimal(a.Cost, b.Cost)
	},
	"consumer_reviewed_at": func(a, b *orderRec) int { return compareTimePtr(a.ConsumerReviewedAt, b.ConsumerReviewedAt) },
}

func (w *Waldur) filterOrders(c *call) ([]*orderRec, reply, bool) {
	f := c.filters()
	project := f.uuid("project_uuid")
	offering := f.uuid("offering_uuid")
	customer := f.uuid("customer_uuid")
	provider := f.uuid("provider_uuid")
	resource := f.uuid("resource_uuid")
	states := f.choices("state", allOrderStates, false)
	types := f.choices("type", allOrderTypes, false)
	offeringTypes := f.values("offering_type", false)
	created := f.since("created")
	modified := f.since("modified")
	query := f.text("query")
	resourceName := f.text("resource_name")
	order := f.ordering(mapKeys(orderOrderings))
	if rep, failed := f.failed(); failed {
		return nil, rep, false
	}

	var out []*orderRec
	for _, o := range w.db.Orders {
		off := w.db.Offerings[o.OfferingUUID]
		proj := w.db.Projects[o.ProjectUUID]
		switch {
		case project != "" && o.ProjectUUID != project,
			offering != "" && o.OfferingUUID != offering,
			customer != "" && (proj == nil || proj.CustomerUUID != customer),
			provider != "" && (off == nil || off.CustomerUUID != provider),
			resource != "" && o.ResourceUUID != resource,
			len(states) > 0 && !slices.Contains(states, o.State),
			len(types) > 0 && !slices.Contains(types, o.Type),
			len(offeringTypes) > 0 && (off == nil || !slices.Contains(offeringTypes, off.Type)),
			!created.IsZero() && o.Created.Before(created),
			!modified.IsZero() && o.Modified.Before(modified),
			resourceName != "" && !containsFold(w.orderResourceName(o), resourceName):
			continue
		}
		if query != "" && !w.orderMatchesQuery(o, proj, query) {
			continue
		}
		out = append(out, o)
	}
	sortItems(out, order, orderOrderings, func(o *orderRec) (time.Time, uint64) { return o.Created, o.Seq })
	return out, reply{}, true
}

// orderMatchesQuery is Waldur's "query" search: order UUID, slug, project
// name or resource name.
func (w *Waldur) orderMatchesQuery(o *orderRec, proj *projectRec, query string) bool {
	if id, ok := normalizeUUID(query); ok && id == o.UUID {
		return true
	}
	return containsFold(o.Slug, query) ||
		(proj != nil && containsFold(proj.Name, query)) ||
		containsFold(w.orderResourceName(o), query)
}

func (w *Waldur) getOrder(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	return jsonReply(http.StatusOK, w.orderView(c, o, false))
}

func (w *Waldur) createOrder(c *call) reply {
	in, rep, ok := c.input()
	if !ok {
		return rep
	}
	project := w.projectLink(in, "project", true)
	offering := w.offeringLink(in, "offering", true)
	plan := w.planLink(in, "plan", false)
	attributes := in.object("attributes")
	limits, _ := in.limits("limits")
	orderType := in.choice("type", allOrderTypes, OrderTypeCreate)
	startDate := in.date("start_date")
	callbackURL := in.urlField("callback_url", 200)
	comment := in.text("request_comment", true, true, 255)
	in.boolean("accepting_terms_of_service") // write-only: checked, never stored
	in.text("slug", false, false, 50)
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	// Object-level checks run only once every field is valid, as in DRF.
	if offering.RequirePlanAndName && orderType == OrderTypeCreate {
		if plan == nil {
			in.errs.add("plan", "This field is required.")
		}
		if attributes == nil {
			in.errs.add("attributes", "This field is required.")
		} else if attributeName(attributes) == "" {
			in.errs["attributes"] = map[string]any{"name": []string{"This field is required."}}
		}
		if len(in.errs) > 0 {
			return in.errs.reply()
		}
	}
	if plan != nil && plan.OfferingUUID != offering.UUID {
		in.errs.add("plan", "This plan is not available for selected offering.")
		return in.errs.reply()
	}
	if errs := validateLimits(offering, limits); errs != nil {
		return errs.reply()
	}
	if attributes == nil {
		attributes = json.RawMessage("{}")
	}

	name := attributeName(attributes)
	res := &resourceRec{
		Seq: w.nextSeq(), UUID: newUUID(), Slug: slugify(name, "resource"), Name: name,
		State: ResourceCreating, OfferingUUID: offering.UUID, ProjectUUID: project.UUID,
		Attributes: attributes, Limits: cloneLimits(limits), Created: c.now, Modified: c.now,
	}
	if plan != nil {
		res.PlanUUID = plan.UUID
	}
	w.db.Resources[res.UUID] = res
	o := &orderRec{
		Type: orderType, OfferingUUID: offering.UUID, PlanUUID: res.PlanUUID,
		ProjectUUID: project.UUID, ResourceUUID: res.UUID,
		Attributes: attributes, Limits: limits, RequestComment: comment,
		CallbackURL: callbackURL, StartDate: startDate,
	}
	w.placeOrder(c, o, offering, name)
	res.CreationOrderUUID = o.UUID

	out := jsonReply(http.StatusCreated, w.orderView(c, o, true))
	out.header = http.Header{"Location": {c.link("/api/marketplace-orders/%s/", o.UUID)}}
	return out
}

// placeOrder stores a new order and puts it in its first state: waiting for
// its start date, for approval, or executing. The creator approves as
// consumer at once unless the offering wants a consumer review.
func (w *Waldur) placeOrder(c *call, o *orderRec, offering *offeringRec, name string) {
	o.Seq = w.nextSeq()
	o.UUID = newUUID()
	o.Slug = slugify(name, "order")
	o.Created, o.Modified = c.now, c.now
	o.CreatedBy = c.user.UUID
	if o.Limits == nil {
		o.Limits = map[string]int{}
	}
	if p := w.db.Plans[o.PlanUUID]; p != nil {
		o.Cost = decimalString(p.UnitPrice, 10)
	}
	if !offering.Approval.needsConsumer() {
		o.ConsumerReviewedBy = c.user.UUID
		o.ConsumerReviewedAt = ptr(c.now)
	}
	state := entryState(offering.Approval)
	if o.StartDate != "" && c.now.Before(w.startDue(o)) {
		state = OrderPendingStartDate
	}
	w.db.Orders[o.UUID] = o
	w.setOrderState(o, state, c.now)
}

// validateLimits checks limit names against the offering's limit-based
// components and their bounds. Inferred: Waldur's exact wording is unknown.
func validateLimits(offering *offeringRec, limits map[string]int) fieldErrors {
	if offering == nil || len(limits) == 0 || len(offering.Components) == 0 {
		return nil
	}
	errs := fieldErrors{}
	for _, name := range sortedKeys(limits) {
		var comp *ComponentSpec
		for i := range offering.Components {
			if offering.Components[i].Type == name && offering.Components[i].BillingType == "limit" {
				comp = &offering.Components[i]
			}
		}
		switch {
		case comp == nil:
			errs.add("limits", "Invalid limit component: "+name+".")
		case comp.MinValue != nil && limits[name] < *comp.MinValue:
			errs.add("limits", "The value of "+name+" is below the minimum of the component.")
		case comp.MaxValue != nil && limits[name] > *comp.MaxValue:
			errs.add("limits", "The value of "+name+" exceeds the maximum of the component.")
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
