package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

type kubernetesClusterModel struct {
	ID             types.String `tfsdk:"id"`
	UUID           types.String `tfsdk:"uuid"`
	Name           types.String `tfsdk:"name"`
	EnableHA       types.Bool   `tfsdk:"enable_ha"`
	VersionUUID    types.String `tfsdk:"version_uuid"`
	PricingUUID    types.String `tfsdk:"pricing_uuid"`
	PVPricingUUID  types.String `tfsdk:"pv_pricing_uuid"`
	Tags           types.List   `tfsdk:"tags"`
	WithExternalIP types.Bool   `tfsdk:"with_external_ip"`
	ReserveIP      types.Bool   `tfsdk:"reserve_external_ip"`
	ExternalIP     types.String `tfsdk:"external_ip"`
	PrivateIP      types.String `tfsdk:"private_ip"`
	Namespace      types.String `tfsdk:"namespace"`
	Status         types.String `tfsdk:"status"`
	CreatedAt      types.String `tfsdk:"created_at"`
	ownerModel
	withTimeouts
}

// fromAPI sets every attribute from the cluster, so drift shows.
func (m *kubernetesClusterModel) fromAPI(g api.Group, k *api.KubernetesCluster) {
	m.ID = types.StringValue(g.String())
	m.setOwner(g)
	m.UUID = types.StringValue(k.UUID)
	m.Name = types.StringValue(k.Name)
	m.EnableHA = types.BoolValue(k.HA())
	if k.Version != nil {
		m.VersionUUID = keepUUID(m.VersionUUID, k.Version.UUID)
	}
	if k.Pricing != nil {
		m.PricingUUID = keepUUID(m.PricingUUID, k.Pricing.UUID)
	}
	if k.PVPricing != nil && k.PVPricing.UUID != "" && k.PVPricing.UUID != "00000000-0000-0000-0000-000000000000" {
		m.PVPricingUUID = keepUUID(m.PVPricingUUID, k.PVPricing.UUID)
	} else {
		m.PVPricingUUID = types.StringNull()
	}
	if len(k.Tags) == 0 && (m.Tags.IsNull() || m.Tags.IsUnknown() || len(m.Tags.Elements()) == 0) {
		// null and [] are the same to Awanio; keep the user's spelling.
		if m.Tags.IsUnknown() {
			m.Tags = types.ListNull(types.StringType)
		}
	} else {
		tags, _ := types.ListValueFrom(context.Background(), types.StringType, k.Tags)
		m.Tags = tags
	}
	ext := k.ExternalIP()
	m.ExternalIP = stringOrNull(ext)
	if m.WithExternalIP.IsNull() || m.WithExternalIP.IsUnknown() {
		m.WithExternalIP = types.BoolValue(ext != "")
	}
	m.PrivateIP = stringOrNull(string(k.PrivateIPv4))
	m.Namespace = stringOrNull(string(k.Namespace))
	m.Status = types.StringValue(k.Status)
	m.CreatedAt = stringOrNull(string(k.CreatedAt))
}
