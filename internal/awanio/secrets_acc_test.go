package awanio_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

// withEcho adds plugin-testing's echo provider, which copies a value from
// its configuration into the state of echo.test: the way to look at an
// ephemeral value in a test.
func withEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	f := acctest.ProtoV6ProviderFactories()
	f["echo"] = echoprovider.NewProviderServer()
	return f
}

// kubeconfigConfig is a cluster, its kubeconfig and echo.test holding
// expr (of ephemeral.cloudorder_awanio_kubernetes_kubeconfig.this). The
// ephemeral resource takes its group from the cluster's id, which is
// unknown until the cluster exists, so it is opened only after.
func kubeconfigConfig(env *acctest.Env, expr string) string {
	return clusterConfig(env, "with-kubeconfig", "") + fmt.Sprintf(`
ephemeral "cloudorder_awanio_kubernetes_kubeconfig" "this" {
  project_uuid = split("/", cloudorder_awanio_kubernetes_cluster.test.id)[1]
}

provider "echo" {
  data = %s
}

resource "echo" "test" {}
`, expr)
}

func TestAccAwanioKubeconfigEphemeral(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.EphemeralResources()},
		ProtoV6ProviderFactories: withEcho(),
		Steps: []resource.TestStep{{
			Config: kubeconfigConfig(env, "ephemeral.cloudorder_awanio_kubernetes_kubeconfig.this.kubeconfig"),
			Check: func(s *terraform.State) error {
				k, ok := env.Mock.Awanio().KubernetesCluster("projects", env.Seed.Awanio.ProjectUUID)
				if !ok {
					return fmt.Errorf("no cluster in the mock")
				}
				if got := s.RootModule().Resources["echo.test"].Primary.Attributes["data"]; got != k.Kubeconfig {
					return fmt.Errorf("echo.test.data is not the cluster's kubeconfig:\n%s", got)
				}
				return nil
			},
		}},
	})
}

