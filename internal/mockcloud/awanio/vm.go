package awanio

import (
	"fmt"
	"regexp"
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
	Seq              uint64      `json:"seq"`
	UUID             string      `json:"uuid"`
	GroupType        string      `json:"group_type"` // organizations or projects
	GroupUUID        string      `json:"group_uuid"`
	OrganizationUUID string      `json:"organization_uuid"`
	Title            string      `json:"title"`
	Hostname         string      `json:"hostname"`
	CatalogueUUID    string      `json:"catalogue_uuid"`
	PricingUUID      string      `json:"pricing_uuid"`
	AuthType         int         `json:"auth_type"` // 1 password, 2 SSH key
	AuthKey          string      `json:"auth_key"`  // user name
	ExternalIP       string      `json:"external_ip,omitempty"`
	ReservedIP       bool        `json:"reserved_ip,omitempty"`
	PrivateIP        string      `json:"private_ip"`
	MACAddress       string      `json:"mac_address"`
	Status           AsyncStatus `json:"status"`
	FailMessage      string      `json:"fail_message,omitempty"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
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

// awAuthInput is authentication_type {id, key, value}.
type awAuthInput struct {
	ID    flexInt `json:"id"`
	Key   string  `json:"key"`
	Value string  `json:"value"`
}

// awReserveInput is reserve_external_ip.
type awReserveInput struct {
	IsNew    *bool  `json:"is_new"`
	UUID     string `json:"uuid"`
	Reserved bool   `json:"reserved"`
}

var awHostnameRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// checkAuth validates authentication_type as Awanio would (inferred).
func checkAuth(in awAuthInput) (awReply, bool) {
	switch {
	case !in.ID.set:
		return awBadRequest("AUTHENTICATION_TYPE IS REQUIRED"), false
	case in.ID.value != 1 && in.ID.value != 2:
		return awBadRequest("AUTHENTICATION_TYPE.ID MUST BE 1 (PASSWORD) OR 2 (SSH KEY)"), false
	case in.Key == "":
		return awBadRequest("AUTHENTICATION_TYPE.KEY (USER NAME) IS REQUIRED"), false
	case in.ID.value == 1 && len(in.Value) < 8:
		return awBadRequest("PASSWORD MUST BE AT LEAST 8 CHARACTERS"), false
	case in.ID.value == 2 && !strings.HasPrefix(in.Value, "ssh-") && !strings.HasPrefix(in.Value, "ecdsa-") && !strings.HasPrefix(in.Value, "sk-"):
		return awBadRequest("AUTHENTICATION_TYPE.VALUE IS NOT AN SSH PUBLIC KEY"), false
	}
	return awReply{}, true
}

func (a *Awanio) createVM(c *awCall) awReply {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return rep
	}
	var in struct {
		Auth             awAuthInput     `json:"authentication_type"`
		CatalogueUUID    string          `json:"catalogue_uuid"`
		InstanceTypeUUID string          `json:"instance_type_uuid"`
		Title            string          `json:"title"`
		Hostname         string          `json:"hostname"`
		WithExternalIP   bool            `json:"with_external_ip"`
		Reserve          *awReserveInput `json:"reserve_external_ip"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if rep, ok := c.requireOrganization(g.Org); !ok {
		return rep
	}
	if rep, ok := checkAuth(in.Auth); !ok {
		return rep
	}
	cat := a.db.Catalogues[canonicalOrEmpty(in.CatalogueUUID)]
	switch {
	case cat == nil:
		return awBadRequest("CATALOGUE %q NOT FOUND", in.CatalogueUUID)
	case cat.Service != "compute":
		return awBadRequest("CATALOGUE %s IS NOT FOR VIRTUAL MACHINES (SERVICE %s)", cat.UUID, strings.ToUpper(cat.Service))
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
	if strings.TrimSpace(in.Title) == "" || len(in.Title) > 255 {
		return awBadRequest("TITLE MUST BE 1 TO 255 CHARACTERS")
	}
	if !awHostnameRE.MatchString(in.Hostname) {
		return awBadRequest("HOSTNAME %q IS NOT A VALID HOST NAME", in.Hostname)
	}
	if in.Reserve != nil && !in.WithExternalIP && (in.Reserve.Reserved || in.Reserve.UUID != "") {
		return awBadRequest("RESERVE_EXTERNAL_IP ONLY APPLIES WITH WITH_EXTERNAL_IP TRUE")
	}
	now := c.now
	seq := a.nextSeq()
	vm := &AwanioVM{
		Seq: seq, UUID: newDashedUUID(), GroupType: g.Type, GroupUUID: g.UUID, OrganizationUUID: g.Org,
		Title: in.Title, Hostname: in.Hostname, CatalogueUUID: cat.UUID, PricingUUID: pr.UUID,
		AuthType: in.Auth.ID.value, AuthKey: in.Auth.Key,
		PrivateIP:  fmt.Sprintf("10.0.%d.%d", (seq/250)%250, seq%250+2),
		MACAddress: fmt.Sprintf("26:71:1c:%02x:%02x:%02x", (seq>>16)&0xff, (seq>>8)&0xff, seq&0xff),
		CreatedAt:  now, UpdatedAt: now,
	}
	if in.WithExternalIP {
		vm.ExternalIP = fmt.Sprintf("103.15.%d.%d", (seq>>8)&0xff, seq&0xff)
		vm.ReservedIP = in.Reserve != nil && (in.Reserve.Reserved || in.Reserve.UUID != "")
	}
	vm.Status = newAsyncStatus(now, "provisioning", AsyncStep{After: a.delays.Provision, Status: "running"})
	if msg, fail := a.db.FailHostnames[in.Hostname]; fail {
		delete(a.db.FailHostnames, in.Hostname)
		vm.FailMessage = msg
		vm.Status = newAsyncStatus(now, "provisioning", AsyncStep{After: a.delays.Provision, Status: "error"})
	}
	a.db.VMs[vm.UUID] = vm
	a.changed()
	return awOK(a.renderVM(vm, now))
}

// vmIn returns the VM in the path if it belongs to the path's group.
func (a *Awanio) vmIn(c *awCall) (*AwanioVM, awReply, bool) {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return nil, rep, false
	}
	id, ok := pathUUID(c, "vm_uuid")
	vm := a.db.VMs[id]
	if !ok || vm == nil || vm.GroupUUID != g.UUID || vm.GroupType != g.Type {
		return nil, awNotFound("vm"), false
	}
	if vm.Status.Gone(c.now) {
		delete(a.db.VMs, vm.UUID)
		a.changed()
		return nil, awNotFound("vm"), false
	}
	return vm, awReply{}, true
}

