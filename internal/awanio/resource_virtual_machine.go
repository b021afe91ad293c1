package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// cloudorder_awanio_virtual_machine, on the compute base (compute.go).

// NewVirtualMachineResource is the cloudorder_awanio_virtual_machine resource.
var NewVirtualMachineResource = newObject[vmModel](computeKind[vmModel](
	"_awanio_virtual_machine",
	"An Awanio virtual machine in an organization or project. Creating it waits until its status is `running`; "+
		"a VM that ends in `error` is kept as tainted, with Awanio's message. Awanio documents no update of a VM, "+
		"so every argument except `timeouts` replaces it. Log in with `ssh_public_key` or the write-only `password_wo`.",
	vmAttributes(),
	computeCalls[vmModel, api.VM]{
		what: "virtual machine", short: "VM", object: "Virtual machine", service: "compute", defaultUser: defaultVMUsername,
		create: func(c *api.Client, ctx context.Context, g api.Group, m *vmModel, password string) (*api.VM, error) {
			return c.CreateVM(ctx, g, m.toCreate(password))
		},
		waitReady: (*api.Client).WaitForVM,
		get:       (*api.Client).GetVM,
		fromAPI:   (*vmModel).fromAPI,
		del:       (*api.Client).DeleteVM,
		waitGone:  (*api.Client).WaitForVMGone,
		notReady:  "The Awanio virtual machine did not start",
		notGone:   "The Awanio virtual machine was not deleted",
	},
))

// vmAttributes are the VM's own attributes (computeCalls.attributes adds
// the shared ones).
func vmAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_type_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the price plan (instance type) with `suitable_for = \"vm\"`. Awanio has no resize, so changing it replaces the VM.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"instance_type": stableString("Name of the instance type, for example `s-b`."),
		"status":        computedString("Status: `provisioning`, `running`, `error`, ..."),
		"phase":         computedString("Phase Awanio reports in `meta.phase`."),
		"mac_address":   computedString("MAC address of the VM's interface."),
		"vcpu_core":     computedFloat64("Number of virtual CPU cores."),
		"ram_mb":        computedInt64("Memory in MB."),
		"disk_size_gb":  computedInt64("Size of the boot disk in GB."),
	}
}

// vmModel is cloudorder_awanio_virtual_machine in Terraform.
type vmModel struct {
	computeFields
	InstanceTypeUUID types.String  `tfsdk:"instance_type_uuid"`
	InstanceType     types.String  `tfsdk:"instance_type"`
	Status           types.String  `tfsdk:"status"`
	Phase            types.String  `tfsdk:"phase"`
	MACAddress       types.String  `tfsdk:"mac_address"`
	VCPUCore         types.Float64 `tfsdk:"vcpu_core"`
	RAMMB            types.Int64   `tfsdk:"ram_mb"`
	DiskSizeGB       types.Int64   `tfsdk:"disk_size_gb"`
}

// fromAPI sets the attributes Awanio returns. The authentication settings
// (username, key, password) are not returned and keep what the
// configuration said; the owner keeps the spelling in state.
func (m *vmModel) fromAPI(g api.Group, v *api.VM) {
	m.computeFields.fromAPI(g, &v.Server)
	m.InstanceType = types.StringNull()
	if v.Pricing != nil {
		m.InstanceTypeUUID = keepUUID(m.InstanceTypeUUID, v.Pricing.UUID)
		m.InstanceType = stringOrNull(string(v.Pricing.InstanceType))
	}
	m.Status = types.StringValue(string(v.Status))
	m.Phase = types.StringNull()
	private := string(v.PrivateIPAddressV4)
	if v.Meta != nil {
		m.Phase = stringOrNull(string(v.Meta.Phase))
		if private == "" {
			private = string(v.Meta.PrivateIPAddress)
		}
	}
	m.PrivateIPAddress = stringOrNull(private)
	m.ExternalIPAddress = stringOrNull(string(v.ExternalIPAddress))
	m.MACAddress = stringOrNull(string(v.MACAddress))
	m.VCPUCore = types.Float64Value(float64(v.VCPUCore))
	m.RAMMB = types.Int64Value(int64(v.RAMMB))
	m.DiskSizeGB = types.Int64Value(int64(v.DiskSizeGB))
	m.accessModel.fromAPI(v.ExternalIPAddress != "")
}

// defaultVMUsername is the login the seed's example uses.
const defaultVMUsername = "awanio"

// toCreate is the API request; password comes from the configuration
// (write-only) and is never stored.
func (m *vmModel) toCreate(password string) api.VMCreateRequest {
	return api.VMCreateRequest{ServerCreate: m.serverCreate(password), InstanceTypeUUID: m.InstanceTypeUUID.ValueString()}
}
