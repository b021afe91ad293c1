package waldur

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Handlers of /api/projects/ and /api/marketplace-public-offerings/
// (read-only: the mock's catalog is seeded, not created through the API).

func (w *Waldur) listProjects(c *call) reply {
	return listFiltered(c, w.filterProjects, func(p *projectRec) projectView { return w.projectView(c, p) })
}

func (w *Waldur) countProjects(c *call) reply { return countFiltered(c, w.filterProjects) }

var projectOrderings = map[string]func(a, b *projectRec) int{
	"created": func(a, b *projectRec) int { return a.Created.Compare(b.Created) },
	"name":    func(a, b *projectRec) int { return strings.Compare(a.Name, b.Name) },
}

func (w *Waldur) filterProjects(c *call) ([]*projectRec, reply, bool) {
	f := c.filters()
	customers := f.uuids("customer", true)
	name := f.text("name")
	nameExact := f.text("name_exact")
	slug := f.text("slug")
	query := f.text("query")
	order := f.ordering(mapKeys(projectOrderings))
	if rep, failed := f.failed(); failed {
		return nil, rep, false
	}
	var out []*projectRec
	for _, p := range w.db.Projects {
		switch {
		case len(customers) > 0 && !slices.Contains(customers, p.CustomerUUID),
			name != "" && !containsFold(p.Name, name),
			nameExact != "" && p.Name != nameExact,
			slug != "" && p.Slug != slug,
			query != "" && !containsFold(p.Name, query) && !matchesUUID(p.UUID, query):
			continue
		}
		out = append(out, p)
	}
	sortItems(out, order, projectOrderings, func(p *projectRec) (time.Time, uint64) { return p.Created, p.Seq })
	return out, reply{}, true
}

func (w *Waldur) getProject(c *call) reply {
	p, rep, ok := recordFromPath(c, "uuid", w.db.Projects)
	if !ok {
		return rep
	}
	return jsonReply(http.StatusOK, w.projectView(c, p))
}

func (w *Waldur) listOfferings(c *call) reply {
	return listFiltered(c, w.filterOfferings, func(o *offeringRec) offeringView { return w.offeringView(c, o) })
}

func (w *Waldur) countOfferings(c *call) reply { return countFiltered(c, w.filterOfferings) }

var offeringOrderings = map[string]func(a, b *offeringRec) int{
	"created": func(a, b *offeringRec) int { return a.Created.Compare(b.Created) },
	"name":    func(a, b *offeringRec) int { return strings.Compare(a.Name, b.Name) },
	"type":    func(a, b *offeringRec) int { return strings.Compare(a.Type, b.Type) },
	// Every mocked offering is Active.
	"state": func(a, b *offeringRec) int { return 0 },
}

var offeringStates = []string{"Draft", "Active", "Paused", "Archived", "Unavailable"}

func (w *Waldur) filterOfferings(c *call) ([]*offeringRec, reply, bool) {
	f := c.filters()
	customer := f.uuid("customer_uuid")
	name := f.text("name")
	nameExact := f.text("name_exact")
	types := f.values("type", false)
	states := f.choices("state", offeringStates, false)
	query := f.text("query")
	order := f.ordering(mapKeys(offeringOrderings))
	if rep, failed := f.failed(); failed {
		return nil, rep, false
	}
	var out []*offeringRec
	for _, o := range w.db.Offerings {
		switch {
		case customer != "" && o.CustomerUUID != customer,
			name != "" && !containsFold(o.Name, name),
			nameExact != "" && o.Name != nameExact,
			len(types) > 0 && !slices.Contains(types, o.Type),
			len(states) > 0 && !slices.Contains(states, "Active"),
			query != "" && !containsFold(o.Name, query) && !containsFold(o.Description, query) && !matchesUUID(o.UUID, query):
			continue
		}
		out = append(out, o)
	}
	sortItems(out, order, offeringOrderings, func(o *offeringRec) (time.Time, uint64) { return o.Created, o.Seq })
	return out, reply{}, true
}

func (w *Waldur) getOffering(c *call) reply {
	o, rep, ok := w.offeringFromPath(c)
	if !ok {
		return rep
	}
	return jsonReply(http.StatusOK, w.offeringView(c, o))
}

func (w *Waldur) listPlans(c *call) reply {
	o, rep, ok := w.offeringFromPath(c)
	if !ok {
		return rep
	}
	var plans []*planRec
	for _, id := range o.PlanUUIDs {
		if p := w.db.Plans[id]; p != nil {
			plans = append(plans, p)
		}
	}
	return listReply(c, plans, func(p *planRec) planView { return w.planView(c, p) })
}

func (w *Waldur) getPlan(c *call) reply {
	o, rep, ok := w.offeringFromPath(c)
	if !ok {
		return rep
	}
	p, rep, ok := recordFromPath(c, "plan_uuid", w.db.Plans)
	if !ok {
		return rep
	}
	if p.OfferingUUID != o.UUID {
		return notFound()
	}
	return jsonReply(http.StatusOK, w.planView(c, p))
}

func matchesUUID(id, query string) bool {
	q, ok := normalizeUUID(query)
	return ok && q == id
}
