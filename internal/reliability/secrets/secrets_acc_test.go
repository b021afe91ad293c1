// Package secrets checks, for every resource type, that no credential or
// secret the provider handles reaches Terraform's TRACE log, the plan or
// the state (except attributes the schema marks sensitive, where users
// need the value). It generalises internal/awanio/secrets_acc_test.go,
// which covers the Awanio kubeconfig ephemeral resource in depth.
package secrets

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/reliability/typecases"
)

// emptyProvider configures every backend from the environment: a
// credential written into the configuration would be in the log through
// plugin-testing's own doing.
const emptyProvider = "\nprovider \"cloudorder\" {}\n"

// secretSet maps a description to a secret value, collected while the
// objects exist.
type secretSet map[string]string

func (s secretSet) add(name, value string) {
	if len(value) >= 6 { // shorter values match by chance
		s[name] = value
		if b, err := json.Marshal(value); err == nil {
			if escaped := strings.Trim(string(b), `"`); escaped != value {
				s[name+" (JSON-escaped)"] = escaped
			}
		}
	}
}

// collect gathers every secret the mock knows of: credentials, tokens it
// issued, cookies it set, keys and kubeconfigs it generated.
func collect(env *acctest.Env, s secretSet) {
	s.add("Waldur token", env.Seed.Token)
	a, h := env.Seed.Awanio, env.Seed.Hostway
	s.add("Awanio password", a.Password)
	s.add("Awanio seed JWT", a.Token)
	for i, tok := range env.Mock.Awanio().IssuedTokens() {
		s.add(fmt.Sprintf("Awanio JWT #%d", i), tok)
	}
	s.add("Hostway password", h.Password)
	s.add("Hostway Basic-auth header", base64.StdEncoding.EncodeToString([]byte(h.Username+":"+h.Password)))
	for _, o := range env.Mock.Hostway().Orders() {
		s.add("Hostway OwnerId cookie of order "+o.ID, o.OwnerID)
	}
	for _, g := range []struct{ typ, uuid string }{{"projects", a.ProjectUUID}, {"organizations", a.OrganizationUUID}} {
		if st, ok := env.Mock.Awanio().ObjectStorage(g.typ, g.uuid); ok {
			s.add("object storage secret_key", st.SecretKey)
			s.add("object storage access_key", st.AccessKey)
		}
		if k, ok := env.Mock.Awanio().KubernetesCluster(g.typ, g.uuid); ok && k.Kubeconfig != "" {
			s.add("kubeconfig", k.Kubeconfig)
			for _, line := range strings.Split(k.Kubeconfig, "\n") {
				if key, v, ok := strings.Cut(line, "-data: "); ok {
					s.add("kubeconfig "+strings.TrimSpace(key), strings.TrimSpace(v))
				}
				if _, v, ok := strings.Cut(line, "token: "); ok {
					s.add("kubeconfig token", strings.TrimSpace(v))
				}
			}
		}
	}
}

// sensitiveAttributes lists, per resource type, the top-level attributes
// its schema marks sensitive: the only places a secret may be in state.
func sensitiveAttributes(t *testing.T) map[string]map[string]bool {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	out := map[string]map[string]bool{}
	for _, f := range p.Resources(ctx) {
		r := f()
		var m fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &s)
		out[m.TypeName] = map[string]bool{}
		for name, a := range s.Schema.Attributes {
			if a.IsSensitive() {
				out[m.TypeName][name] = true
			}
		}
	}
	return out
}

