package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// rateRememberer is a backend's client that keeps its learned rate.
type rateRememberer interface{ RememberRate(dir string) float64 }

// attachRateMemory lets every configured backend start at the rate its
// scheduler learned in an earlier provider process of this working
// directory (Terraform starts one per command), and keep the rate it
// learns for the next: a small file per backend in the journal's
// directory (apiclient.RateMemory). Nothing is kept when the journal is
// off.
func attachRateMemory(ctx context.Context, d *Data, dir string) {
	if dir == "" {
		return
	}
	backends := []struct {
		name       string
		c          rateRememberer
		configured bool
	}{
		{"waldur", d.waldur, d.waldur != nil},
		{"awanio", d.awanio, d.awanio != nil},
		{"hostway", d.hostway, d.hostway != nil},
	}
	for _, b := range backends {
		if !b.configured {
			continue
		}
		if r := b.c.RememberRate(dir); r > 0 {
			tflog.Info(ctx, "Starting at the request rate an earlier run learned from this API's throttling, probing upward from it", map[string]any{
				"backend": b.name, "requests_per_second": r,
			})
		}
	}
}
