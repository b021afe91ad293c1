package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
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
	_ datasource.DataSourceWithConfigure        = (*volumesDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*volumesDataSource)(nil)
)

// NewVolumesDataSource is the cloudorder_awanio_volumes data source.
func NewVolumesDataSource() datasource.DataSource { return &volumesDataSource{} }

type volumesDataSource struct{ dataSourceBase }

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

func (d *volumesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_volumes"
}

func (d *volumesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the volumes of an Awanio organization or project, boot volumes of VMs included.",
		Attributes: map[string]schema.Attribute{
			"organization_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Organization whose volumes to list. When neither this nor `project_uuid` is set, the provider's `project_uuid`, else its `organization_uuid`.",
				Validators:          []validator.String{validate.UUID()},
			},
			"project_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Project whose volumes to list.",
				Validators:          []validator.String{validate.UUID()},
			},
			"label": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the volumes with exactly this label.",
			},
			"volumes": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The volumes, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"uuid":         schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the volume."},
					"label":        schema.StringAttribute{Computed: true, MarkdownDescription: "Label."},
					"size_gb":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Size in GB."},
					"pricing_uuid": schema.StringAttribute{Computed: true, MarkdownDescription: "Pricing of the volume (null when the API does not say)."},
					"is_used":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is attached to a VM."},
					"volume_type":  schema.StringAttribute{Computed: true, MarkdownDescription: "`boot` or `external`."},
					"mount_point":  schema.StringAttribute{Computed: true, MarkdownDescription: "Where it is mounted, if attached."},
					"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (RFC 3339)."},
				}},
			},
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_volumes"]
}

func (d *volumesDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.Conflicting(path.MatchRoot("organization_uuid"), path.MatchRoot("project_uuid")),
	}
}

func (d *volumesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m volumesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var g api.Group
	switch {
	case m.ProjectUUID.ValueString() != "":
		id, _ := canonicalUUID(m.ProjectUUID.ValueString())
		g = api.ProjectGroup(id)
	case m.OrganizationUUID.IsNull() && d.client.DefaultProjectUUID() != "":
		id, _ := canonicalUUID(d.client.DefaultProjectUUID())
		g = api.ProjectGroup(id)
	default:
		if g = api.OrganizationGroup(d.orgOrDefault(m.OrganizationUUID, resp)); resp.Diagnostics.HasError() {
			return
		}
	}
	vols, err := d.client.ListVolumes(ctx, g)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, readError("volumes"), err)
		return
	}
	m.Volumes = []volumeItemModel{}
	for _, v := range vols {
		if !m.Label.IsNull() && v.Label != m.Label.ValueString() {
			continue
		}
		item := volumeItemModel{
			UUID: types.StringValue(v.UUID), Label: types.StringValue(v.Label), SizeGB: int64Value(v.SizeGB),
			PricingUUID: types.StringNull(), IsUsed: types.BoolValue(bool(v.IsUsed)), VolumeType: str(v.VolumeType),
			MountPoint: str(v.MountPoint), CreatedAt: str(v.CreatedAt),
		}
		if v.Pricing != nil {
			item.PricingUUID = stringOrNull(v.Pricing.UUID)
		}
		m.Volumes = append(m.Volumes, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
