package waldur

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Handlers of /api/marketplace-resources/. Changing a resource places an
// order (Update or Terminate) and answers its UUID; the resource follows the
// order's state (see syncResource).

func (w *Waldur) listResources(c *call) reply {
	return listFiltered(c, w.filterResources, func(r *resourceRec) resourceView { return w.resourceView(c, r) })
}

func (w *Waldur) countResources(c *call) reply { return countFiltered(c, w.filterResources) }

func (w *Waldur) resourceOrderings() map[string]func(a, b *resourceRec) int {
	return map[string]func(a, b *resourceRec) int{
		"created": func(a, b *resourceRec) int { return a.Created.Compare(b.Created) },
		"name":    func(a, b *resourceRec) int { return strings.Compare(a.Name, b.Name) },
		"state":   func(a, b *resourceRec) int { return strings.Compare(a.State, b.State) },
		"project_name": func(a, b *resourceRec) int {
			return strings.Compare(w.projectName(a.ProjectUUID), w.projectName(b.ProjectUUID))
		},
		// The mock's resources have no end date; the key is accepted as Waldur's is.
		"end_date": func(a, b *resourceRec) int { return 0 },
	}
}

func (w *Waldur) filterResources(c *call) ([]*resourceRec, reply, bool) {
	f := c.filters()
	project := f.uuid("project_uuid")
	offerings := f.uuids("offering_uuid", true)
	customer := f.uuid("customer_uuid")
	provider := f.uuid("provider_uuid")
	plan := f.uuid("plan_uuid")
	states := f.choices("state", allResourceStates, false)
	offeringType := f.text("offering_type")
	name := f.text("name")
	nameExact := f.text("name_exact")
	backendID := f.text("backend_id")
	query := f.text("query")
	created := f.since("created")
	modified := f.since("modified")
	orderings := w.resourceOrderings()
	order := f.ordering(mapKeys(orderings))
	if rep, failed := f.failed(); failed {
		return nil, rep, false
	}

	var out []*resourceRec
	for _, r := range w.db.Resources {
		off := w.db.Offerings[r.OfferingUUID]
		proj := w.db.Projects[r.ProjectUUID]
		switch {
		case project != "" && r.ProjectUUID != project,
			len(offerings) > 0 && !slices.Contains(offerings, r.OfferingUUID),
			customer != "" && (proj == nil || proj.CustomerUUID != customer),
			provider != "" && (off == nil || off.CustomerUUID != provider),
			plan != "" && r.PlanUUID != plan,
			len(states) > 0 && !slices.Contains(states, r.State),
			offeringType != "" && (off == nil || off.Type != offeringType),
			name != "" && !containsFold(r.Name, name),
			nameExact != "" && r.Name != nameExact,
			backendID != "" && r.BackendID != backendID,
			!created.IsZero() && r.Created.Before(created),
			!modified.IsZero() && r.Modified.Before(modified):
			continue
		}
		if query != "" && !resourceMatchesQuery(r, query) {
			continue
		}
		out = append(out, r)
	}
	sortItems(out, order, orderings, func(r *resourceRec) (time.Time, uint64) { return r.Created, r.Seq })
	return out, reply{}, true
}

func (w *Waldur) projectName(id string) string {
	if p := w.db.Projects[id]; p != nil {
		return p.Name
	}
	return ""
}

// resourceMatchesQuery is Waldur's "query" search: name, UUID or backend id.
func resourceMatchesQuery(r *resourceRec, query string) bool {
	if id, ok := normalizeUUID(query); ok && id == r.UUID {
		return true
	}
	return containsFold(r.Name, query) || containsFold(r.BackendID, query)
}

func (w *Waldur) getResource(c *call) reply {
	res, rep, ok := w.resourceFromPath(c)
	if !ok {
		return rep
	}
	return jsonReply(http.StatusOK, w.resourceView(c, res))
}

func (w *Waldur) terminateResource(c *call) reply {
	res, in, rep, ok := recordAndInput(c, w.db.Resources)
	if !ok {
		return rep
	}
	attributes := in.object("attributes")
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	if rep, ok := w.checkResourceChangeable(res, ResourceOK, ResourceErred); !ok {
		return rep
	}
	if attributes == nil {
		attributes = json.RawMessage("{}")
	}
	return w.placeResourceOrder(c, res, &orderRec{
		Type: OrderTypeTerminate, PlanUUID: res.PlanUUID, Attributes: attributes,
	})
}

func (w *Waldur) switchPlan(c *call) reply {
	res, in, rep, ok := recordAndInput(c, w.db.Resources)
	if !ok {
		return rep
	}
	plan := w.planLink(in, "plan", true)
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	if plan.OfferingUUID != res.OfferingUUID {
		in.errs.add("plan", "This plan is not available for selected offering.")
		return in.errs.reply()
	}
	if rep, ok := w.checkResourceChangeable(res, ResourceOK); !ok {
		return rep
	}
	return w.placeResourceOrder(c, res, &orderRec{
		Type: OrderTypeUpdate, PlanUUID: plan.UUID, OldPlanUUID: res.PlanUUID,
		Limits: cloneLimits(res.Limits),
	})
}

func (w *Waldur) updateLimits(c *call) reply {
	res, in, rep, ok := recordAndInput(c, w.db.Resources)
	if !ok {
		return rep
	}
	var limits map[string]int
	if in.required("limits") {
		limits, _ = in.limits("limits")
	}
	comment := in.text("request_comment", true, true, 255)
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	if errs := validateLimits(w.db.Offerings[res.OfferingUUID], limits); errs != nil {
		return errs.reply()
	}
	if rep, ok := w.checkResourceChangeable(res, ResourceOK); !ok {
		return rep
	}
	return w.placeResourceOrder(c, res, &orderRec{
		Type: OrderTypeUpdate, PlanUUID: res.PlanUUID, Limits: limits, RequestComment: comment,
	})
}

// checkResourceChangeable answers 409 unless the resource has no order in
// progress and is in one of states. The open order is named first: it is
// what a client has to wait for.
func (w *Waldur) checkResourceChangeable(res *resourceRec, states ...string) (reply, bool) {
	if open := w.openOrderFor(res.UUID); open != nil {
		return detail(http.StatusConflict, "Resource already has an order in progress: "+open.UUID+" ("+open.Type+", "+open.State+")."), false
	}
	if !slices.Contains(states, res.State) {
		return stateConflict(states, res.State), false
	}
	return reply{}, true
}

func (w *Waldur) placeResourceOrder(c *call, res *resourceRec, o *orderRec) reply {
	offering := w.db.Offerings[res.OfferingUUID]
	if offering == nil {
		return detail(http.StatusConflict, "The resource's offering no longer exists.")
	}
	o.OfferingUUID = res.OfferingUUID
	o.ProjectUUID = res.ProjectUUID
	o.ResourceUUID = res.UUID
	o.BackendResourceUUID = res.BackendUUID
	o.PrevResourceState = res.State
	if o.Attributes == nil {
		o.Attributes = json.RawMessage("{}")
	}
	w.placeOrder(c, o, offering, res.Name)
	return jsonReply(http.StatusOK, map[string]string{"order_uuid": o.UUID})
}
