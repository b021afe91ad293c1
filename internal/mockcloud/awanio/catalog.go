package awanio

import (
	"sort"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Catalogues and pricings: read-only lists the demo seed fills.

func (a *Awanio) routeCatalog(rt *mockcloud.Router) {
	awRoute(rt, "GET", "/catalogues", a.endpoint(a.listCatalogues))
	awRoute(rt, "GET", "/pricings", a.endpoint(a.listPricings))
}

func (a *Awanio) listCatalogues(c *awCall) awReply {
	cats := make([]*AwanioCatalogue, 0, len(a.db.Catalogues))
	for _, cat := range a.db.Catalogues {
		cats = append(cats, cat)
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].Slug < cats[j].Slug })
	items := make([]any, 0, len(cats))
	for _, cat := range cats {
		items = append(items, renderCatalogue(cat))
	}
	return awList(c, items)
}

func renderCatalogue(cat *AwanioCatalogue) map[string]any {
	return map[string]any{
		"uuid": cat.UUID, "slug": cat.Slug, "name": cat.Name, "type": cat.Type,
		"public_access": false, "min_storage_gb": cat.MinStorageGB, "group": cat.Group,
		"version": nil, "service": cat.Service, "info": nil, "visibility": cat.Visibility,
		"created_at": "2021-10-10T21:27:11Z", "updated_at": "2021-10-10T21:27:11Z",
	}
}

// listPricings filters by suitable_for, which may list several kinds
// ("vm,baremetal").
func (a *Awanio) listPricings(c *awCall) awReply {
	want := map[string]bool{}
	for _, v := range c.r.URL.Query()["suitable_for"] {
		for _, kind := range strings.Split(v, ",") {
			if kind = strings.TrimSpace(kind); kind != "" {
				want[kind] = true
			}
		}
	}
	ps := make([]*AwanioPricing, 0, len(a.db.Pricings))
	for _, p := range a.db.Pricings {
		if len(want) == 0 || want[p.SuitableFor] {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].SuitableFor != ps[j].SuitableFor {
			return ps[i].SuitableFor < ps[j].SuitableFor
		}
		if ps[i].StorageGB != ps[j].StorageGB {
			return ps[i].StorageGB < ps[j].StorageGB
		}
		return ps[i].UUID < ps[j].UUID
	})
	items := make([]any, 0, len(ps))
	for _, p := range ps {
		items = append(items, renderPricing(p))
	}
	return awList(c, items)
}

func renderPricing(p *AwanioPricing) map[string]any {
	if p == nil {
		return nil
	}
	return map[string]any{
		"uuid": p.UUID, "instance_type": p.InstanceType, "suitable_for": p.SuitableFor,
		"availability": p.Availability, "plans_type": p.PlansType,
		"vcpu_core": p.VCPUCore, "ram_mb": p.RAMMB, "storage_gb": p.StorageGB, "transfer_tb": p.TransferTB,
		"price_per_month": p.PricePerMonth, "price_per_hour": p.PricePerHour, "price_per_year": p.PricePerYear,
		"user_id": 1, "pricing_unit": p.PricingUnit, "price_per_unit": p.PricePerHour,
		"maximum_free_usage": 0, "price_per_three_month": 0, "price_per_six_month": 0, "meta_storage": nil,
		"discount_per_three_month": 0, "discount_per_six_month": 0, "discount_per_year": 0,
		"created_at": "2021-09-13T10:20:56+07:00", "updated_at": "2021-09-13T10:20:56+07:00", "deleted_at": nil,
	}
}