func (a *Awanio) listVMs(c *awCall) awReply {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return rep
	}
	var items []any
	for _, vm := range sortedBySeq(a.db.VMs, func(v *AwanioVM) uint64 { return v.Seq }) {
		if vm.GroupUUID == g.UUID && vm.GroupType == g.Type && !vm.Status.Gone(c.now) {
			items = append(items, a.renderVM(vm, c.now))
		}
	}
	if items == nil {
		items = []any{}
	}
	return awList(c, items)
}

func (a *Awanio) getVM(c *awCall) awReply {
	vm, rep, ok := a.vmIn(c)
	if !ok {
		return rep
	}
	return awOK(a.renderVM(vm, c.now))
}

func (a *Awanio) deleteVM(c *awCall) awReply {
	vm, rep, ok := a.vmIn(c)
	if !ok {
		return rep
	}
	if vm.Status.At(c.now) == "deleting" {
		return awOK("deleted")
	}
	vm.Status.Restart(c.now, "deleting", AsyncStep{After: a.delays.Delete, Status: AsyncGone})
	vm.UpdatedAt = c.now
	a.changed()
	return awOK("deleted")
}

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
func (a *Awanio) VM(uuid string) (AwanioVM, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	vm := a.db.VMs[canonicalOrEmpty(uuid)]
	if vm == nil || vm.Status.Gone(a.now()) {
		return AwanioVM{}, false
	}
	return *vm, true
}

// VMs returns every existing VM in creation order.
func (a *Awanio) VMs() []AwanioVM {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AwanioVM
	for _, vm := range sortedBySeq(a.db.VMs, func(v *AwanioVM) uint64 { return v.Seq }) {
		if !vm.Status.Gone(a.now()) {
			out = append(out, *vm)
		}
	}
	return out
}

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
func (a *Awanio) DeleteVM(uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := canonicalOrEmpty(uuid)
	if a.db.VMs[id] == nil {
		return false
	}
	delete(a.db.VMs, id)
	a.changed()
	return true
}

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
