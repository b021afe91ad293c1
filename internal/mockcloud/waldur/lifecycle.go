package waldur

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The order state machine. Every state change goes through setOrderState,
// which also keeps the order's marketplace resource in step; automatic
// progress (start date reached, execution finished) is computed lazily by
// tick from the time each state was entered.

var allOrderStates = []string{
	OrderPendingConsumer, OrderPendingProvider, OrderPendingProject, OrderPendingStartDate,
	OrderExecuting, OrderDone, OrderErred, OrderCanceled, OrderRejected,
}

var allOrderTypes = []string{OrderTypeCreate, OrderTypeUpdate, OrderTypeTerminate, OrderTypeRestore}

var allResourceStates = []string{
	ResourceCreating, ResourceOK, ResourceErred, ResourceUpdating, ResourceTerminating, ResourceTerminated,
}

// States each action accepts. Waldur answers 409 for any other state.
var (
	pendingStates       = []string{OrderPendingConsumer, OrderPendingProvider, OrderPendingProject, OrderPendingStartDate}
	deletableStates     = []string{OrderPendingConsumer, OrderPendingProvider}
	cancelableStates    = append(slices.Clone(pendingStates), OrderExecuting)
	erredFromStates     = append(slices.Clone(pendingStates), OrderExecuting)
	executingFromStates = append(slices.Clone(pendingStates), OrderErred)
)

func isFinalOrderState(state string) bool {
	switch state {
	case OrderDone, OrderErred, OrderCanceled, OrderRejected:
		return true
	}
	return false
}

// stateConflict is Waldur's IncorrectStateException (409), naming the state
// the order is in so that a client's error says what went wrong.
func stateConflict(allowed []string, current string) reply {
	return detail(409, fmt.Sprintf("Valid states for operation: %s. Current state: %s.", strings.Join(allowed, ", "), current))
}

// checkOrderState returns a 409 reply unless o is in one of allowed.
func checkOrderState(o *orderRec, allowed ...string) (reply, bool) {
	if slices.Contains(allowed, o.State) {
		return reply{}, true
	}
	return stateConflict(allowed, o.State), false
}

// entryState is where a new order starts once no start date holds it back.
func entryState(a ApprovalMode) string {
	switch {
	case a.needsConsumer():
		return OrderPendingConsumer
	case a.needsProvider():
		return OrderPendingProvider
	default:
		return OrderExecuting
	}
}

// afterConsumerApproval is where approve_by_consumer sends an order.
func afterConsumerApproval(a ApprovalMode) string {
	if a.needsProvider() {
		return OrderPendingProvider
	}
	return OrderExecuting
}

func (w *Waldur) approvalOf(o *orderRec) ApprovalMode {
	if off := w.db.Offerings[o.OfferingUUID]; off != nil {
		return off.Approval
	}
	return ApprovalAuto
}

// startDue is when an order waiting for its start date may move on.
func (w *Waldur) startDue(o *orderRec) time.Time {
	day, err := time.Parse(time.DateOnly, o.StartDate)
	if err != nil {
		return o.StateSince
	}
	return day.Add(w.delays.PendingStartDate)
}

// setOrderState moves o to state as of at and updates its resource.
func (w *Waldur) setOrderState(o *orderRec, state string, at time.Time) {
	o.State = state
	o.StateSince = at
	o.Modified = at
	if state == OrderPendingStartDate || state == OrderExecuting {
		w.moving[o.UUID] = true
	} else {
		delete(w.moving, o.UUID)
	}
	switch state {
	case OrderDone, OrderErred:
		t := at
		o.CompletedAt = &t
	case OrderExecuting:
		o.CompletedAt = nil
		o.ErrorMessage, o.ErrorTraceback = "", ""
	}
	w.syncResource(o, at)
	w.version++
}

// failOrder moves o to erred with Waldur's error fields set.
func (w *Waldur) failOrder(o *orderRec, message, traceback string, at time.Time) {
	o.ErrorMessage, o.ErrorTraceback = message, traceback
	w.setOrderState(o, OrderErred, at)
}

