package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewVirtualMachinesDataSource is the cloudorder_awanio_virtual_machines data source.
var NewVirtualMachinesDataSource = newDataSource(&dataKind[vmsDataSourceModel]{
	suffix:      "_awanio_virtual_machines",
	description: "Lists the virtual machines of an Awanio organization or project.",
	attributes:  vmListAttributes,
	read:        readVMs,
})

func vmListAttributes() map[string]schema.Attribute {
	attrs := groupDataSourceAttributes("virtual machines")
	attrs["virtual_machines"] = resultList("The virtual machines, oldest first.", map[string]schema.Attribute{
		"id":                  listedString("UUID of the VM."),
		"title":               listedString("Display name."),
		"hostname":            listedString("Host name."),
		"status":              listedString("Status: `provisioning`, `running`, `error`, ..."),
		"phase":               listedString("Phase from `meta.phase`."),
		"catalogue_uuid":      listedString("UUID of the image."),
		"instance_type_uuid":  listedString("UUID of the price plan."),
		"instance_type":       listedString("Name of the instance type."),
		"private_ip_address":  listedString("Private IPv4 address."),
		"external_ip_address": listedString("Public IPv4 address, if any."),
		"created_at":          listedString("When the VM was created (RFC 3339)."),
	})
	return attrs
}

func readVMs(ctx context.Context, client *api.Client, m *vmsDataSourceModel, diags *diag.Diagnostics) error {
	g, vms, err := listOfGroup(ctx, client, &m.OrganizationUUID, &m.ProjectUUID, diags, client.ListVMs,
		func(g api.Group) string { return "Could not list the Awanio virtual machines of " + g.String() })
	if err != nil {
		return err
	}
	m.VirtualMachines = collect(vms, nil, func(v *api.VM) vmListItem {
		var vm vmModel
		vm.fromAPI(g, v)
		return vmListItem{
			ID: vm.ID, Title: vm.Title, Hostname: vm.Hostname, Status: vm.Status, Phase: vm.Phase,
			CatalogueUUID: vm.CatalogueUUID, InstanceTypeUUID: vm.InstanceTypeUUID, InstanceType: vm.InstanceType,
			PrivateIPAddress: vm.PrivateIPAddress, ExternalIPAddress: vm.ExternalIPAddress, CreatedAt: vm.CreatedAt,
		}
	})
	return nil
}

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
