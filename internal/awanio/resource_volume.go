package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewVolumeResource is the cloudorder_awanio_volume resource.
var NewVolumeResource = newObject[volumeModel](&kind[volumeModel]{
	suffix: "_awanio_volume",
	what:   "volume",
	description: "A block volume of an Awanio organization or project. Its size is the `storage_gb` of its pricing " +
		"(see the `cloudorder_awanio_pricing` data source with `suitable_for = \"volume\"`). " +
		"The label changes in place; a new `pricing_uuid` resizes the volume in place (volumes only grow); " +
		"`source_volume_uuid` creates the volume as a clone of another volume of the same owner.",
	attributes: volumeAttributes,
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	create:     createVolume,
	read: func(ctx context.Context, o *op, m *volumeModel) error {
		return answered(o.client.GetVolume(ctx, m.group(), m.ID.ValueString())).into(m.fromAPI)
	},
	update: updateVolume,
	del: func(ctx context.Context, o *op, m *volumeModel) error {
		return o.client.DeleteVolume(ctx, m.group(), m.ID.ValueString())
	},
	importID: importByGroupObject,
	importHint: "Import a volume as organizations/<organization_uuid>/<volume_uuid> or projects/<project_uuid>/<volume_uuid>, for example " +
		"`terraform import cloudorder_awanio_volume.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/3750d394-144a-4d6d-a0e5-b58679a44289`",
	configValidators: []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("pricing_uuid"), path.MatchRoot("source_volume_uuid")),
		resourcevalidator.Conflicting(path.MatchRoot("organization_uuid"), path.MatchRoot("project_uuid")),
	},
	// Picks the owner when the configuration names none: the provider's
	// default project, else its default organization.
	modifyPlan: defaultOwnerPlan(ownedByGroup, true),
})

func volumeAttributes() map[string]schema.Attribute {
	replaceOther := func(what string) []planmodifier.String {
		desc := "Replaces the volume when it names another " + what + "."
		return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIf(differentUUID, desc, desc)}
	}
	return map[string]schema.Attribute{
		"id": stableString("UUID of the volume."),
		"organization_uuid": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Organization that owns the volume. Conflicts with `project_uuid`; null for a project volume. " +
				"When neither is set, the provider's `project_uuid`, else its `organization_uuid`, is used. Changing it replaces the volume.",
			Validators:    []validator.String{validate.UUID()},
			PlanModifiers: replaceOther("organization"),
		},
		"project_uuid": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Project that owns the volume, instead of an organization. Changing it replaces the volume.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replaceOther("project"),
		},
		"label": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Label of the volume, unique within its owner (the provider finds a volume whose create answer was lost by it). Changes in place.",
			Validators:          nameValidators(255),
		},
		"pricing_uuid": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Pricing (with `suitable_for = \"volume\"`) that sets the volume's size. Required unless `source_volume_uuid` is set, " +
				"in which case it defaults to the source's pricing. Changing it resizes the volume in place; Awanio refuses to shrink one.",
			Validators:    []validator.String{validate.UUID()},
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"source_volume_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Create the volume as a clone of this volume, which must belong to the same owner. Changing it replaces the volume.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplaceIf(differentUUID, "Replaces the volume when it names another source.", "Replaces the volume when it names another source.")},
		},
		"size_gb":     computedInt64("Size of the volume in GB."),
		"is_used":     computedBool("Whether the volume is attached to a virtual machine."),
		"volume_type": computedString("`external` for volumes like this one, `boot` for a VM's boot disk."),
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the volume was created (RFC 3339).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
}

type volumeModel struct {
	ID               types.String `tfsdk:"id"`
	Label            types.String `tfsdk:"label"`
	PricingUUID      types.String `tfsdk:"pricing_uuid"`
	SourceVolumeUUID types.String `tfsdk:"source_volume_uuid"`
	SizeGB           types.Int64  `tfsdk:"size_gb"`
	IsUsed           types.Bool   `tfsdk:"is_used"`
	VolumeType       types.String `tfsdk:"volume_type"`
	CreatedAt        types.String `tfsdk:"created_at"`
	ownerModel
	withTimeouts
}

