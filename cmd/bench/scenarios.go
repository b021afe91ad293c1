package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// scenario is N resources of one type.
type scenario struct {
	backend  string
	resource string
	n        int
	// body is the resource block's arguments, from the mock's env file.
	body func(env map[string]string) string
	// destroyWaits: destroy waits for the cloud (D per batch), not only
	// for the API's answer.
	destroyWaits float64
}

// awanioSeed holds the catalogue and price list ids of the mock's demo data,
// which the env file does not carry; they are fixed in the seed.
var awanioSeed = cloud.SeedDemo(cloud.New()).Awanio

func scenarios(o options) []scenario {
	var out []scenario
	for _, n := range o.waldurN {
		out = append(out, waldurScenario(n))
	}
	for _, n := range o.awanioN {
		out = append(out, scenario{backend: "awanio", resource: "cloudorder_awanio_virtual_machine", n: n, body: awanioBody, destroyWaits: 1})
	}
	for _, n := range o.hostwayN {
		out = append(out, scenario{backend: "hostway", resource: "cloudorder_hostway_vps", n: n, body: hostwayBody, destroyWaits: 0.5})
	}
	return out
}

func waldurScenario(n int) scenario {
	return scenario{backend: "waldur", resource: "cloudorder_waldur_order", n: n, body: waldurBody}
}

// config is the whole module: N copies of the resource. limit, when set,
// is max_requests_per_second in the scenario's backend block.
func (s scenario) config(env map[string]string, limit float64) string {
	provider := "provider \"cloudorder\" {}"
	if limit > 0 {
		provider = fmt.Sprintf("provider \"cloudorder\" {\n  %s {\n    max_requests_per_second = %s\n  }\n}",
			s.backend, strconv.FormatFloat(limit, 'f', -1, 64))
	}
	return fmt.Sprintf(`terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Endpoints and credentials come from the CLOUDORDER_* variables.
%s

resource %q "bench" {
  count = %d
%s}
`, provider, s.resource, s.n, s.body(env))
}

// The mock's Waldur order stays executing for D and is then done;
// destroy of a done order without terminate_on_destroy only reads it.
func waldurBody(env map[string]string) string {
	return fmt.Sprintf(`  project  = %q
  offering = %q
  plan     = %q
  attributes = jsonencode({
    name = "bench-${count.index}"
  })
`, env["WALDUR_PROJECT_UUID"], env["WALDUR_OFFERING_UUID"], env["WALDUR_PLAN_UUID"])
}

// An Awanio VM provisions for D and is deleted in D.
func awanioBody(env map[string]string) string {
	return fmt.Sprintf(`  project_uuid       = %q
  catalogue_uuid     = %q
  instance_type_uuid = %q
  title              = "bench-${count.index}"
  hostname           = "bench-${count.index}"
  ssh_public_key     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvTestKeyForCloudorderAcceptanceTests bench@example"
`, env["CLOUDORDER_AWANIO_PROJECT_UUID"], awanioSeed.VMCatalogueUUID, awanioSeed.VMPricingUUID)
}

// A Hostway VPS is built as an order, submitted, provisioned for D and
// closed in D/2.
func hostwayBody(env map[string]string) string {
	return fmt.Sprintf(`  offering     = %q
  display_name = "bench-${count.index}"
  server {
    name          = "bench-${count.index}"
    specification = %q
    billing_cycle = 1
  }
`, env["HOSTWAY_OFFERING"], env["HOSTWAY_SERVER_SPECIFICATION"])
}

// batches is ceil(N/P): how many rounds of P resources terraform runs.
func (s scenario) batches(parallelism int) int { return (s.n + parallelism - 1) / parallelism }

// idealApply is ceil(N/P) × D: the cloud's own time with P creates in flight.
func (s scenario) idealApply(parallelism int, delay time.Duration) time.Duration {
	return time.Duration(s.batches(parallelism)) * delay
}

func (s scenario) idealDestroy(parallelism int, delay time.Duration) time.Duration {
	return time.Duration(float64(s.batches(parallelism)) * s.destroyWaits * float64(delay))
}

// Variants of a run besides the plain one (D as given).
const (
	variantPlain   = "plain"
	variantFloor   = "floor"   // D = 0: terraform's and the provider's own time
	variantLatency = "latency" // the latency scenario
	variantQuota   = "quota"   // the mock's quota, no provider limit
	// variantQuotaLimit: the quota with max_requests_per_second = R in
	// the provider's backend block.
	variantQuotaLimit = "quota+limit"

	quotaNoLimit = "none"
	quotaLimit   = "limit"
)

// job is one run: a scenario with one poller on a fresh mock.
type job struct {
	sc      scenario
	poller  string
	variant string
	mock    mockSettings
	limit   float64 // max_requests_per_second in the backend block; 0: none
}

func (j job) name() string {
	return fmt.Sprintf("%s-%d-%s-%s", j.sc.backend, j.sc.n, j.poller, strings.ReplaceAll(j.variant, "+", "-"))
}

func (j job) result() runResult {
	r := runResult{
		Backend: j.sc.backend, Resource: j.sc.resource, N: j.sc.n, Poller: j.poller, Variant: j.variant,
		DelaySeconds: j.mock.delay.Seconds(), LatencySeconds: j.mock.latency.Seconds(),
		MaxRequestsPerSecond: j.limit,
	}
	if j.mock.quota.RPS > 0 {
		q := j.mock.quota
		r.Quota = &q
	}
	return r
}

// jobs lists the runs in order: each plain scenario with each poller (the
// baseline up to -baseline-max-n) and its floor, then the latency
// scenario and its floor, then the quota scenario's variants.
func jobs(o options) []job {
	plain := mockSettings{delay: o.delay, latency: o.latency}
	var out []job
	// floor is j again with D = 0 and the tuned poller.
	floor := func(j job) {
		if o.floor {
			j.poller, j.variant, j.mock.delay = pollerTuned, variantFloor, 0
			out = append(out, j)
		}
	}
	for _, sc := range scenarios(o) {
		j := job{sc: sc, variant: variantPlain, mock: plain}
		for _, poller := range o.pollers {
			if poller == pollerBaseline && sc.n > o.baselineMaxN {
				continue
			}
			j.poller = poller
			out = append(out, j)
		}
		floor(j)
	}
	for _, n := range o.latencyN {
		j := job{sc: waldurScenario(n), poller: pollerTuned, variant: variantLatency,
			mock: mockSettings{delay: o.delay, latency: o.scenarioLatency}}
		out = append(out, j)
		floor(j)
	}
	for _, n := range o.quotaN {
		for _, v := range o.quotaVariants {
			j := job{sc: waldurScenario(n), poller: pollerTuned, variant: variantQuota,
				mock: mockSettings{delay: o.delay, latency: o.latency, quota: o.quota}}
			if v == quotaLimit {
				j.variant, j.limit = variantQuotaLimit, o.quota.RPS
			}
			out = append(out, j)
		}
	}
	return out
}
