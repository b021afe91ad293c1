package awanio

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Baremetal servers: /{group-type}/{uuid}/baremetals[/{baremetal_uuid}
// [/status]] and .../baremetals/available-machines (paths inferred). A
// create takes an available machine by name; its answer has no uuid (as in
// the seed). The server is "Deploying" for delays.Provision, then
// "Deployed" (GET .../status); a DELETE makes it "Releasing" for
// delays.Delete, then it is gone and the machine available again.

// Baremetal billing periods: the price fields of a pricing.
var awBillingPeriods = map[string]bool{
	"price_per_hour": true, "price_per_month": true, "price_per_three_month": true,
	"price_per_six_month": true, "price_per_year": true,
}

// AwanioBaremetal is a deployed baremetal server.
type AwanioBaremetal struct {
	awServer
	MachineUUID   string `json:"machine_uuid"`
	BillingPeriod string `json:"billing_period"`
}

// baremetals is the baremetal kind of server (server.go).
var baremetals = &serverKind[AwanioBaremetal, *AwanioBaremetal]{
	what: "baremetal", param: "baremetal_uuid", service: "baremetal", plural: "BAREMETAL",
	provisioning: "Deploying", ready: "Deployed", failed: "Failed deployment", deleting: "Releasing",
	table: func(a *Awanio) map[string]*AwanioBaremetal { return a.db.Baremetals },
	drop:  (*Awanio).dropBaremetal,
}

func (a *Awanio) routeBaremetals(rt *mockcloud.Router) {
	// The literal route first: it would match {baremetal_uuid} too.
	awRoute(rt, "GET", "/{group_type}/{uuid}/baremetals/available-machines", a.endpoint(a.listAvailableMachines))
	awRoute(rt, "POST", "/{group_type}/{uuid}/baremetals", a.endpoint(a.createBaremetal))
	awRoute(rt, "GET", "/{group_type}/{uuid}/baremetals", a.endpoint(a.listBaremetals))
	awRoute(rt, "GET", "/{group_type}/{uuid}/baremetals/{baremetal_uuid}", a.endpoint(a.getBaremetal))
	awRoute(rt, "DELETE", "/{group_type}/{uuid}/baremetals/{baremetal_uuid}", a.endpoint(a.deleteBaremetal))
	awRoute(rt, "GET", "/{group_type}/{uuid}/baremetals/{baremetal_uuid}/status", a.endpoint(a.baremetalStatus))
}

func (a *Awanio) listAvailableMachines(c *awCall) awReply {
	if _, rep, ok := a.computeGroupFor(c); !ok {
		return rep
	}
	ms := make([]*AwanioMachine, 0, len(a.db.Machines))
	for _, m := range a.db.Machines {
		if m.Available {
			ms = append(ms, m)
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
	items := make([]any, 0, len(ms))
	for _, m := range ms {
		items = append(items, a.renderMachine(m))
	}
	return awOK(items) // the seed shows no pagination here
}

func (a *Awanio) renderMachine(m *AwanioMachine) map[string]any {
	status := "available"
	if !m.Available {
		status = "unavailable"
	}
	return map[string]any{
		"uuid": m.UUID, "name": m.Name, "domain": "maas", "architecture": "amd64/generic",
		"zone": m.Zone, "resource_pool": "default", "status_name": "Ready",
		"pricing": renderPricing(a.db.Pricings[m.PricingUUID]), "machine_status": status,
		"created_at": "2021-09-13T10:22:21+07:00", "updated_at": "2021-09-13T10:22:21+07:00",
	}
}

func (a *Awanio) machineByName(name string) *AwanioMachine {
	for _, m := range a.db.Machines {
		// The seed's example sends "Dell.<pricing uuid>"; accept the bare name too.
		if m.Name == name || m.Name+"."+m.PricingUUID == name {
			return m
		}
	}
	return nil
}

func (a *Awanio) createBaremetal(c *awCall) awReply {
	var in struct {
		awServerInput
		MachineName   string `json:"machine_name"`
		BillingPeriod string `json:"billing_period"`
		// ComputeSameConfig is the seed's integer, unexplained there; its
		// answer shows 1. Echoed, not acted on.
		ComputeSameConfig flexInt `json:"compute_same_config"`
	}
	g, cat, rep, ok := baremetals.checkCreate(a, c, &in, &in.awServerInput)
	if !ok {
		return rep
	}
	m := a.machineByName(in.MachineName)
	switch {
	case m == nil:
		return awBadRequest("MACHINE %q NOT FOUND", in.MachineName)
	case !m.Available:
		return awConflict(fmt.Sprintf("MACHINE %s IS NOT AVAILABLE", m.Name))
	}
	if !awBillingPeriods[in.BillingPeriod] {
		return awBadRequest("BILLING_PERIOD %q IS NOT ONE OF PRICE_PER_HOUR, PRICE_PER_MONTH, PRICE_PER_THREE_MONTH, PRICE_PER_SIX_MONTH, PRICE_PER_YEAR", in.BillingPeriod)
	}
	if rep, ok := checkNames(&in.awServerInput); !ok {
		return rep
	}
	b := &AwanioBaremetal{awServer: baremetals.newServer(a, c, g, &in.awServerInput, cat), MachineUUID: m.UUID, BillingPeriod: in.BillingPeriod}
	b.PrivateIP = fmt.Sprintf("192.168.1.%d", b.Seq%250+2)
	if in.WithExternalIP {
		b.ExternalIP = fmt.Sprintf("103.15.226.%d", b.Seq%250+2)
	}
	m.Available = false
	a.db.Baremetals[b.UUID] = b
	a.changed()
	// The seed's answer: the request echoed, with no uuid.
	return awOK(map[string]any{
		"title": b.Title, "organization_uuid": g.Org, "project_uuid": nil, "catalogue_uuid": cat.UUID,
		"Catalogue": renderCatalogue(cat), "compute_same_config": fmt.Sprintf("%d,", in.ComputeSameConfig.value), "hostname": b.Hostname,
		"authentication_type": map[string]any{"id": fmt.Sprintf("%d,", in.Auth.ID.value), "key": in.Auth.Key, "value": "***"},
		"with_external_ip":    in.WithExternalIP, "machine_name": in.MachineName, "billing_period": in.BillingPeriod,
	})
}

// dropBaremetal forgets a server and frees its machine.
func (a *Awanio) dropBaremetal(b *AwanioBaremetal) {
	if m := a.db.Machines[b.MachineUUID]; m != nil {
		m.Available = true
	}
	delete(a.db.Baremetals, b.UUID)
	a.changed()
}

func (a *Awanio) listBaremetals(c *awCall) awReply  { return baremetals.list(a, c, a.renderBaremetal) }
func (a *Awanio) getBaremetal(c *awCall) awReply    { return baremetals.get(a, c, a.renderBaremetal) }
func (a *Awanio) deleteBaremetal(c *awCall) awReply { return baremetals.del(a, c) }

func (a *Awanio) baremetalStatus(c *awCall) awReply {
	b, rep, ok := baremetals.in(a, c)
	if !ok {
		return rep
	}
	return awOK(b.Status.At(c.now))
}

// renderBaremetal is a server as the seed's GET shows it ("status": null;
// the status has its own endpoint), plus failure_message when it failed.
func (a *Awanio) renderBaremetal(b *AwanioBaremetal) map[string]any {
	out := map[string]any{
		"uuid": b.UUID, "title": b.Title, "hostname": b.Hostname, "authentication_type": nil,
		"user": nil, "tags": nil, "status": nil, "billing_period": b.BillingPeriod,
		"group_type": strings.TrimSuffix(b.GroupType, "s"), "group_uuid": b.GroupUUID,
		"ip_private": b.PrivateIP, "ip_address": nil,
		"created_at": awTime(b.CreatedAt), "updated_at": awTime(b.UpdatedAt), "deleted_at": nil,
	}
	if o := a.db.Organizations[b.OrganizationUUID]; o != nil {
		out["organization"] = map[string]any{"uuid": o.UUID, "name": o.Name, "slug": o.Slug}
	}
	if cat := a.db.Catalogues[b.CatalogueUUID]; cat != nil {
		out["catalogue"] = renderCatalogue(cat)
	}
	if m := a.db.Machines[b.MachineUUID]; m != nil {
		out["machine"] = a.renderMachine(m)
	}
	if b.ExternalIP != "" {
		out["ip_address"] = map[string]any{"address_string": b.ExternalIP, "private_address_string": b.PrivateIP, "active": true, "suitable_for": "baremetal"}
	}
	if b.FailMessage != "" {
		out["failure_message"] = b.FailMessage
	}
	return out
}

// The Go API for tests.

// Baremetal returns a server by UUID (a copy).
func (a *Awanio) Baremetal(uuid string) (AwanioBaremetal, bool) { return baremetals.one(a, uuid) }

// Baremetals returns every existing server in creation order.
func (a *Awanio) Baremetals() []AwanioBaremetal { return baremetals.all(a) }

// DeleteBaremetal removes a server out of band, at once, freeing its machine.
func (a *Awanio) DeleteBaremetal(uuid string) bool { return baremetals.remove(a, uuid) }
