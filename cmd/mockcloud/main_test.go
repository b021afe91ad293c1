package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// syncBuffer is a bytes.Buffer that run may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startRun runs the program until the test ends and waits for its env file.
func startRun(t *testing.T, args ...string) (env map[string]string, envText string, stdout *syncBuffer, stop func() error) {
	t.Helper()
	envFile := filepath.Join(t.TempDir(), "mock.env")
	ctx, cancel := context.WithCancel(t.Context())
	stdout = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append(args, "-listen", "127.0.0.1:0", "-env-file", envFile), stdout) }()
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return fmt.Errorf("run did not return after cancel")
		}
	}
	t.Cleanup(func() { _ = stop() })

	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(envFile)
		if err == nil {
			envText = string(data)
			break
		}
		select {
		case err := <-done:
			stopped = true
			t.Fatalf("run ended before writing the env file: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no env file after 10s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	env = map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(envText), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("env line %q is not KEY=VALUE", line)
		}
		env[k] = v
	}
	return env, envText, stdout, stop
}

func get(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Token "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestRunAnnouncesItselfAndServes(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	env, envText, stdout, stop := startRun(t, "-state", state, "-delay", "0s")
	demo := cloud.SeedDemo(cloud.New()) // the fixed demo values

	endpoint := env["CLOUDORDER_WALDUR_ENDPOINT"]
	if !strings.HasPrefix(endpoint, "http://127.0.0.1:") || strings.HasSuffix(endpoint, ":0") {
		t.Fatalf("endpoint %q", endpoint)
	}
	want := strings.Join([]string{
		"mockcloud listening on " + endpoint,
		"CLOUDORDER_WALDUR_ENDPOINT=" + endpoint,
		"CLOUDORDER_WALDUR_TOKEN=" + demo.Token,
		"WALDUR_PROJECT_UUID=" + demo.ProjectUUID,
		"WALDUR_OFFERING_UUID=" + demo.OfferingUUID,
		"WALDUR_PLAN_UUID=" + demo.PlanUUID,
		"WALDUR_SECOND_PLAN_UUID=" + demo.SecondPlanUUID,
		"CLOUDORDER_AWANIO_ENDPOINT=" + endpoint + "/awanio/v2",
		"CLOUDORDER_AWANIO_USERNAME=" + demo.Awanio.Username,
		"CLOUDORDER_AWANIO_PASSWORD=" + demo.Awanio.Password,
		"AWANIO_TOKEN=" + demo.Awanio.Token,
		"CLOUDORDER_AWANIO_ORGANIZATION_UUID=" + demo.Awanio.OrganizationUUID,
		"CLOUDORDER_AWANIO_PROJECT_UUID=" + demo.Awanio.ProjectUUID,
		"CLOUDORDER_HOSTWAY_ENDPOINT=" + endpoint + "/hostway",
		"CLOUDORDER_HOSTWAY_USERNAME=" + demo.Hostway.Username,
		"CLOUDORDER_HOSTWAY_PASSWORD=" + demo.Hostway.Password,
		"CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER=" + demo.Hostway.AccountNumber,
		"HOSTWAY_OFFERING=" + demo.Hostway.ProductSpecification + "/" + demo.Hostway.Offering,
		"HOSTWAY_SERVER_SPECIFICATION=" + demo.Hostway.ServerSpecification,
	}, "\n") + "\n"
	if got := stdout.String(); got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
	if envText != strings.SplitN(want, "\n", 2)[1] {
		t.Errorf("env file:\n%s", envText)
	}

	status, body := get(t, endpoint+"/api/projects/"+env["WALDUR_PROJECT_UUID"]+"/", env["CLOUDORDER_WALDUR_TOKEN"])
	if status != 200 {
		t.Fatalf("project: %d %s", status, body)
	}
	order, _ := json.Marshal(map[string]any{
		"project":    endpoint + "/api/projects/" + env["WALDUR_PROJECT_UUID"] + "/",
		"offering":   endpoint + "/api/marketplace-public-offerings/" + env["WALDUR_OFFERING_UUID"] + "/",
		"plan":       endpoint + "/api/marketplace-public-offerings/" + env["WALDUR_OFFERING_UUID"] + "/plans/" + env["WALDUR_PLAN_UUID"] + "/",
		"attributes": map[string]string{"name": "persisted"},
	})
	req, _ := http.NewRequest("POST", endpoint+"/api/marketplace-orders/", bytes.NewReader(order))
	req.Header.Set("Authorization", "Token "+env["CLOUDORDER_WALDUR_TOKEN"])
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create order: %v %v", err, resp)
	}
	resp.Body.Close()

	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	// The env file goes away with the mock; the state stays.
	if _, err := os.Stat(filepath.Join(filepath.Dir(state), "mock.env")); err == nil {
		t.Error("env file left behind")
	}
	loaded := cloud.New()
	if err := loaded.LoadState(state); err != nil {
		t.Fatal(err)
	}
	if orders := loaded.Waldur().Orders(); len(orders) != 1 || !strings.Contains(string(orders[0].Attributes), "persisted") {
		t.Fatalf("saved state: %+v", orders)
	}

	// A restart finds the order again.
	env2, _, _, stop2 := startRun(t, "-state", state)
	status, body = get(t, env2["CLOUDORDER_WALDUR_ENDPOINT"]+"/api/marketplace-orders/", env2["CLOUDORDER_WALDUR_TOKEN"])
	if status != 200 || !strings.Contains(string(body), "persisted") {
		t.Errorf("after restart: %d %s", status, body)
	}
	if err := stop2(); err != nil {
		t.Fatal(err)
	}
}

