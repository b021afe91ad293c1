package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewVolumesDataSource is the cloudorder_awanio_volumes data source.
var NewVolumesDataSource = newDataSource(&dataKind[volumesDataModel]{
	suffix:      "_awanio_volumes",
	description: "Lists the volumes of an Awanio organization or project, boot volumes of VMs included.",
	args: map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Organization whose volumes to list. When neither this nor `project_uuid` is set, the provider's `project_uuid`, else its `organization_uuid`."),
		"project_uuid":      uuidFilterArg("Project whose volumes to list."),
		"label":             filterArg("Only the volumes with exactly this label."),
	},
	results: volumeResults,
	read:    readVolumes,
	failure: readError("volumes"),
	validators: []datasource.ConfigValidator{
		datasourcevalidator.Conflicting(path.MatchRoot("organization_uuid"), path.MatchRoot("project_uuid")),
	},
})

var volumeResults = &results[api.Volume]{"volumes", "The volumes, oldest first.", []column[api.Volume]{
	uuidCol("UUID of the volume.", func(v *api.Volume) string { return v.UUID }),
	textCol("label", "Label.", func(v *api.Volume) types.String { return types.StringValue(v.Label) }),
	apiIntCol("size_gb", "Size in GB.", func(v *api.Volume) api.Int { return v.SizeGB }),
	textCol("pricing_uuid", "Pricing of the volume (null when the API does not say).", func(v *api.Volume) types.String {
		if v.Pricing == nil {
			return types.StringNull()
		}
		return stringOrNull(v.Pricing.UUID)
	}),
	boolCol("is_used", "Whether it is attached to a VM.", func(v *api.Volume) types.Bool { return types.BoolValue(bool(v.IsUsed)) }),
	apiTextCol("volume_type", "`boot` or `external`.", func(v *api.Volume) api.String { return v.VolumeType }),
	apiTextCol("mount_point", "Where it is mounted, if attached.", func(v *api.Volume) api.String { return v.MountPoint }),
	apiTextCol("created_at", "When it was created (RFC 3339).", func(v *api.Volume) api.String { return v.CreatedAt }),
}}

func readVolumes(ctx context.Context, client *api.Client, m *volumesDataModel, diags *diag.Diagnostics) error {
	// The configured project or organization, else the provider's project,
	// else its organization (ownerRule).
	g, err := resolveOwner(client, ownedByGroup, m.OrganizationUUID, m.ProjectUUID)
	if err != nil {
		diags.AddAttributeError(path.Root("organization_uuid"), "Missing organization_uuid", sentence(err.Error()))
		return errReported
	}
	vols, err := client.ListVolumes(ctx, g)
	if err != nil {
		return err
	}
	m.Volumes = volumeResults.filtered(vols, func(v *api.Volume) bool { return matches(m.Label, v.Label) })
	return nil
}

type volumesDataModel struct {
	Label   types.String `tfsdk:"label"`
	Volumes types.List   `tfsdk:"volumes"`
	ownerModel
}
