package api

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// The VM password travels as authentication_type.value, a key the shared
// masker does not know: RegisterSecret must hide it from trace logs and
// from errors that echo it.
func TestVMPasswordNeverInLogsOrErrors(t *testing.T) {
	const password = "vm-Passw0rd-42"
	f, endpoint := newFake(t)
	var sent []byte
	f.handle("GET /v2/organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/vms", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"data":[],"result":true}`)
	})
	f.handle("POST /v2/organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/vms", func(w http.ResponseWriter, r *http.Request) {
		sent, _ = io.ReadAll(r.Body)
		writeEnv(w, 400, `{"error":"BAD REQUEST","error_code":"400-1","message":"PASSWORD `+password+` IS TOO WEAK","result":false}`)
	})
	c := testClient(t, endpoint, Config{Username: "alice", Password: "s3cret-pass"})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.RegisterSecret(password); err != nil {
		t.Fatal(err)
	}
	req := VMCreateRequest{ServerCreate: ServerCreate{
		AuthenticationType: AuthenticationType{ID: AuthPassword, Key: "awanio", Value: password},
		Title:              "t", Hostname: "h",
	}}
	_, err := c.CreateVM(ctx, OrganizationGroup("0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"), req)
	if err == nil || !strings.Contains(err.Error(), "IS TOO WEAK") {
		t.Fatalf("want Awanio's message, got %v", err)
	}
	if !strings.Contains(string(sent), password) {
		t.Fatalf("the password was not sent: %s", sent)
	}
	if strings.Contains(err.Error(), password) {
		t.Fatalf("the password is in the error: %v", err)
	}
	if logs.Len() == 0 {
		t.Fatal("no logs captured")
	}
	if strings.Contains(logs.String(), password) {
		t.Fatalf("the password is in the logs:\n%s", logs.String())
	}
}
