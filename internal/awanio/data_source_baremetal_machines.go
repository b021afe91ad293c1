package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ datasource.DataSource              = (*machinesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*machinesDataSource)(nil)
)

// NewBaremetalMachinesDataSource is the cloudorder_awanio_baremetal_machines data source.
func NewBaremetalMachinesDataSource() datasource.DataSource { return &machinesDataSource{} }

type machinesDataSource struct{ client *api.Client }

type machinesDataSourceModel struct {
	OrganizationUUID types.String      `tfsdk:"organization_uuid"`
	ProjectUUID      types.String      `tfsdk:"project_uuid"`
	Machines         []machineListItem `tfsdk:"machines"`
}

type machineListItem struct {
	Name          types.String  `tfsdk:"name"`
	Architecture  types.String  `tfsdk:"architecture"`
	Zone          types.String  `tfsdk:"zone"`
	PricingUUID   types.String  `tfsdk:"pricing_uuid"`
	InstanceType  types.String  `tfsdk:"instance_type"`
	VCPUCore      types.Float64 `tfsdk:"vcpu_core"`
	RAMMB         types.Int64   `tfsdk:"ram_mb"`
	StorageGB     types.Int64   `tfsdk:"storage_gb"`
	PricePerHour  types.Float64 `tfsdk:"price_per_hour"`
	PricePerMonth types.Float64 `tfsdk:"price_per_month"`
}

func (d *machinesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_baremetal_machines"
}

func (d *machinesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	attrs := groupDataSourceAttributes("available baremetal machines")
	attrs["machines"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The machines a server can be deployed on now, by name.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name":            str("Machine name: the `machine_name` of `cloudorder_awanio_baremetal`."),
			"architecture":    str("CPU architecture, for example `amd64/generic`."),
			"zone":            str("Zone the machine is in."),
			"pricing_uuid":    str("UUID of the machine's price plan."),
			"instance_type":   str("Instance type of the price plan."),
			"vcpu_core":       schema.Float64Attribute{Computed: true, MarkdownDescription: "CPU cores."},
			"ram_mb":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory in MB."},
			"storage_gb":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Storage in GB."},
			"price_per_hour":  schema.Float64Attribute{Computed: true, MarkdownDescription: "Price per hour."},
			"price_per_month": schema.Float64Attribute{Computed: true, MarkdownDescription: "Price per month."},
		}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the baremetal machines an Awanio organization or project can deploy a server on now.",
		Attributes:          attrs,
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_baremetal_machines"]
}

func (d *machinesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *machinesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m machinesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	g, err := computeOwner(d.client, m.OrganizationUUID, m.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return
	}
	machines, err := d.client.ListAvailableMachines(ctx, g)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not list the available Awanio baremetal machines", err)
		return
	}
	m.OrganizationUUID, m.ProjectUUID = groupAttrs(g)
	m.Machines = make([]machineListItem, 0, len(machines))
	for _, mc := range machines {
		item := machineListItem{
			Name: types.StringValue(mc.Name), Architecture: stringOrNull(string(mc.Architecture)), Zone: stringOrNull(string(mc.Zone)),
			PricingUUID: types.StringNull(), InstanceType: types.StringNull(),
			VCPUCore: types.Float64Null(), RAMMB: types.Int64Null(), StorageGB: types.Int64Null(),
			PricePerHour: types.Float64Null(), PricePerMonth: types.Float64Null(),
		}
		if p := mc.Pricing; p != nil {
			item.PricingUUID = stringOrNull(p.UUID)
			item.InstanceType = stringOrNull(string(p.InstanceType))
			item.VCPUCore = types.Float64Value(float64(p.VCPUCore))
			item.RAMMB = types.Int64Value(int64(p.RAMMB))
			item.StorageGB = types.Int64Value(int64(p.StorageGB))
			item.PricePerHour = types.Float64Value(float64(p.PricePerHour))
			item.PricePerMonth = types.Float64Value(float64(p.PricePerMonth))
		}
		m.Machines = append(m.Machines, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
