package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewBaremetalMachinesDataSource is the cloudorder_awanio_baremetal_machines data source.
var NewBaremetalMachinesDataSource = newDataSource(&dataKind[machinesDataSourceModel]{
	suffix:      "_awanio_baremetal_machines",
	description: "Lists the baremetal machines an Awanio organization or project can deploy a server on now.",
	args:        groupDataSourceAttributes("available baremetal machines"),
	results:     machineResults,
	read:        readMachines,
})

// machineRow is a listed machine: its price plan as a server shows it
// (machinePlan) and its prices.
type machineRow struct {
	machine       *api.Machine
	plan          machinePlan
	pricePerHour  types.Float64
	pricePerMonth types.Float64
}

var machineResults = &results[machineRow]{"machines", "The machines a server can be deployed on now, by name.", []column[machineRow]{
	textCol("name", "Machine name: the `machine_name` of `cloudorder_awanio_baremetal`.", func(r *machineRow) types.String { return types.StringValue(r.machine.Name) }),
	apiTextCol("architecture", "CPU architecture, for example `amd64/generic`.", func(r *machineRow) api.String { return r.machine.Architecture }),
	apiTextCol("zone", "Zone the machine is in.", func(r *machineRow) api.String { return r.machine.Zone }),
	textCol("pricing_uuid", "UUID of the machine's price plan.", func(r *machineRow) types.String { return r.plan.PricingUUID }),
	textCol("instance_type", "Instance type of the price plan.", func(r *machineRow) types.String { return r.plan.InstanceType }),
	float64Col("vcpu_core", "CPU cores.", func(r *machineRow) types.Float64 { return r.plan.VCPUCore }),
	int64Col("ram_mb", "Memory in MB.", func(r *machineRow) types.Int64 { return r.plan.RAMMB }),
	int64Col("storage_gb", "Storage in GB.", func(r *machineRow) types.Int64 { return r.plan.StorageGB }),
	float64Col("price_per_hour", "Price per hour.", func(r *machineRow) types.Float64 { return r.pricePerHour }),
	float64Col("price_per_month", "Price per month.", func(r *machineRow) types.Float64 { return r.pricePerMonth }),
}}

func readMachines(ctx context.Context, client *api.Client, m *machinesDataSourceModel, diags *diag.Diagnostics) error {
	_, machines, err := listOfGroup(ctx, client, &m.OrganizationUUID, &m.ProjectUUID, diags, client.ListAvailableMachines,
		func(api.Group) string { return "Could not list the available Awanio baremetal machines" })
	if err != nil {
		return err
	}
	m.Machines = machineResults.value(collect(machines, nil, func(mc *api.Machine) machineRow {
		r := machineRow{machine: mc, pricePerHour: types.Float64Null(), pricePerMonth: types.Float64Null()}
		r.plan.fromAPI(mc.Pricing)
		if p := mc.Pricing; p != nil {
			r.pricePerHour, r.pricePerMonth = float64Value(p.PricePerHour), float64Value(p.PricePerMonth)
		}
		return r
	}))
	return nil
}

type machinesDataSourceModel struct {
	Machines types.List `tfsdk:"machines"`
	ownerModel
}