// group is where the volume lives: its project, else its organization.

func (m *volumeModel) fromAPI(v *api.Volume) {
	m.ID = types.StringValue(v.UUID)
	// Only the owner is set, as in the configuration: a project volume
	// with organization_uuid too would conflict with itself in the
	// configuration that `terraform plan -generate-config-out` writes.
	if v.Project != nil && v.Project.UUID != "" {
		m.ProjectUUID = keepUUID(m.ProjectUUID, v.Project.UUID)
		m.OrganizationUUID = types.StringNull()
	} else {
		m.ProjectUUID = types.StringNull()
		if v.Organization != nil {
			m.OrganizationUUID = keepUUID(m.OrganizationUUID, v.Organization.UUID)
		}
	}
	m.Label = types.StringValue(v.Label)
	if v.Pricing != nil && v.Pricing.UUID != "" {
		m.PricingUUID = keepUUID(m.PricingUUID, v.Pricing.UUID)
	}
	if m.SourceVolumeUUID.IsUnknown() {
		m.SourceVolumeUUID = types.StringNull()
	}
	m.SizeGB = types.Int64Value(int64(v.SizeGB))
	m.IsUsed = types.BoolValue(bool(v.IsUsed))
	m.VolumeType = stringOrNull(string(v.VolumeType))
	m.CreatedAt = stringOrNull(string(v.CreatedAt))
}

func createVolume(ctx context.Context, o *op, plan *volumeModel) error {
	g := plan.group()
	label := plan.Label.ValueString()
	var v *api.Volume
	var err error
	if src := plan.SourceVolumeUUID.ValueString(); src != "" {
		srcUUID, _ := canonicalUUID(src)
		v, err = o.client.CloneVolume(ctx, g, api.VolumeCloneRequest{SourceVolumeUUID: srcUUID, Label: label})
	} else {
		body := api.VolumeCreateRequest{Label: label}
		body.PricingUUID, _ = canonicalUUID(plan.PricingUUID.ValueString())
		v, err = o.client.CreateVolume(ctx, g, body)
	}
	if err != nil {
		return err
	}
	wantPricing := plan.PricingUUID
	plan.fromAPI(v)
	if err := o.save(ctx, plan); err != nil {
		return err
	}
	// A clone takes its source's pricing; resize it when another was asked for.
	if !wantPricing.IsUnknown() && !wantPricing.IsNull() && !sameUUID(wantPricing.ValueString(), plan.PricingUUID.ValueString()) {
		pricing, _ := canonicalUUID(wantPricing.ValueString())
		v, err = o.client.ResizeVolume(ctx, g, v.UUID, pricing)
		if err != nil {
			return tainted("Could not resize the cloned Awanio volume", "Volume "+plan.ID.ValueString(), err)
		}
		plan.PricingUUID = wantPricing
		plan.fromAPI(v)
	}
	return nil
}

func updateVolume(ctx context.Context, o *op, plan, state *volumeModel) error {
	g, id := state.group(), state.ID.ValueString()
	var v *api.Volume
	var err error
	if !plan.Label.Equal(state.Label) {
		if v, err = o.client.UpdateVolumeLabel(ctx, g, id, plan.Label.ValueString()); err != nil {
			return failed("Could not change the label of the Awanio volume", err)
		}
	}
	if !plan.PricingUUID.IsUnknown() && !sameUUID(plan.PricingUUID.ValueString(), state.PricingUUID.ValueString()) {
		pricing, _ := canonicalUUID(plan.PricingUUID.ValueString())
		if v, err = o.client.ResizeVolume(ctx, g, id, pricing); err != nil {
			return failed("Could not resize the Awanio volume", err)
		}
	}
	if v == nil {
		if v, err = o.client.GetVolume(ctx, g, id); err != nil {
			return failed("Could not read the Awanio volume", err)
		}
	}
	plan.fromAPI(v)
	return nil
}
