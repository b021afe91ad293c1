package hostway

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
)

func TestMatchAndDiffServices(t *testing.T) {
	t.Parallel()
	server := &serverModel{Name: types.StringValue("vps"), BillingCycle: types.Int64Value(1)}
	block := func(spec string, name string, cycle int64) serviceModel {
		b := serviceModel{Specification: types.StringValue(spec), Name: types.StringNull(), BillingCycle: types.Int64Null()}
		if name != "" {
			b.Name = types.StringValue(name)
		}
		if cycle != 0 {
			b.BillingCycle = types.Int64Value(cycle)
		}
		return b
	}
	ip := block("core.vps.virtuozzo.ip", "", 0)
	ipURL := block("https://api.hostway.com/serviceSpecifications/core.vps.virtuozzo.ip", "vps", 1)
	mem := block("core.vps.virtuozzo.additional_memory.256mb", "m", 3)
	fromAPI := func(spec, name string, cycle int64) api.Service {
		return api.Service{ServiceSpecification: "https://h/serviceSpecifications/" + spec, Name: name, BillingCycle: cycle, Status: "open"}
	}
	children := []api.Service{fromAPI("core.vps.virtuozzo.ip", "vps", 1), fromAPI("core.vps.virtuozzo.ip", "vps", 1), fromAPI("core.vps.virtuozzo.powerpack", "vps", 1)}
	pairs, rest := matchChildren([]serviceModel{ipURL, ip, mem}, server, children)
	if want := []int{0, 1, -1}; !equalInts(pairs, want) || !equalInts(rest, []int{2}) {
		t.Fatalf("pairs %v rest %v", pairs, rest)
	}
	// Same blocks written differently are no change; a duplicate counts.
	removed, added := diffServices([]serviceModel{ip, ip, mem}, []serviceModel{mem, ipURL}, server, server)
	if !equalInts(removed, []int{1}) || len(added) != 0 {
		t.Fatalf("removed %v added %v", removed, added)
	}
	removed, added = diffServices([]serviceModel{ip}, []serviceModel{ip, block("core.vps.virtuozzo.ip", "", 12)}, server, server)
	if len(removed) != 0 || !equalInts(added, []int{1}) {
		t.Fatalf("removed %v added %v", removed, added)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
