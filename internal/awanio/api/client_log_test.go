package api_test

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// TestClientNeverLogsSecrets runs a login, a re-login after every JWT
// expired, a voucher redemption and ordinary calls with TRACE logging, and
// checks that the log shows the traffic but no password, JWT or voucher code.
func TestClientNeverLogsSecrets(t *testing.T) {
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	t.Setenv("TF_LOG_PROVIDER_CLOUDORDER_AWANIO", "TRACE")

	m := cloud.New()
	seed := cloud.SeedDemo(m).Awanio
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	c, err := api.NewClient(api.Config{Endpoint: srv.URL + awaniomock.AwanioPrefix, Username: seed.Username, Password: seed.Password})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	m.Awanio().ExpireTokens()
	if _, err := c.GetOrganization(ctx, seed.OrganizationUUID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RedeemVoucher(ctx, seed.OrganizationUUID, seed.VoucherCode); err != nil {
		t.Fatal(err)
	}

	out := logs.String()
	for _, want := range []string{"accounts/login", "organizations", "vouchers/redeem", "response_body"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the TRACE log lacks %q; is logging captured?\n%s", want, out)
		}
	}
	secrets := []string{seed.Password, seed.VoucherCode}
	for _, line := range strings.Split(out, "\n") {
		// Every JWT the mock issued looks like eyJ....<payload>.<sig>.
		if i := strings.Index(line, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."); i >= 0 {
			t.Errorf("a JWT is in the log: %s", line[i:min(len(line), i+60)])
		}
		for _, s := range secrets {
			if strings.Contains(line, s) {
				t.Errorf("secret %q is in the log line: %s", s, line)
			}
		}
	}
}
