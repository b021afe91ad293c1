package awanio

import (
	"fmt"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Virtual machines: /{group-type}/{uuid}/vms[/{vm_uuid}] (paths inferred,
// see the client's path table). A new VM is "provisioning" (meta.phase
// "Scheduling") for delays.Provision, then "running"; a DELETE makes it
// "deleting" for delays.Delete, then it is gone. A hostname registered
// with FailProvisioning makes the next VM with it end in "error".

// AwanioVM is a virtual machine.
type AwanioVM struct {
	awServer
	PricingUUID string `json:"pricing_uuid"`
	AuthType    int    `json:"auth_type"` // 1 password, 2 SSH key
	ReservedIP  bool   `json:"reserved_ip,omitempty"`
	MACAddress  string `json:"mac_address"`
}

// vms is the VM kind of server (server.go).
var vms = &serverKind[AwanioVM, *AwanioVM]{
	what: "vm", param: "vm_uuid", service: "compute", plural: "VIRTUAL MACHINES",
	provisioning: "provisioning", ready: "running", failed: "error", deleting: "deleting",
	table: func(a *Awanio) map[string]*AwanioVM { return a.db.VMs },
	drop: func(a *Awanio, vm *AwanioVM) {
		delete(a.db.VMs, vm.UUID)
		a.changed()
	},
}

func (a *Awanio) routeVMs(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/{group_type}/{uuid}/vms", a.endpoint(a.createVM))
	awRoute(rt, "GET", "/{group_type}/{uuid}/vms", a.endpoint(a.listVMs))
	awRoute(rt, "GET", "/{group_type}/{uuid}/vms/{vm_uuid}", a.endpoint(a.getVM))
	awRoute(rt, "DELETE", "/{group_type}/{uuid}/vms/{vm_uuid}", a.endpoint(a.deleteVM))
}

// awComputeGroup is the organization or project in a path.
type awComputeGroup struct {
	Type string // organizations or projects
	UUID string
	Org  string // the organization that pays
}

// computeGroupFor resolves /{group_type}/{uuid} when the caller is a
// member of the organization or project (or of the project's
// organization).
func (a *Awanio) computeGroupFor(c *awCall) (awComputeGroup, awReply, bool) {
	id, ok := pathUUID(c, "uuid")
	switch c.r.PathValue("group_type") {
	case "organizations":
		o := a.db.Organizations[id]
		if !ok || o == nil {
			return awComputeGroup{}, awNotFound("organization"), false
		}
		if o.Members[c.user.UUID] == nil {
			return awComputeGroup{}, awForbidden("YOU ARE NOT A MEMBER OF THIS ORGANIZATION"), false
		}
		return awComputeGroup{Type: "organizations", UUID: id, Org: id}, awReply{}, true
	case "projects":
		p := a.db.Projects[id]
		if !ok || p == nil {
			return awComputeGroup{}, awNotFound("project"), false
		}
		o := a.db.Organizations[p.OrganizationUUID]
		if p.Members[c.user.UUID] == nil && (o == nil || o.Members[c.user.UUID] == nil) {
			return awComputeGroup{}, awForbidden("YOU ARE NOT A MEMBER OF THIS PROJECT"), false
		}
		return awComputeGroup{Type: "projects", UUID: id, Org: p.OrganizationUUID}, awReply{}, true
	}
	return awComputeGroup{}, awErr(404, "404-0", "NOT FOUND", "ROUTE NOT FOUND"), false
}

func (a *Awanio) createVM(c *awCall) awReply {
	var in struct {
		awServerInput
		InstanceTypeUUID string `json:"instance_type_uuid"`
	}
	g, cat, rep, ok := vms.checkCreate(a, c, &in, &in.awServerInput)
	if !ok {
		return rep
	}
	pr := a.db.Pricings[canonicalOrEmpty(in.InstanceTypeUUID)]
	switch {
	case pr == nil:
		return awBadRequest("INSTANCE TYPE %q NOT FOUND", in.InstanceTypeUUID)
	case pr.SuitableFor != "vm":
		return awBadRequest("INSTANCE TYPE %s IS NOT SUITABLE FOR VM", pr.UUID)
	case pr.StorageGB < cat.MinStorageGB:
		return awBadRequest("INSTANCE TYPE %s HAS %d GB, THE IMAGE NEEDS %d GB", pr.InstanceType, pr.StorageGB, cat.MinStorageGB)
	}
	if rep, ok := checkNames(&in.awServerInput); !ok {
		return rep
	}
	if in.Reserve != nil && !in.WithExternalIP && (in.Reserve.Reserved || in.Reserve.UUID != "") {
		return awBadRequest("RESERVE_EXTERNAL_IP ONLY APPLIES WITH WITH_EXTERNAL_IP TRUE")
	}
	vm := &AwanioVM{awServer: vms.newServer(a, c, g, &in.awServerInput, cat), PricingUUID: pr.UUID, AuthType: in.Auth.ID.value}
	seq := vm.Seq
	vm.PrivateIP = fmt.Sprintf("10.0.%d.%d", (seq/250)%250, seq%250+2)
	vm.MACAddress = fmt.Sprintf("26:71:1c:%02x:%02x:%02x", (seq>>16)&0xff, (seq>>8)&0xff, seq&0xff)
	if in.WithExternalIP {
		vm.ExternalIP = fmt.Sprintf("103.15.%d.%d", (seq>>8)&0xff, seq&0xff)
		vm.ReservedIP = in.Reserve != nil && (in.Reserve.Reserved || in.Reserve.UUID != "")
	}
	a.db.VMs[vm.UUID] = vm
	a.changed()
	return awOK(a.renderVM(vm, c.now))
}

func (a *Awanio) renderVMNow(c *awCall) func(*AwanioVM) map[string]any {
	return func(vm *AwanioVM) map[string]any { return a.renderVM(vm, c.now) }
}

func (a *Awanio) listVMs(c *awCall) awReply  { return vms.list(a, c, a.renderVMNow(c)) }
func (a *Awanio) getVM(c *awCall) awReply    { return vms.get(a, c, a.renderVMNow(c)) }
func (a *Awanio) deleteVM(c *awCall) awReply { return vms.del(a, c) }

// renderVM is a VM as the seed shows it, plus group_type/group_uuid and
// external_ip_address.
func (a *Awanio) renderVM(vm *AwanioVM, now time.Time) map[string]any {
	status := vm.Status.At(now)
	if at, ok := vm.Status.ReachedAt(now, "running"); ok {
		a.seenFinal.Seen("awanio vm", vm.UUID, at)
	}
	phase := map[string]string{"provisioning": "Scheduling", "running": "Running", "deleting": "Terminating", "error": "Failed"}[status]
	metaMap := map[string]any{"phase": phase, "private_ip_address": nil}
	if status == "running" {
		metaMap["private_ip_address"] = vm.PrivateIP
	}
	if status == "error" {
		metaMap["message"] = vm.FailMessage
	}
	out := map[string]any{
		"uuid": vm.UUID, "title": vm.Title, "hostname": vm.Hostname, "tags": nil,
		"mac_address": vm.MACAddress, "status": status, "meta": metaMap,
		"private_ip_address_v4": vm.PrivateIP, "ip_address": nil, "volumes": []any{},
		"group_type": strings.TrimSuffix(vm.GroupType, "s"), "group_uuid": vm.GroupUUID,
		"created_at": awTime(vm.CreatedAt), "updated_at": awTime(vm.UpdatedAt),
	}
	if cat := a.db.Catalogues[vm.CatalogueUUID]; cat != nil {
		out["catalogue"] = renderCatalogue(cat)
	}
	if pr := a.db.Pricings[vm.PricingUUID]; pr != nil {
		out["pricing"] = renderPricing(pr)
		out["disk_size_gb"] = pr.StorageGB
		out["vcpu_core"] = pr.VCPUCore
		out["ram_mb"] = pr.RAMMB
		out["transfer_tb"] = pr.TransferTB
	}
	if vm.ExternalIP != "" {
		out["external_ip_address"] = vm.ExternalIP
	}
	return out
}

// The Go API for tests.

// VM returns a virtual machine by UUID (a copy); deleted VMs are gone.
func (a *Awanio) VM(uuid string) (AwanioVM, bool) { return vms.one(a, uuid) }

// VMs returns every existing VM in creation order.
func (a *Awanio) VMs() []AwanioVM { return vms.all(a) }

// VMStatus is a VM's status now ("" when it does not exist).
func (a *Awanio) VMStatus(uuid string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	vm := a.db.VMs[canonicalOrEmpty(uuid)]
	if vm == nil {
		return ""
	}
	return vm.Status.At(a.now())
}

// DeleteVM removes a VM out of band, at once.
func (a *Awanio) DeleteVM(uuid string) bool { return vms.remove(a, uuid) }

// FailVM pins a VM's status to "error" with message, as if it crashed.
func (a *Awanio) FailVM(uuid, message string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	vm := a.db.VMs[canonicalOrEmpty(uuid)]
	if vm == nil {
		return false
	}
	vm.FailMessage = message
	vm.Status.Fix("error")
	a.changed()
	return true
}

// FailProvisioning makes the next VM or baremetal server created with
// hostname fail provisioning: it ends in "error" (VM) or "Failed
// deployment" (baremetal) with message.
func (a *Awanio) FailProvisioning(hostname, message string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.db.FailHostnames[hostname] = message
	a.changed()
}
