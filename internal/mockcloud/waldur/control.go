package waldur

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Test controls and read-only snapshots of the Waldur store. Snapshots first
// apply any automatic progress that is due, so they show what a GET would.

// OrderSnapshot is a copy of an order, for assertions.
type OrderSnapshot struct {
	UUID                    string          `json:"uuid"`
	Type                    string          `json:"type"`
	State                   string          `json:"state"`
	OfferingUUID            string          `json:"offering_uuid"`
	PlanUUID                string          `json:"plan_uuid"`
	OldPlanUUID             string          `json:"old_plan_uuid,omitempty"`
	ProjectUUID             string          `json:"project_uuid"`
	MarketplaceResourceUUID string          `json:"marketplace_resource_uuid"`
	ResourceUUID            string          `json:"resource_uuid"` // "" until done
	Attributes              json.RawMessage `json:"attributes"`
	Limits                  map[string]int  `json:"limits"`
	StartDate               string          `json:"start_date,omitempty"`
	RequestComment          string          `json:"request_comment,omitempty"`
	CallbackURL             string          `json:"callback_url,omitempty"`
	ErrorMessage            string          `json:"error_message"`
	ErrorTraceback          string          `json:"error_traceback"`
	BackendID               string          `json:"backend_id"`
	CreatedBy               string          `json:"created_by"` // username
	ConsumerReviewedBy      string          `json:"consumer_reviewed_by,omitempty"`
	ProviderReviewedBy      string          `json:"provider_reviewed_by,omitempty"`
	Created                 time.Time       `json:"created"`
	Modified                time.Time       `json:"modified"`
	CompletedAt             time.Time       `json:"completed_at"` // zero until done or erred
}

// ResourceSnapshot is a copy of a marketplace resource, for assertions.
type ResourceSnapshot struct {
	UUID              string          `json:"uuid"`
	Name              string          `json:"name"`
	State             string          `json:"state"`
	OfferingUUID      string          `json:"offering_uuid"`
	PlanUUID          string          `json:"plan_uuid"`
	ProjectUUID       string          `json:"project_uuid"`
	ResourceUUID      string          `json:"resource_uuid"` // backend object; "" until created
	BackendID         string          `json:"backend_id"`
	Attributes        json.RawMessage `json:"attributes"`
	Limits            map[string]int  `json:"limits"`
	ErrorMessage      string          `json:"error_message"`
	CreationOrderUUID string          `json:"creation_order_uuid"`
	Created           time.Time       `json:"created"`
	Modified          time.Time       `json:"modified"`
}

func (w *Waldur) orderSnapshot(o *orderRec) OrderSnapshot {
	s := OrderSnapshot{
		UUID: o.UUID, Type: o.Type, State: o.State, OfferingUUID: o.OfferingUUID,
		PlanUUID: o.PlanUUID, OldPlanUUID: o.OldPlanUUID, ProjectUUID: o.ProjectUUID,
		MarketplaceResourceUUID: o.ResourceUUID, ResourceUUID: o.BackendResourceUUID,
		Attributes: slices.Clone(o.Attributes), Limits: cloneLimits(o.Limits),
		StartDate: o.StartDate, RequestComment: deref(o.RequestComment), CallbackURL: deref(o.CallbackURL),
		ErrorMessage: o.ErrorMessage, ErrorTraceback: o.ErrorTraceback, BackendID: o.BackendID,
		CreatedBy: w.username(o.CreatedBy), ConsumerReviewedBy: w.username(o.ConsumerReviewedBy),
		ProviderReviewedBy: w.username(o.ProviderReviewedBy), Created: o.Created, Modified: o.Modified,
	}
	if o.CompletedAt != nil {
		s.CompletedAt = *o.CompletedAt
	}
	return s
}

// username is the user's name; "" for none.
func (w *Waldur) username(id string) string {
	if u := w.db.Users[id]; u != nil {
		return u.Username
	}
	return ""
}

func resourceSnapshot(r *resourceRec) ResourceSnapshot {
	return ResourceSnapshot{
		UUID: r.UUID, Name: r.Name, State: r.State, OfferingUUID: r.OfferingUUID,
		PlanUUID: r.PlanUUID, ProjectUUID: r.ProjectUUID, ResourceUUID: r.BackendUUID,
		BackendID: r.BackendID, Attributes: slices.Clone(r.Attributes), Limits: cloneLimits(r.Limits),
		ErrorMessage: r.ErrorMessage, CreationOrderUUID: r.CreationOrderUUID,
		Created: r.Created, Modified: r.Modified,
	}
}

