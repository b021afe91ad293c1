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
	attributes:  volumesAttributes,
	read:        readVolumes,
	failure:     readError("volumes"),
	validators: []datasource.ConfigValidator{
		datasourcevalidator.Conflicting(path.MatchRoot("organization_uuid"), path.MatchRoot("project_uuid")),
	},
})

func volumesAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Organization whose volumes to list. When neither this nor `project_uuid` is set, the provider's `project_uuid`, else its `organization_uuid`."),
		"project_uuid":      uuidFilterArg("Project whose volumes to list."),
		"label":             filterArg("Only the volumes with exactly this label."),
		"volumes": resultList("The volumes, oldest first.", map[string]schema.Attribute{
			"uuid":         listedString("UUID of the volume."),
			"label":        listedString("Label."),
			"size_gb":      listedInt64("Size in GB."),
			"pricing_uuid": listedString("Pricing of the volume (null when the API does not say)."),
			"is_used":      listedBool("Whether it is attached to a VM."),
			"volume_type":  listedString("`boot` or `external`."),
			"mount_point":  listedString("Where it is mounted, if attached."),
			"created_at":   listedString("When it was created (RFC 3339)."),
		}),
	}
}

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
	m.Volumes = collect(vols, func(v *api.Volume) bool { return matches(m.Label, v.Label) },
		func(v *api.Volume) volumeItemModel {
			item := volumeItemModel{
				UUID: types.StringValue(v.UUID), Label: types.StringValue(v.Label), SizeGB: int64Value(v.SizeGB),
				PricingUUID: types.StringNull(), IsUsed: types.BoolValue(bool(v.IsUsed)), VolumeType: str(v.VolumeType),
				MountPoint: str(v.MountPoint), CreatedAt: str(v.CreatedAt),
			}
			if v.Pricing != nil {
				item.PricingUUID = stringOrNull(v.Pricing.UUID)
			}
			return item
		})
	return nil
}

type volumesDataModel struct {
	OrganizationUUID types.String      `tfsdk:"organization_uuid"`
	ProjectUUID      types.String      `tfsdk:"project_uuid"`
	Label            types.String      `tfsdk:"label"`
	Volumes          []volumeItemModel `tfsdk:"volumes"`
}

type volumeItemModel struct {
	UUID        types.String `tfsdk:"uuid"`
	Label       types.String `tfsdk:"label"`
	SizeGB      types.Int64  `tfsdk:"size_gb"`
	PricingUUID types.String `tfsdk:"pricing_uuid"`
	IsUsed      types.Bool   `tfsdk:"is_used"`
	VolumeType  types.String `tfsdk:"volume_type"`
	MountPoint  types.String `tfsdk:"mount_point"`
	CreatedAt   types.String `tfsdk:"created_at"`
}
