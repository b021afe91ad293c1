package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewVirtualMachinesDataSource is the cloudorder_awanio_virtual_machines data source.
var NewVirtualMachinesDataSource = newDataSource(&dataKind[vmsDataSourceModel]{
	suffix:      "_awanio_virtual_machines",
	description: "Lists the virtual machines of an Awanio organization or project.",
	args:        groupDataSourceAttributes("virtual machines"),
	results:     vmResults,
	read:        readVMs,
})

// The VMs are listed as the resource reads them.
var vmResults = &results[vmModel]{"virtual_machines", "The virtual machines, oldest first.", []column[vmModel]{
	textCol("id", "UUID of the VM.", func(v *vmModel) types.String { return v.ID }),
	textCol("title", "Display name.", func(v *vmModel) types.String { return v.Title }),
	textCol("hostname", "Host name.", func(v *vmModel) types.String { return v.Hostname }),
	textCol("status", "Status: `provisioning`, `running`, `error`, ...", func(v *vmModel) types.String { return v.Status }),
	textCol("phase", "Phase from `meta.phase`.", func(v *vmModel) types.String { return v.Phase }),
	textCol("catalogue_uuid", "UUID of the image.", func(v *vmModel) types.String { return v.CatalogueUUID }),
	textCol("instance_type_uuid", "UUID of the price plan.", func(v *vmModel) types.String { return v.InstanceTypeUUID }),
	textCol("instance_type", "Name of the instance type.", func(v *vmModel) types.String { return v.InstanceType }),
	textCol("private_ip_address", "Private IPv4 address.", func(v *vmModel) types.String { return v.PrivateIPAddress }),
	textCol("external_ip_address", "Public IPv4 address, if any.", func(v *vmModel) types.String { return v.ExternalIPAddress }),
	textCol("created_at", "When the VM was created (RFC 3339).", func(v *vmModel) types.String { return v.CreatedAt }),
}}

func readVMs(ctx context.Context, client *api.Client, m *vmsDataSourceModel, diags *diag.Diagnostics) error {
	g, vms, err := listOfGroup(ctx, client, &m.OrganizationUUID, &m.ProjectUUID, diags, client.ListVMs,
		func(g api.Group) string { return "Could not list the Awanio virtual machines of " + g.String() })
	if err != nil {
		return err
	}
	m.VirtualMachines = vmResults.value(collect(vms, nil, func(v *api.VM) (vm vmModel) {
		vm.fromAPI(g, v)
		return vm
	}))
	return nil
}

type vmsDataSourceModel struct {
	VirtualMachines types.List `tfsdk:"virtual_machines"`
	ownerModel
}
