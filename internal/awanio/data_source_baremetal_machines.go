package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewBaremetalMachinesDataSource is the cloudorder_awanio_baremetal_machines data source.
var NewBaremetalMachinesDataSource = newDataSource(&dataKind[machinesDataSourceModel]{
	suffix:      "_awanio_baremetal_machines",
	description: "Lists the baremetal machines an Awanio organization or project can deploy a server on now.",
	attributes:  machinesAttributes,
	read:        readMachines,
})

func machinesAttributes() map[string]schema.Attribute {
	attrs := groupDataSourceAttributes("available baremetal machines")
	attrs["machines"] = resultList("The machines a server can be deployed on now, by name.", map[string]schema.Attribute{
		"name":            listedString("Machine name: the `machine_name` of `cloudorder_awanio_baremetal`."),
		"architecture":    listedString("CPU architecture, for example `amd64/generic`."),
		"zone":            listedString("Zone the machine is in."),
		"pricing_uuid":    listedString("UUID of the machine's price plan."),
		"instance_type":   listedString("Instance type of the price plan."),
		"vcpu_core":       listedFloat64("CPU cores."),
		"ram_mb":          listedInt64("Memory in MB."),
		"storage_gb":      listedInt64("Storage in GB."),
		"price_per_hour":  listedFloat64("Price per hour."),
		"price_per_month": listedFloat64("Price per month."),
	})
	return attrs
}

func readMachines(ctx context.Context, client *api.Client, m *machinesDataSourceModel, diags *diag.Diagnostics) error {
	_, machines, err := listOfGroup(ctx, client, &m.OrganizationUUID, &m.ProjectUUID, diags, client.ListAvailableMachines,
		func(api.Group) string { return "Could not list the available Awanio baremetal machines" })
	if err != nil {
		return err
	}
	m.Machines = collect(machines, nil, func(mc *api.Machine) machineListItem {
		item := machineListItem{
			Name: types.StringValue(mc.Name), Architecture: stringOrNull(string(mc.Architecture)), Zone: stringOrNull(string(mc.Zone)),
			PricePerHour: types.Float64Null(), PricePerMonth: types.Float64Null(),
		}
		item.machinePlan.fromAPI(mc.Pricing)
		if p := mc.Pricing; p != nil {
			item.PricePerHour = float64Value(p.PricePerHour)
			item.PricePerMonth = float64Value(p.PricePerMonth)
		}
		return item
	})
	return nil
}

type machinesDataSourceModel struct {
	OrganizationUUID types.String      `tfsdk:"organization_uuid"`
	ProjectUUID      types.String      `tfsdk:"project_uuid"`
	Machines         []machineListItem `tfsdk:"machines"`
}

type machineListItem struct {
	Name         types.String `tfsdk:"name"`
	Architecture types.String `tfsdk:"architecture"`
	Zone         types.String `tfsdk:"zone"`
	machinePlan
	PricePerHour  types.Float64 `tfsdk:"price_per_hour"`
	PricePerMonth types.Float64 `tfsdk:"price_per_month"`
}