// syncResource makes the marketplace resource follow its order, as Waldur's
// order processors do. A resource deleted out of band is left alone.
func (w *Waldur) syncResource(o *orderRec, at time.Time) {
	res := w.db.Resources[o.ResourceUUID]
	if res == nil {
		return
	}
	switch o.State {
	case OrderExecuting:
		switch o.Type {
		case OrderTypeUpdate:
			res.State = ResourceUpdating
		case OrderTypeTerminate:
			res.State = ResourceTerminating
		default:
			res.State = ResourceCreating
		}
	case OrderDone:
		switch o.Type {
		case OrderTypeTerminate:
			res.State = ResourceTerminated
		case OrderTypeUpdate:
			if o.PlanUUID != "" {
				res.PlanUUID = o.PlanUUID
			}
			if o.Limits != nil {
				res.Limits = cloneLimits(o.Limits)
			}
			res.State = ResourceOK
		default:
			res.State = ResourceOK
			if res.BackendUUID == "" {
				res.BackendUUID = newUUID()
				res.Endpoints = w.endpointsFor(res)
			}
		}
		res.ErrorMessage, res.ErrorTraceback = "", ""
		o.BackendResourceUUID = res.BackendUUID
	case OrderErred:
		res.State = ResourceErred
		res.ErrorMessage, res.ErrorTraceback = o.ErrorMessage, o.ErrorTraceback
	case OrderCanceled, OrderRejected:
		if o.Type == OrderTypeCreate || o.Type == OrderTypeRestore {
			res.State = ResourceTerminated
		} else if o.PrevResourceState != "" {
			res.State = o.PrevResourceState
		}
	default:
		return // pending: the resource waits as it is
	}
	res.Modified = at
}

// endpointsFor gives a Kubernetes cluster its API endpoint once it exists,
// the way Waldur's Rancher plugin publishes the cluster's access URL.
// Inferred: the endpoint's name and URL form are the mock's own.
func (w *Waldur) endpointsFor(res *resourceRec) []endpointRec {
	off := w.db.Offerings[res.OfferingUUID]
	if off == nil || off.Type != "Marketplace.Kubernetes" {
		return nil
	}
	return []endpointRec{{
		UUID: newUUID(),
		Name: "Kubernetes API",
		URL:  "https://" + res.Slug + "-" + res.UUID[:8] + ".k8s.mockcloud.test:6443",
	}}
}

// tick applies every automatic step that is due by now.
func (w *Waldur) tick(now time.Time) {
	for id := range w.moving {
		if o := w.db.Orders[id]; o != nil {
			w.advance(o, now)
		} else {
			delete(w.moving, id)
		}
	}
}

// advance walks o through its automatic steps up to now. Each step happens
// at the instant it was due, not at now, so timestamps do not depend on
// when somebody looked.
func (w *Waldur) advance(o *orderRec, now time.Time) {
	for {
		switch o.State {
		case OrderPendingStartDate:
			due := w.startDue(o)
			if now.Before(due) {
				return
			}
			w.setOrderState(o, entryState(w.approvalOf(o)), due)
		case OrderExecuting:
			outcome := outcomeSpec{Kind: "done"}
			if off := w.db.Offerings[o.OfferingUUID]; off != nil {
				outcome = off.Outcome
			}
			if outcome.Kind == "stuck" {
				return
			}
			due := o.StateSince.Add(w.delays.Executing)
			if now.Before(due) {
				return
			}
			if outcome.Kind == "erred" {
				w.failOrder(o, outcome.ErrorMessage, outcome.ErrorTraceback, due)
			} else {
				w.setOrderState(o, OrderDone, due)
			}
		default:
			return
		}
	}
}

// openOrderFor returns the resource's order that is not final yet, if any.
func (w *Waldur) openOrderFor(resourceUUID string) *orderRec {
	var found *orderRec
	for _, o := range w.db.Orders {
		if o.ResourceUUID == resourceUUID && !isFinalOrderState(o.State) {
			if found == nil || o.Seq > found.Seq {
				found = o
			}
		}
	}
	return found
}

func cloneLimits(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