// Order returns the order with this UUID (hex or dashed).
func (w *Waldur) Order(id string) (OrderSnapshot, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tick(w.now())
	return snapshotOf(w.db.Orders, id, w.orderSnapshot)
}

// Orders returns every order, oldest first.
func (w *Waldur) Orders() []OrderSnapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tick(w.now())
	return snapshotsOf(w.db.Orders, func(o *orderRec) uint64 { return o.Seq }, w.orderSnapshot)
}

// Resource returns the marketplace resource with this UUID.
func (w *Waldur) Resource(id string) (ResourceSnapshot, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tick(w.now())
	return snapshotOf(w.db.Resources, id, resourceSnapshot)
}

// Resources returns every marketplace resource, oldest first.
func (w *Waldur) Resources() []ResourceSnapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tick(w.now())
	return snapshotsOf(w.db.Resources, func(r *resourceRec) uint64 { return r.Seq }, resourceSnapshot)
}

// snapshotOf renders the record of m with this UUID (hex or dashed).
func snapshotOf[R, S any](m map[string]*R, id string, snapshot func(*R) S) (S, bool) {
	id, _ = normalizeUUID(id)
	r := m[id]
	if r == nil {
		var none S
		return none, false
	}
	return snapshot(r), true
}

// snapshotsOf renders every record of m in creation order (by seq).
func snapshotsOf[R, S any](m map[string]*R, seq func(*R) uint64, snapshot func(*R) S) []S {
	recs := slices.Collect(maps.Values(m))
	slices.SortFunc(recs, func(a, b *R) int { return cmp.Compare(seq(a), seq(b)) })
	out := make([]S, 0, len(recs))
	for _, r := range recs {
		out = append(out, snapshot(r))
	}
	return out
}

// SetOrderState forces an order into state, with Waldur's side effects on
// its resource. errorMessage is stored for erred (and kept for rejected or
// canceled when given). A forced executing or pending-start-date state then
// moves on by itself like any other.
func (w *Waldur) SetOrderState(id, state, errorMessage string) error {
	if !slices.Contains(allOrderStates, state) {
		return fmt.Errorf("unknown order state %q", state)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	w.tick(now)
	id, _ = normalizeUUID(id)
	o := w.db.Orders[id]
	if o == nil {
		return fmt.Errorf("no order %q", id)
	}
	switch state {
	case OrderErred:
		w.failOrder(o, errorMessage, "", now)
	default:
		if errorMessage != "" {
			o.ErrorMessage = errorMessage
		}
		w.setOrderState(o, state, now)
	}
	return nil
}

// DeleteOrder removes an order record out of band (its resource stays).
func (w *Waldur) DeleteOrder(id string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	id, _ = normalizeUUID(id)
	if w.db.Orders[id] == nil {
		return false
	}
	w.removeOrder(id)
	return true
}

// DeleteResource removes a marketplace resource out of band (its orders stay).
func (w *Waldur) DeleteResource(id string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	id, _ = normalizeUUID(id)
	if w.db.Resources[id] == nil {
		return false
	}
	delete(w.db.Resources, id)
	w.version++
	return true
}

// SetOfferingOutcome changes how the offering's executing orders end,
// including those already executing.
func (w *Waldur) SetOfferingOutcome(offeringUUID string, outcome OrderOutcome) error {
	return w.changeOffering(offeringUUID, func(o *offeringRec) { o.Outcome = outcomeOf(outcome) })
}

// SetOfferingApproval changes who must approve the offering's new orders.
func (w *Waldur) SetOfferingApproval(offeringUUID string, mode ApprovalMode) error {
	if !mode.valid() || mode == "" {
		return fmt.Errorf("unknown approval mode %q", mode)
	}
	return w.changeOffering(offeringUUID, func(o *offeringRec) { o.Approval = mode })
}

// changeOffering applies change to the offering with this UUID (hex or
// dashed), under the lock.
func (w *Waldur) changeOffering(id string, change func(*offeringRec)) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	id, _ = normalizeUUID(id)
	o := w.db.Offerings[id]
	if o == nil {
		return fmt.Errorf("no offering %q", id)
	}
	change(o)
	w.version++
	return nil
}

// TerminateResource terminates a marketplace resource out of band, as a
// person in the portal would: its open order (if any) is canceled and the
// resource ends Terminated.
func (w *Waldur) TerminateResource(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	w.tick(now)
	id, _ = normalizeUUID(id)
	res := w.db.Resources[id]
	if res == nil {
		return fmt.Errorf("no resource %q", id)
	}
	if open := w.openOrderFor(id); open != nil {
		w.setOrderState(open, OrderCanceled, now)
	}
	res.State = ResourceTerminated
	res.Modified = now
	w.version++
	return nil
}
