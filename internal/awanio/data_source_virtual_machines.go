package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

var (
	_ datasource.DataSource              = (*vmsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vmsDataSource)(nil)
)

// NewVirtualMachinesDataSource is the cloudorder_awanio_virtual_machines data source.
func NewVirtualMachinesDataSource() datasource.DataSource { return &vmsDataSource{} }

type vmsDataSource struct{ client *api.Client }

type vmsDataSourceModel struct {
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	ProjectUUID      types.String `tfsdk:"project_uuid"`
	VirtualMachines  []vmListItem `tfsdk:"virtual_machines"`
}

type vmListItem struct {
	ID                types.String `tfsdk:"id"`
	Title             types.String `tfsdk:"title"`
	Hostname          types.String `tfsdk:"hostname"`
	Status            types.String `tfsdk:"status"`
	Phase             types.String `tfsdk:"phase"`
	CatalogueUUID     types.String `tfsdk:"catalogue_uuid"`
	InstanceTypeUUID  types.String `tfsdk:"instance_type_uuid"`
	InstanceType      types.String `tfsdk:"instance_type"`
	PrivateIPAddress  types.String `tfsdk:"private_ip_address"`
	ExternalIPAddress types.String `tfsdk:"external_ip_address"`
	CreatedAt         types.String `tfsdk:"created_at"`
}

func (d *vmsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_virtual_machines"
}

// groupDataSourceAttributes are the owner arguments of the list data sources.
func groupDataSourceAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "List the " + what + " of this organization. Set this or `project_uuid`; " +
				"when neither is set, the provider's `project_uuid`, else its `organization_uuid`, is used.",
			Validators: []validator.String{validate.UUID(), stringvalidator.ConflictsWith(path.MatchRoot("project_uuid"))},
		},
		"project_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "List the " + what + " of this project.",
			Validators:          []validator.String{validate.UUID()},
		},
	}
}

func (d *vmsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	attrs := groupDataSourceAttributes("virtual machines")
	attrs["virtual_machines"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The virtual machines, oldest first.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":                  str("UUID of the VM."),
			"title":               str("Display name."),
			"hostname":            str("Host name."),
			"status":              str("Status: `provisioning`, `running`, `error`, ..."),
			"phase":               str("Phase from `meta.phase`."),
			"catalogue_uuid":      str("UUID of the image."),
			"instance_type_uuid":  str("UUID of the price plan."),
			"instance_type":       str("Name of the instance type."),
			"private_ip_address":  str("Private IPv4 address."),
			"external_ip_address": str("Public IPv4 address, if any."),
			"created_at":          str("When the VM was created (RFC 3339)."),
		}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the virtual machines of an Awanio organization or project.",
		Attributes:          attrs,
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_virtual_machines"]
}

func (d *vmsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *vmsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m vmsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	g, err := computeOwner(d.client, m.OrganizationUUID, m.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return
	}
	vms, err := d.client.ListVMs(ctx, g)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not list the Awanio virtual machines of "+g.String(), err)
		return
	}
	m.OrganizationUUID, m.ProjectUUID = groupAttrs(g)
	m.VirtualMachines = make([]vmListItem, 0, len(vms))
	for i := range vms {
		var vm vmModel
		vm.fromAPI(g, &vms[i])
		m.VirtualMachines = append(m.VirtualMachines, vmListItem{
			ID: vm.ID, Title: vm.Title, Hostname: vm.Hostname, Status: vm.Status, Phase: vm.Phase,
			CatalogueUUID: vm.CatalogueUUID, InstanceTypeUUID: vm.InstanceTypeUUID, InstanceType: vm.InstanceType,
			PrivateIPAddress: vm.PrivateIPAddress, ExternalIPAddress: vm.ExternalIPAddress, CreatedAt: vm.CreatedAt,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