// TestAccSecretsNeverLeak applies one object of every resource type with
// TF_LOG=TRACE (Terraform and the provider logging into one file):
// create, refresh, a second plan and destroy. Then no secret may be in
// the log, the plans, or the state outside attributes the schema marks
// sensitive (checked in the schema and in the state's sensitive_values).
// All types go into one configuration: one apply with TRACE logging costs
// less than twelve, and a leak is named by the secret and the address.
//
// It sets environment variables (the log file, the credentials), so it
// cannot run in parallel with the package's other tests.
func TestAccSecretsNeverLeak(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "trace.log")
	if p := os.Getenv("CLOUDORDER_TEST_KEEP_LOG"); p != "" {
		logFile = p // keep the log for a person to read
	}
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", logFile)     // the provider, in process
	t.Setenv("TF_ACC_LOG", "TRACE")      // the Terraform CLI
	t.Setenv("TF_ACC_LOG_PATH", logFile) // the Terraform CLI, same file
	t.Setenv("TF_LOG_PATH_MASK", "")
	env := acctest.NewEnv(t)
	for k, v := range typecases.CredentialsEnv(env) {
		t.Setenv(k, v)
	}

	types := typecases.Registered()[typecases.KindResource]
	if len(types) == 0 {
		t.Fatal("the provider registers no resource types")
	}
	cfg := emptyProvider
	for _, typ := range types {
		tc, ok := typecases.Resources[typ]
		if !ok {
			t.Fatalf("add a case for %s to typecases.Resources in internal/reliability/typecases", typ)
		}
		cfg += tc.Config(env, typecases.DefaultParams(env, "secrets-"+strings.ReplaceAll(strings.TrimPrefix(typ, "cloudorder_"), "_", "-")))
	}
	secrets := secretSet{}
	collect(env, secrets)
	for name, v := range secrets {
		if strings.Contains(cfg, v) {
			t.Fatalf("the test's own configuration holds the %s", name)
		}
	}

	got := captured{sensitiveInState: map[string]map[string]bool{}, stateValues: map[string]map[string]any{}}
	captureState := statecheckFunc(func(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
		b, err := json.Marshal(req.State)
		if err != nil {
			resp.Error = err
			return
		}
		got.states = append(got.states, string(b))
		if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
			return
		}
		for _, r := range req.State.Values.RootModule.Resources {
			var sens map[string]any
			_ = json.Unmarshal(r.SensitiveValues, &sens)
			got.sensitiveInState[r.Address] = map[string]bool{}
			for k, v := range sens {
				if v == true {
					got.sensitiveInState[r.Address][k] = true
				}
			}
			got.stateValues[r.Address] = r.AttributeValues
		}
	})
	capturePlan := planCheckFunc(func(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
		b, err := json.Marshal(req.Plan)
		got.plans = append(got.plans, string(b))
		resp.Error = err
	})
	everyType := statecheckFunc(func(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
		for _, typ := range types {
			if _, ok := got.stateValues[typ+".test"]; !ok {
				resp.Error = fmt.Errorf("%s.test is not in the state", typ)
			}
		}
	})

	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{capturePlan},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), capturePlan},
				},
				ConfigStateChecks: []statecheck.StateCheck{captureState, everyType},
				Check:             func(*terraform.State) error { collect(env, secrets); return nil },
			},
			{Config: cfg, PlanOnly: true},
		},
	})
	collect(env, secrets) // tokens issued during destroy

	logBytes, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the TRACE log: %v", err)
	}
	log := string(logBytes)
	// Without the provider's HTTP traces the test would prove nothing.
	for _, backend := range []string{"/api/marketplace-orders/", "/awanio/v2/", "/hostway/"} {
		if !strings.Contains(log, backend) {
			t.Fatalf("the TRACE log (%d bytes) does not show the provider's calls to %s", len(log), backend)
		}
	}
	if len(got.states) == 0 || len(got.plans) == 0 {
		t.Fatal("no state or plan was captured")
	}
	sensitive := sensitiveAttributes(t)
	names := make([]string, 0, len(secrets))
	for name := range secrets {
		names = append(names, name)
	}
	sort.Strings(names)
	leaks := 0
	for _, name := range names {
		secret := secrets[name]
		if strings.Contains(log, secret) {
			leaks++
			t.Errorf("the TRACE log contains the %s", name)
		}
		allowed := inSensitiveAttribute(got, secret, sensitive)
		for _, p := range got.plans {
			if strings.Contains(p, secret) && !allowed {
				leaks++
				t.Errorf("a plan contains the %s outside a sensitive attribute", name)
				break
			}
		}
		for _, s := range got.states {
			if strings.Contains(s, secret) && !allowed {
				leaks++
				t.Errorf("the state contains the %s outside a sensitive attribute: %s", name, whereInState(got, secret))
				break
			}
		}
	}
	t.Logf("secrets summary: %d resource types, %d secret values, log %d KiB, %d plans, %d states checked in %v; leaked secrets %d",
		len(types), len(secrets), len(log)/1024, len(got.plans), len(got.states), time.Since(start).Round(time.Millisecond), leaks)
}

// captured is what the steps saw.
type captured struct {
	states, plans []string
	// sensitiveInState: resource address → attribute → marked sensitive.
	sensitiveInState map[string]map[string]bool
	stateValues      map[string]map[string]any
}

// inSensitiveAttribute reports whether every attribute of the state that
// holds secret is both marked sensitive in its type's schema and in the
// state.
func inSensitiveAttribute(got captured, secret string, schemaSensitive map[string]map[string]bool) bool {
	found := false
	for addr, values := range got.stateValues {
		typ, _, _ := strings.Cut(addr, ".")
		for attr, v := range values {
			b, _ := json.Marshal(v)
			if !strings.Contains(string(b), secret) && !strings.Contains(fmt.Sprint(v), secret) {
				continue
			}
			found = true
			if !schemaSensitive[typ][attr] || !got.sensitiveInState[addr][attr] {
				return false
			}
		}
	}
	return found
}

func whereInState(got captured, secret string) string {
	var where []string
	for addr, values := range got.stateValues {
		for attr, v := range values {
			b, _ := json.Marshal(v)
			if strings.Contains(string(b), secret) || strings.Contains(fmt.Sprint(v), secret) {
				where = append(where, addr+"."+attr)
			}
		}
	}
	sort.Strings(where)
	if len(where) == 0 {
		return "(in state metadata, not an attribute)"
	}
	return strings.Join(where, ", ")
}

type statecheckFunc func(context.Context, statecheck.CheckStateRequest, *statecheck.CheckStateResponse)

func (f statecheckFunc) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	f(ctx, req, resp)
}

type planCheckFunc func(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse)

func (f planCheckFunc) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f(ctx, req, resp)
}
