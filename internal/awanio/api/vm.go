package api

import (
	"context"
	"strings"
)

// VM statuses. provisioning moves to running; error and failed end a
// create (the seed shows only provisioning and running; the failure names
// are what the mock and, by assumption, Awanio report).
const (
	VMProvisioning = "provisioning"
	VMRunning      = "running"
	VMDeleting     = "deleting"
)

// VMCreateRequest is the body of POST {group-type}/{uuid}/vms.
type VMCreateRequest struct {
	ServerCreate
	InstanceTypeUUID string `json:"instance_type_uuid"`
}

// VM is a virtual machine as GET .../vms/{vm_uuid} returns it.
type VM struct {
	Server
	Pricing *struct {
		UUID         string `json:"uuid"`
		InstanceType String `json:"instance_type"`
	} `json:"pricing"`
	Meta *struct {
		Phase            String `json:"phase"`
		PrivateIPAddress String `json:"private_ip_address"`
		// Message explains a failure (mock; assumed for Awanio).
		Message String `json:"message"`
	} `json:"meta"`
	Status             String `json:"status"`
	MACAddress         String `json:"mac_address"`
	PrivateIPAddressV4 String `json:"private_ip_address_v4"`
	// ExternalIPAddress is not in the seed (ip_address is null or a bare
	// schema there); the mock sends it when with_external_ip is true.
	ExternalIPAddress String `json:"external_ip_address"`
	DiskSizeGB        Int    `json:"disk_size_gb"`
	VCPUCore          Float  `json:"vcpu_core"`
	RAMMB             Int    `json:"ram_mb"`
	GroupType         String `json:"group_type"`
	GroupUUID         String `json:"group_uuid"`
}

// RefUUID is an embedded object of which only the UUID matters.
type RefUUID struct {
	UUID string `json:"uuid"`
	Name String `json:"name"`
}

// failureMessage is the API's explanation of a failed VM.
func (v *VM) failureMessage() string {
	if v == nil || v.Meta == nil {
		return ""
	}
	if v.Meta.Message != "" {
		return string(v.Meta.Message)
	}
	if p := string(v.Meta.Phase); p != "" && !strings.EqualFold(p, string(v.Status)) {
		return "phase " + p
	}
	return ""
}

// CreateVM creates a VM in g (createServer: found by title and hostname
// when its answer was lost; the seed documents no answer).
func (c *Client) CreateVM(ctx context.Context, g Group, req VMCreateRequest) (*VM, error) {
	return createServer[VM](ctx, c, g, "virtual machine", pathGroupVMs, &req.ServerCreate, &req)
}

// ListVMs lists the VMs of a group.
func (c *Client) ListVMs(ctx context.Context, g Group) ([]VM, error) {
	return list[VM](ctx, c, g.path(pathGroupVMs), nil)
}

// GetVM reads one VM.
func (c *Client) GetVM(ctx context.Context, g Group, id string) (*VM, error) {
	return getOne[VM](ctx, c, g.path(pathGroupVM, "vm_uuid", id))
}

// DeleteVM deletes a VM (the DELETE is inferred from the path table).
func (c *Client) DeleteVM(ctx context.Context, g Group, id string) error {
	return c.del(ctx, g.path(pathGroupVM, "vm_uuid", id))
}
