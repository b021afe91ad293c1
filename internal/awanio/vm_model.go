package awanio

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// vmModel is cloudorder_awanio_virtual_machine in Terraform.
type vmModel struct {
	ID                types.String   `tfsdk:"id"`
	OrganizationUUID  types.String   `tfsdk:"organization_uuid"`
	ProjectUUID       types.String   `tfsdk:"project_uuid"`
	CatalogueUUID     types.String   `tfsdk:"catalogue_uuid"`
	InstanceTypeUUID  types.String   `tfsdk:"instance_type_uuid"`
	Title             types.String   `tfsdk:"title"`
	Hostname          types.String   `tfsdk:"hostname"`
	InstanceType      types.String   `tfsdk:"instance_type"`
	Status            types.String   `tfsdk:"status"`
	Phase             types.String   `tfsdk:"phase"`
	PrivateIPAddress  types.String   `tfsdk:"private_ip_address"`
	ExternalIPAddress types.String   `tfsdk:"external_ip_address"`
	MACAddress        types.String   `tfsdk:"mac_address"`
	VCPUCore          types.Float64  `tfsdk:"vcpu_core"`
	RAMMB             types.Int64    `tfsdk:"ram_mb"`
	DiskSizeGB        types.Int64    `tfsdk:"disk_size_gb"`
	CreatedAt         types.String   `tfsdk:"created_at"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	accessModel
}

// fromAPI sets the attributes Awanio returns. The authentication settings
// (username, key, password) are not returned and keep what the
// configuration said; the owner keeps the spelling in state.
func (m *vmModel) fromAPI(g api.Group, v *api.VM) {
	m.ID = types.StringValue(v.UUID)
	org, proj := groupAttrs(g)
	if !computeSameUUID(m.OrganizationUUID, org) {
		m.OrganizationUUID = org
	}
	if !computeSameUUID(m.ProjectUUID, proj) {
		m.ProjectUUID = proj
	}
	m.Title = types.StringValue(v.Title)
	m.Hostname = types.StringValue(v.Hostname)
	if v.Catalogue != nil && !computeSameUUID(m.CatalogueUUID, types.StringValue(v.Catalogue.UUID)) {
		m.CatalogueUUID = types.StringValue(v.Catalogue.UUID)
	}
	m.InstanceType = types.StringNull()
	if v.Pricing != nil {
		if !computeSameUUID(m.InstanceTypeUUID, types.StringValue(v.Pricing.UUID)) {
			m.InstanceTypeUUID = types.StringValue(v.Pricing.UUID)
		}
		m.InstanceType = stringOrNull(string(v.Pricing.InstanceType))
	}
	m.Status = types.StringValue(string(v.Status))
	m.Phase = types.StringNull()
	private := string(v.PrivateIPAddressV4)
	if v.Meta != nil {
		m.Phase = stringOrNull(string(v.Meta.Phase))
		if private == "" {
			private = string(v.Meta.PrivateIPAddress)
		}
	}
	m.PrivateIPAddress = stringOrNull(private)
	m.ExternalIPAddress = stringOrNull(string(v.ExternalIPAddress))
	m.MACAddress = stringOrNull(string(v.MACAddress))
	m.VCPUCore = types.Float64Value(float64(v.VCPUCore))
	m.RAMMB = types.Int64Value(int64(v.RAMMB))
	m.DiskSizeGB = types.Int64Value(int64(v.DiskSizeGB))
	m.CreatedAt = stringOrNull(string(v.CreatedAt))
	m.accessModel.fromAPI(v.ExternalIPAddress != "")
}

// defaultVMUsername is the login the seed's example uses.
const defaultVMUsername = "awanio"

// toCreate is the API request; password comes from the configuration
// (write-only) and is never stored.
func (m *vmModel) toCreate(password string) api.VMCreateRequest {
	req := api.VMCreateRequest{
		CatalogueUUID:     m.CatalogueUUID.ValueString(),
		InstanceTypeUUID:  m.InstanceTypeUUID.ValueString(),
		Title:             m.Title.ValueString(),
		Hostname:          m.Hostname.ValueString(),
		WithExternalIP:    m.WithExternalIP.ValueBool(),
		ReserveExternalIP: m.reserveIP(),
	}
	req.AuthenticationType = m.authentication(password)
	return req
}