// TestAccAwanioSecretsNeverLeak runs object storage, a cluster and its
// kubeconfig with Terraform and the provider logging at TRACE into a file,
// then checks that the kubeconfig, the JWTs, the password and the storage
// keys appear in neither the log nor the state, except the storage keys in
// the state, where users need them, marked sensitive.
//
// It sets process environment variables, so it cannot run in parallel.
func TestAccAwanioSecretsNeverLeak(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "trace.log")
	if p := os.Getenv("CLOUDORDER_TEST_KEEP_LOG"); p != "" {
		logFile = p // keep the log for a person to read
	}
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", logFile)     // the provider (in process)
	t.Setenv("TF_ACC_LOG", "TRACE")      // Terraform CLI
	t.Setenv("TF_ACC_LOG_PATH", logFile) // Terraform CLI, same file
	t.Setenv("TF_LOG_PATH_MASK", "")
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID

	// echo.test keeps only a hash, which proves the kubeconfig was read
	// without storing it.
	cfg := kubeconfigConfig(env, "sha256(ephemeral.cloudorder_awanio_kubernetes_kubeconfig.this.kubeconfig)") +
		storageConfig("", projectArg(env), "secret-test", "")
	// Credentials come from the environment, as users should pass them:
	// plugin-testing logs the configuration it runs, and a password
	// written in it would be in the log by the test's own doing.
	t.Setenv("CLOUDORDER_AWANIO_ENDPOINT", env.AwanioEndpoint())
	t.Setenv("CLOUDORDER_AWANIO_USERNAME", env.Seed.Awanio.Username)
	t.Setenv("CLOUDORDER_AWANIO_PASSWORD", env.Seed.Awanio.Password)
	cfg = strings.Replace(cfg, env.AwanioProviderConfig(), "provider \"cloudorder\" {\n  awanio {}\n}\n", 1)
	if strings.Contains(cfg, env.Seed.Awanio.Password) {
		t.Fatal("the configuration still holds the password")
	}

	// The secrets, collected while they exist (destroy removes them).
	secrets := map[string]string{"Awanio password": env.Seed.Awanio.Password}
	collect := func(*terraform.State) error {
		k, ok := env.Mock.Awanio().KubernetesCluster("projects", project)
		st, ok2 := env.Mock.Awanio().ObjectStorage("projects", project)
		if !ok || !ok2 {
			return fmt.Errorf("cluster or object storage missing from the mock")
		}
		secrets["kubeconfig"] = k.Kubeconfig
		escaped, _ := json.Marshal(k.Kubeconfig)
		secrets["kubeconfig (JSON-escaped)"] = strings.Trim(string(escaped), `"`)
		for _, line := range strings.Split(k.Kubeconfig, "\n") {
			if _, v, ok := strings.Cut(line, "-data: "); ok {
				secrets["kubeconfig "+strings.TrimSpace(strings.SplitN(line, ":", 2)[0])] = v
			}
		}
		secrets["object storage secret_key"] = st.SecretKey
		secrets["object storage access_key"] = st.AccessKey
		for i, tok := range env.Mock.Awanio().IssuedTokens() {
			secrets[fmt.Sprintf("JWT #%d", i)] = tok
		}
		return nil
	}

	var stateJSON []byte
	captureState := statecheckFunc(func(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
		b, err := json.Marshal(req.State)
		if err != nil {
			resp.Error = err
			return
		}
		stateJSON = b
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Address != storageAddr {
				continue
			}
			var sens map[string]any
			_ = json.Unmarshal(r.SensitiveValues, &sens)
			for _, k := range []string{"secret_key", "access_key"} {
				if sens[k] != true {
					resp.Error = fmt.Errorf("%s.%s is not marked sensitive in the state: %s", storageAddr, k, r.SensitiveValues)
				}
			}
		}
	})
	var planJSON []byte
	capturePlan := planCheckFunc(func(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
		planJSON, resp.Error = json.Marshal(req.Plan)
		for _, rc := range req.Plan.ResourceChanges {
			if rc.Address != storageAddr || rc.Change == nil {
				continue
			}
			// after_sensitive is what makes Terraform print "(sensitive value)".
			sens, _ := rc.Change.AfterSensitive.(map[string]any)
			if sens["secret_key"] != true {
				resp.Error = fmt.Errorf("the plan does not mark secret_key sensitive: %v", rc.Change.AfterSensitive)
			}
		}
	})

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.EphemeralResources()},
		ProtoV6ProviderFactories: withEcho(),
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), capturePlan}},
				ConfigStateChecks: []statecheck.StateCheck{captureState, statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data"), knownvalue.NotNull())},
				Check: func(s *terraform.State) error {
					if err := collect(s); err != nil {
						return err
					}
					k, _ := env.Mock.Awanio().KubernetesCluster("projects", project)
					sum := sha256.Sum256([]byte(k.Kubeconfig))
					if got := s.RootModule().Resources["echo.test"].Primary.Attributes["data"]; got != hex.EncodeToString(sum[:]) {
						return fmt.Errorf("the kubeconfig was not read: echo.test.data is %q", got)
					}
					return nil
				},
			},
			{
				// A second plan and refresh with everything in place.
				Config:   cfg,
				PlanOnly: true,
			},
		},
	})

	logBytes, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the TRACE log: %v", err)
	}
	log := string(logBytes)
	if !strings.Contains(log, "received API response") || !strings.Contains(log, "kubernetes/kubeconfig") {
		t.Fatalf("the TRACE log (%d bytes) does not show the provider's API calls; the test would prove nothing", len(log))
	}
	if len(stateJSON) == 0 || len(planJSON) == 0 {
		t.Fatal("the state or plan was not captured")
	}
	if len(secrets) == 0 {
		t.Fatal("no secrets were collected")
	}
	for name, secret := range secrets {
		if strings.Contains(log, secret) {
			t.Errorf("the TRACE log contains the %s", name)
		}
		if strings.Contains(string(planJSON), secret) && !strings.HasPrefix(name, "object storage") {
			t.Errorf("the plan contains the %s", name)
		}
		inState := strings.Contains(string(stateJSON), secret)
		switch {
		case strings.HasPrefix(name, "object storage") && !inState:
			t.Errorf("the state lacks the %s, which users need", name)
		case !strings.HasPrefix(name, "object storage") && inState:
			t.Errorf("the state contains the %s", name)
		}
	}
}

type statecheckFunc func(context.Context, statecheck.CheckStateRequest, *statecheck.CheckStateResponse)

func (f statecheckFunc) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	f(ctx, req, resp)
}

type planCheckFunc func(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse)

func (f planCheckFunc) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f(ctx, req, resp)
}
