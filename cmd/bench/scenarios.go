package main

import (
	"fmt"
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
		out = append(out, scenario{backend: "waldur", resource: "cloudorder_waldur_order", n: n, body: waldurBody})
	}
	for _, n := range o.awanioN {
		out = append(out, scenario{backend: "awanio", resource: "cloudorder_awanio_virtual_machine", n: n, body: awanioBody, destroyWaits: 1})
	}
	for _, n := range o.hostwayN {
		out = append(out, scenario{backend: "hostway", resource: "cloudorder_hostway_vps", n: n, body: hostwayBody, destroyWaits: 0.5})
	}
	return out
}

// config is the whole module: N copies of the resource.
func (s scenario) config(env map[string]string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Endpoints and credentials come from the CLOUDORDER_* variables.
provider "cloudorder" {}

resource %q "bench" {
  count = %d
%s}
`, s.resource, s.n, s.body(env))
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
func (s scenario) batches(o options) int { return (s.n + o.parallelism - 1) / o.parallelism }

func (s scenario) idealApply(o options) time.Duration {
	return time.Duration(s.batches(o)) * o.delay
}

func (s scenario) idealDestroy(o options) time.Duration {
	return time.Duration(float64(s.batches(o)) * s.destroyWaits * float64(o.delay))
}
