package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// clientEnv is a Waldur client against a fresh in-process mock.
type clientEnv struct {
	mock   *cloud.Server
	seed   cloud.DemoSeed
	client *api.Client
	url    string
}

func newClientEnv(t *testing.T) *clientEnv {
	t.Helper()
	mock := testutil.NewMock(t)
	return &clientEnv{mock: mock.Server, seed: mock.Seed, client: newTestClient(t, mock.URL, mock.Seed.Token), url: mock.URL}
}

// newTestClient is a client of the mock at url with fast retries and
// polls: a fresh one is what the next terraform command starts with.
func newTestClient(t *testing.T, url, token string) *api.Client {
	t.Helper()
	c, err := api.NewClient(api.Config{
		Endpoint: url, Token: token,
		Transport: apiclient.Transport{
			MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
			Poll: waiter.Options{MinInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *clientEnv) order(t *testing.T, offering, name string) *api.Order {
	t.Helper()
	return e.orderCtx(context.Background(), t, offering, name)
}

func (e *clientEnv) orderCtx(ctx context.Context, t *testing.T, offering, name string) *api.Order {
	t.Helper()
	req := api.OrderCreateRequest{
		Project:    e.client.ProjectURL(e.seed.ProjectUUID),
		Offering:   e.client.OfferingURL(offering),
		Attributes: json.RawMessage(fmt.Sprintf(`{"name":%q}`, name)),
	}
	if offering == e.seed.OfferingUUID {
		// The demo offering, like WAYSCloud's, requires a plan.
		req.Plan = e.client.PlanURL(offering, e.seed.PlanUUID)
	}
	o, err := e.client.CreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantState(t *testing.T, e *clientEnv, uuid, want string) {
	t.Helper()
	o, err := e.client.GetOrder(context.Background(), uuid)
	must(t, err)
	if o.State != want {
		t.Fatalf("order %s is %s, want %s", uuid, o.State, want)
	}
}

func TestClientOrderLifecycle(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()

	o, err := e.client.CreateOrder(ctx, api.OrderCreateRequest{
		Project:        e.client.ProjectURL(e.seed.ProjectUUID),
		Offering:       e.client.OfferingURL(e.seed.OfferingUUID),
		Plan:           e.client.PlanURL(e.seed.OfferingUUID, e.seed.PlanUUID),
		Attributes:     json.RawMessage(`{"name":"k8s","node_count":3}`),
		RequestComment: "please",
	})
	must(t, err)
	if o.MarketplaceResourceUUID == nil || *o.MarketplaceResourceUUID == "" {
		t.Fatal("the 201 answer has no marketplace_resource_uuid")
	}
	if o.Project != e.client.ProjectURL(e.seed.ProjectUUID) {
		t.Fatalf("project hyperlink %q", o.Project)
	}
	done, err := e.client.WaitForOrder(ctx, o.UUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)
	if done.State != api.OrderDone || done.ResourceUUID == nil {
		t.Fatalf("order after wait: %+v", done)
	}
	// GET has no project hyperlink in Waldur; the client completes it.
	got, err := e.client.GetOrder(ctx, o.UUID)
	must(t, err)
	if got.Project != e.client.ProjectURL(e.seed.ProjectUUID) || got.RequestComment == nil || *got.RequestComment != "please" {
		t.Fatalf("GET order: project %q comment %v", got.Project, got.RequestComment)
	}

	res, err := e.client.GetMarketplaceResource(ctx, *o.MarketplaceResourceUUID)
	must(t, err)
	if res.State != api.ResourceOK || res.Name != "k8s" {
		t.Fatalf("resource %+v", res)
	}

	offering, err := e.client.GetOrderOffering(ctx, o.UUID)
	must(t, err)
	if offering.UUID != e.seed.OfferingUUID || len(offering.Plans) != 2 {
		t.Fatalf("offering %+v", offering)
	}

	must(t, e.client.SetOrderBackendID(ctx, o.UUID, "ext-1"))
	if snap, _ := e.mock.Waldur().Order(o.UUID); snap.BackendID != "ext-1" {
		t.Fatalf("backend id %q", snap.BackendID)
	}

	switchUUID, err := e.client.SwitchResourcePlan(ctx, res.UUID, e.client.PlanURL(e.seed.OfferingUUID, e.seed.SecondPlanUUID))
	must(t, err)
	_, err = e.client.WaitForOrder(ctx, switchUUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)

	limitsUUID, err := e.client.UpdateResourceLimits(ctx, res.UUID, map[string]int64{"cpu": 4}, "more cores")
	must(t, err)
	_, err = e.client.WaitForOrder(ctx, limitsUUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)

	terminateUUID, err := e.client.TerminateResource(ctx, res.UUID, nil)
	must(t, err)
	_, err = e.client.WaitForOrder(ctx, terminateUUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)
	res, err = e.client.GetMarketplaceResource(ctx, res.UUID)
	must(t, err)
	if res.State != api.ResourceTerminated {
		t.Fatalf("resource after terminate: %s", res.State)
	}
}

func TestClientApprovalRejectCancelDelete(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()
	both := e.mock.Waldur().AddOffering(waldurmock.OfferingSpec{Name: "two approvals", Approval: waldurmock.ApprovalConsumerAndProvider})
	stuck := e.mock.Waldur().AddOffering(waldurmock.OfferingSpec{Name: "never ends", Outcome: waldurmock.OutcomeStuck})

	o := e.order(t, both.UUID, "approve-both")
	wantState(t, e, o.UUID, api.OrderPendingConsumer)
	must(t, e.client.ApproveOrderByConsumer(ctx, o.UUID))
	wantState(t, e, o.UUID, api.OrderPendingProvider)
	must(t, e.client.ApproveOrderByProvider(ctx, o.UUID))
	_, err := e.client.WaitForOrder(ctx, o.UUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)

	// approve = true in the resource: the waiter approves as consumer.
	o = e.order(t, both.UUID, "auto-approve")
	go func() {
		// Play the provider once the consumer approval is through.
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if s, _ := e.mock.Waldur().Order(o.UUID); s.State == api.OrderPendingProvider {
				_ = e.client.ApproveOrderByProvider(ctx, o.UUID)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	_, err = e.client.WaitForOrder(ctx, o.UUID, api.OrderWait{Timeout: 5 * time.Second, ApproveAsConsumer: true})
	must(t, err)

	o = e.order(t, both.UUID, "reject-consumer")
	must(t, e.client.RejectOrderByConsumer(ctx, o.UUID, "not needed"))
	wantState(t, e, o.UUID, api.OrderRejected)
	_, err = e.client.WaitForOrder(ctx, o.UUID, api.OrderWait{Timeout: time.Second})
	var unexpected *waiter.UnexpectedStateError
	if !errors.As(err, &unexpected) || unexpected.State != api.OrderRejected {
		t.Fatalf("waiting on a rejected order: %v", err)
	}

	o = e.order(t, both.UUID, "reject-provider")
	must(t, e.client.ApproveOrderByConsumer(ctx, o.UUID))
	must(t, e.client.RejectOrderByProvider(ctx, o.UUID))
	wantState(t, e, o.UUID, api.OrderRejected)

	o = e.order(t, both.UUID, "delete-pending")
	must(t, e.client.DeleteOrder(ctx, o.UUID))
	if _, err := e.client.GetOrder(ctx, o.UUID); !apiclient.IsNotFound(err) {
		t.Fatalf("deleted order still readable: %v", err)
	}

	o = e.order(t, stuck.UUID, "cancel-executing")
	must(t, e.client.CancelOrder(ctx, o.UUID))
	wantState(t, e, o.UUID, api.OrderCanceled)

	o = e.order(t, stuck.UUID, "agent")
	must(t, e.client.SetOrderStateErred(ctx, o.UUID, api.OrderErrorDetails{ErrorMessage: "backend down"}))
	got, err := e.client.GetOrder(ctx, o.UUID)
	must(t, err)
	if got.State != api.OrderErred || got.ErrorMessage != "backend down" {
		t.Fatalf("erred order %+v", got)
	}
	must(t, e.client.SetOrderStateExecuting(ctx, o.UUID))
	must(t, e.client.SetOrderStateDone(ctx, o.UUID))
	wantState(t, e, o.UUID, api.OrderDone)

	// A transition from the wrong state shows the API's own message.
	err = e.client.ApproveOrderByConsumer(ctx, o.UUID)
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Message == "" || apiErr.StatusCode < 400 {
		t.Fatalf("approving a done order: %v", err)
	}

	o = e.order(t, both.UUID, "attachment")
	url, err := e.client.UpdateOrderAttachment(ctx, o.UUID, "po.pdf", []byte("%PDF-1.4"))
	must(t, err)
	if url == "" {
		t.Fatal("no attachment URL")
	}
	must(t, e.client.DeleteOrderAttachment(ctx, o.UUID))

	must(t, e.client.UnlinkOrder(ctx, o.UUID))
	if _, err := e.client.GetOrder(ctx, o.UUID); !apiclient.IsNotFound(err) {
		t.Fatalf("unlinked order still readable: %v", err)
	}
}

func TestClientListOrdersFiltersAndPages(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()
	other := e.mock.Waldur().AddOffering(waldurmock.OfferingSpec{Name: "other", Approval: waldurmock.ApprovalProvider})
	for i := 0; i < 7; i++ {
		e.order(t, e.seed.OfferingUUID, fmt.Sprintf("k8s-%d", i))
	}
	for i := 0; i < 3; i++ {
		e.order(t, other.UUID, fmt.Sprintf("other-%d", i))
	}
	all, err := e.client.ListOrders(ctx, api.OrderListFilter{ProjectUUID: e.seed.ProjectUUID})
	must(t, err)
	if len(all) != 10 {
		t.Fatalf("listed %d orders, want 10", len(all))
	}
	pending, err := e.client.ListOrders(ctx, api.OrderListFilter{OfferingUUID: other.UUID, States: []string{api.OrderPendingProvider}, Types: []string{"Create"}})
	must(t, err)
	if len(pending) != 3 {
		t.Fatalf("listed %d pending-provider orders, want 3", len(pending))
	}
	for _, o := range pending {
		if o.Project == "" {
			t.Fatal("listed order without project hyperlink")
		}
	}
}

func TestClientCreateFindsOrderWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	e.mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true, Count: 1})
	o := e.order(t, e.seed.OfferingUUID, "lost")
	orders := e.mock.Waldur().Orders()
	if len(orders) != 1 || orders[0].UUID != o.UUID {
		t.Fatalf("mock holds %d orders (%v), want exactly the one returned (%s)", len(orders), orders, o.UUID)
	}
}

// Twins placed earlier match a lost create just as well. It used to fail
// ("cannot tell which order"), leaving the order it placed in no state
// (issue 17); the twins this client placed are known, so the one left is
// the order the request placed. Nothing is sent blindly again.
func TestClientCreateDoesNotGuessBetweenTwinOrders(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	a := e.order(t, e.seed.OfferingUUID, "twin")
	b := e.order(t, e.seed.OfferingUUID, "twin")
	e.mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true, Count: 1})
	o, err := e.client.CreateOrder(context.Background(), api.OrderCreateRequest{
		Project:    e.client.ProjectURL(e.seed.ProjectUUID),
		Offering:   e.client.OfferingURL(e.seed.OfferingUUID),
		Plan:       e.client.PlanURL(e.seed.OfferingUUID, e.seed.PlanUUID),
		Attributes: json.RawMessage(`{"name":"twin"}`),
	})
	must(t, err)
	if o.UUID == a.UUID || o.UUID == b.UUID {
		t.Fatalf("the lost create returned an earlier twin %s", o.UUID)
	}
	if n := len(e.mock.Waldur().Orders()); n != 3 {
		t.Fatalf("mock holds %d orders, want 3 (no blind retry)", n)
	}
}
