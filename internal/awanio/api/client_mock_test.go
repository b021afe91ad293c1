package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// mockClient is a client logged in as the demo user on a fresh mock.
func mockClient(t *testing.T, opts ...mockcloud.Option) (*api.Client, *cloud.Server, awaniomock.AwanioDemoSeed) {
	t.Helper()
	return mockClientPolling(t, waiter.Options{}, opts...)
}

// mockClientPolling is mockClient with poll options for its waits.
func mockClientPolling(t *testing.T, poll waiter.Options, opts ...mockcloud.Option) (*api.Client, *cloud.Server, awaniomock.AwanioDemoSeed) {
	t.Helper()
	mock := testutil.NewMock(t, opts...)
	return demoClient(t, mock, poll), mock.Server, mock.Seed.Awanio
}

// demoClient is a client of mock logged in as the demo user, with fast
// retries and poll for its waits.
func demoClient(t *testing.T, mock *testutil.Mock, poll waiter.Options) *api.Client {
	t.Helper()
	seed := mock.Seed.Awanio
	c, err := api.NewClient(api.Config{
		Endpoint: mock.URL + awaniomock.AwanioPrefix, Username: seed.Username, Password: seed.Password,
		Transport: apiclient.Transport{MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Poll: poll},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Authenticate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientRegisterVerifyAndLogin(t *testing.T) {
	c, m, _ := mockClient(t)
	ctx := t.Context()
	u, err := c.Register(ctx, api.RegisterRequest{Username: "newbie", Name: "New", Email: "new@example.com", Password: "pw-123456"})
	if err != nil || u.Username != "newbie" {
		t.Fatalf("register: %+v %v", u, err)
	}
	if err := c.Verify(ctx, "new@example.com", "WRONG"); err == nil || !apiclient.IsStatus(err, 400) {
		t.Fatalf("verify with a wrong code: %v", err)
	}
	code, _ := m.Awanio().VerificationCode("new@example.com")
	if err := c.Verify(ctx, "new@example.com", code); err != nil {
		t.Fatal(err)
	}
	nc, err := api.NewClient(api.Config{Endpoint: c.Endpoint(), Username: "new@example.com", Password: "pw-123456"})
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Authenticate(ctx); err != nil {
		t.Fatalf("the verified user cannot log in: %v", err)
	}
	me, err := nc.CurrentUser(ctx)
	if err != nil || me.Username != "newbie" {
		t.Fatalf("current user %+v %v", me, err)
	}
}

func TestClientUserDetail(t *testing.T) {
	c, _, seed := mockClient(t)
	me, err := c.UserDetail(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.UUID != seed.UserUUID || me.PrimaryOrganization == nil || me.PrimaryOrganization.UUID != seed.OrganizationUUID ||
		me.PrimaryOrganization.PrimaryProject == nil || me.PrimaryOrganization.PrimaryProject.UUID != seed.ProjectUUID {
		t.Fatalf("user detail %+v", me)
	}
	if len(me.Organizations) != 1 || !bool(me.Organizations[0].IsDefault) || len(me.Projects) != 1 {
		t.Fatalf("memberships %+v %+v", me.Organizations, me.Projects)
	}
}

func TestClientRedeemVoucherOnce(t *testing.T) {
	c, m, seed := mockClient(t)
	ctx := t.Context()
	before, _ := m.Awanio().Organization(seed.OrganizationUUID)
	r, err := c.RedeemVoucher(ctx, seed.OrganizationUUID, seed.VoucherCode)
	if err != nil || float64(r.NewBalance) != before.Balance+100000 {
		t.Fatalf("redeem: %+v %v", r, err)
	}
	_, err = c.RedeemVoucher(ctx, seed.OrganizationUUID, seed.VoucherCode)
	if !apiclient.IsConflict(err) {
		t.Fatalf("a second redemption: %v", err)
	}
	// The client still works after rebuilding its session for the mask.
	if _, err := c.GetOrganization(ctx, seed.OrganizationUUID); err != nil {
		t.Fatal(err)
	}
}

func TestClientPayments(t *testing.T) {
	c, _, seed := mockClient(t)
	ctx := t.Context()
	gws, err := c.ListPaymentGateways(ctx)
	if err != nil || len(gws) != 1 || gws[0].Name != "duitku" {
		t.Fatalf("gateways %+v %v", gws, err)
	}
	g, err := c.CreatePaymentGateway(ctx, api.PaymentGatewayRequest{Name: "other", MerchantCode: "M1", MerchantKey: "very-secret-key", VAT: 11})
	if err != nil || g.UUID == "" || g.VAT != 11 {
		t.Fatalf("create gateway %+v %v", g, err)
	}
	methods, err := c.ListPaymentMethods(ctx)
	if err != nil || len(methods) != 1 || methods[0].UUID != seed.PaymentMethodUUID {
		t.Fatalf("methods %+v %v", methods, err)
	}
	req := api.TopUpRequest{PaymentMethodUUID: seed.PaymentMethodUUID, OrganizationUUID: seed.OrganizationUUID, Amount: 600000}
	ins, err := c.CreateTopUp(ctx, req)
	if err != nil || ins.Reference == "" || ins.Amount != 600000 {
		t.Fatalf("top-up %+v %v", ins, err)
	}
	again, err := c.TopUpInquiry(ctx, req)
	if err != nil || again.Reference != ins.Reference {
		t.Fatalf("inquiry %+v %v", again, err)
	}
	top, err := c.GetTopUp(ctx, string(ins.Reference))
	if err != nil || top.Status != "pending" || top.Amount != 600000 {
		t.Fatalf("top-up state %+v %v", top, err)
	}
	req.Amount = 10
	if _, err := c.CreateTopUp(ctx, req); !apiclient.IsStatus(err, 400) {
		t.Fatalf("a top-up below the minimum: %v", err)
	}
}

func TestClientInvoices(t *testing.T) {
	c, m, seed := mockClient(t)
	ctx := t.Context()
	// More invoices than a page holds: the list follows the pagination.
	for range 120 {
		m.Awanio().AddInvoice(awaniomock.AwanioInvoice{OrganizationUUID: seed.OrganizationUUID, Status: "paid", Amount: 1})
	}
	all, err := c.ListInvoices(ctx, seed.OrganizationUUID)
	if err != nil || len(all) != 122 {
		t.Fatalf("%d invoices, %v", len(all), err)
	}
	inv, err := c.GetInvoice(ctx, all[0].UUID)
	if err != nil || inv.Number != "INV-0001" || len(inv.Items) != 1 || inv.Organization == nil {
		t.Fatalf("invoice %+v %v", inv, err)
	}
	if _, err := c.GetInvoice(ctx, "00000000-0000-4000-8000-000000000000"); !apiclient.IsNotFound(err) {
		t.Fatalf("missing invoice: %v", err)
	}
}

func TestClientCatalogAndPricings(t *testing.T) {
	c, _, _ := mockClient(t)
	ctx := context.Background()
	cats, err := c.ListCatalogues(ctx)
	if err != nil || len(cats) != 3 {
		t.Fatalf("catalogues %v %v", cats, err)
	}
	vols, err := c.ListPricings(ctx, api.SuitableForVolume)
	if err != nil || len(vols) != 2 || vols[0].StorageGB != 10 {
		t.Fatalf("volume pricings %+v %v", vols, err)
	}
	all, err := c.ListPricings(ctx, "")
	if err != nil || len(all) != 6 {
		t.Fatalf("all pricings: %d %v", len(all), err)
	}
}

// loseCreateAnswer makes the next POST to path (below the API's prefix)
// act but lose its answer and, with failedLookup, the first GET of path
// after it fail with a 500: what a create must survive without creating
// twice.
func loseCreateAnswer(m *cloud.Server, path string, failedLookup bool) {
	path = awaniomock.AwanioPrefix + path
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: path, DropAfterProcessing: true})
	if failedLookup {
		m.InjectFault(mockcloud.Fault{Method: http.MethodGet, PathPrefix: path, Status: http.StatusInternalServerError})
	}
}

// noFaultsLeft fails t when an injected fault was never used.
func noFaultsLeft(t *testing.T, m *cloud.Server) {
	t.Helper()
	if left := m.Faults(); len(left) != 0 {
		t.Fatalf("faults left unused: %+v", left)
	}
}
