package mockcloud_test

import (
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// Poll lag: the first answer that shows an order done, a GET or a list,
// records when it was seen against when the order became done; later
// answers do not move it, and a reset forgets it.
func TestPollLagWaldurOrders(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: 2 * time.Second}))
	e.srv.ResetCounters() // the seed's done orders are older than the reset
	start := e.Clock.Now()
	a := str(e.CreateOrder(e.demo.OfferingUUID, e.demo.PlanUUID, "a")["uuid"])
	b := str(e.CreateOrder(e.demo.OfferingUUID, e.demo.PlanUUID, "b")["uuid"])
	e.GetOrder(a)
	if lag := e.srv.PollLag(); len(lag) != 0 {
		t.Fatalf("executing orders recorded: %+v", lag)
	}
	e.Clock.Advance(2300 * time.Millisecond)
	e.GetOrder(a) // a seen 0.3 s after it was done
	e.Clock.Advance(time.Second)
	e.Do("GET", "/api/marketplace-orders/?project_uuid="+e.demo.ProjectUUID, nil).Want(t, 200) // b in a list, 1.3 s late
	e.Clock.Advance(time.Second)
	e.GetOrder(a)
	e.GetOrder(b)

	got := map[string]mockcloud.FinalSeen{}
	for _, f := range e.srv.PollLag() {
		got[f.ID] = f
	}
	if len(got) != 2 {
		t.Fatalf("poll lag of %d objects, want 2: %+v", len(got), got)
	}
	for id, want := range map[string]time.Duration{a: 300 * time.Millisecond, b: 1300 * time.Millisecond} {
		f := got[id]
		if f.Kind != "waldur order" || !f.FinalAt.Equal(start.Add(2*time.Second)) || f.Lag() != want {
			t.Errorf("%s: %+v (lag %v), want final at start+2s and lag %v", id, f, f.Lag(), want)
		}
	}
	body := e.DoWith("GET", "/_mock/lag", nil, nil).Want(t, 200).Array(t)
	if len(body) != 2 || body[0]["kind"] != "waldur order" || body[0]["final_at"] == nil || body[0]["first_seen_at"] == nil {
		t.Errorf("/_mock/lag: %v", body)
	}
	e.srv.ResetCounters()
	e.GetOrder(a)
	if lag := e.srv.PollLag(); len(lag) != 0 {
		t.Errorf("after a reset, an order done before it was recorded: %+v", lag)
	}
}