func TestRunWithoutSeed(t *testing.T) {
	t.Parallel()
	env, _, stdout, _ := startRun(t, "-seed", "none")
	if len(env) != 3 || env["CLOUDORDER_WALDUR_ENDPOINT"] == "" ||
		env["CLOUDORDER_AWANIO_ENDPOINT"] != env["CLOUDORDER_WALDUR_ENDPOINT"]+"/awanio/v2" ||
		env["CLOUDORDER_HOSTWAY_ENDPOINT"] != env["CLOUDORDER_WALDUR_ENDPOINT"]+"/hostway" {
		t.Errorf("env without seed: %v", env)
	}
	if lines := strings.Count(stdout.String(), "\n"); lines != 4 {
		t.Errorf("stdout without seed:\n%s", stdout.String())
	}
}

func TestRunRefusesBadFlags(t *testing.T) {
	t.Parallel()
	tests := map[string][]string{
		"-allow-remote":       {"-listen", "0.0.0.0:0"},
		"not a loopback":      {"-listen", ":8080"},
		"demo or none":        {"-seed", "full"},
		"unexpected argument": {"extra"},
		"-delay must not":     {"-delay", "-1s"},
		"-latency must not":   {"-latency", "-1ms"},
		"-quota-rps and":      {"-quota-rps", "-1"},
	}
	for want, args := range tests {
		err := run(t.Context(), args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want one mentioning %q", args, err, want)
		}
	}
	if err := checkLoopback("localhost:1"); err != nil {
		t.Errorf("localhost: %v", err)
	}
	if err := checkLoopback("[::1]:1"); err != nil {
		t.Errorf("::1: %v", err)
	}
}

func TestRunServesHostwayWithTheAnnouncedSettings(t *testing.T) {
	t.Parallel()
	env, _, _, _ := startRun(t)
	endpoint := env["CLOUDORDER_HOSTWAY_ENDPOINT"]
	req, _ := http.NewRequest("GET", endpoint+"/accounts/"+env["CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER"]+"/products", nil)
	req.SetBasicAuth(env["CLOUDORDER_HOSTWAY_USERNAME"], env["CLOUDORDER_HOSTWAY_PASSWORD"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("account products with the announced credentials: %d", resp.StatusCode)
	}
	spec, offering, _ := strings.Cut(env["HOSTWAY_OFFERING"], "/")
	// The catalog needs no credentials.
	for _, u := range []string{
		endpoint + "/productSpecifications/" + spec + "/offerings/" + offering,
		endpoint + "/serviceSpecifications/" + env["HOSTWAY_SERVER_SPECIFICATION"],
	} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
}

// -quota-rps and -quota-burst limit each caller; /_mock/ stays open.
func TestRunQuota(t *testing.T) {
	t.Parallel()
	env, _, _, stop := startRun(t, "-quota-rps", "0.001", "-quota-burst", "2")
	url := env["CLOUDORDER_WALDUR_ENDPOINT"] + "/api/projects/"
	for i, want := range []int{200, 200, 429} {
		if status, body := get(t, url, env["CLOUDORDER_WALDUR_TOKEN"]); status != want {
			t.Errorf("request %d: %d %s, want %d", i, status, body, want)
		}
	}
	if status, body := get(t, env["CLOUDORDER_WALDUR_ENDPOINT"]+"/_mock/quota", ""); status != 200 || !strings.Contains(string(body), `"burst":2`) {
		t.Errorf("/_mock/quota: %d %s", status, body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
