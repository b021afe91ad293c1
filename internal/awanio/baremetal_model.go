package awanio

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// baremetalModel is cloudorder_awanio_baremetal in Terraform.
type baremetalModel struct {
	ID                types.String   `tfsdk:"id"`
	OrganizationUUID  types.String   `tfsdk:"organization_uuid"`
	ProjectUUID       types.String   `tfsdk:"project_uuid"`
	CatalogueUUID     types.String   `tfsdk:"catalogue_uuid"`
	MachineName       types.String   `tfsdk:"machine_name"`
	BillingPeriod     types.String   `tfsdk:"billing_period"`
	ComputeSameConfig types.Int64    `tfsdk:"compute_same_config"`
	Title             types.String   `tfsdk:"title"`
	Hostname          types.String   `tfsdk:"hostname"`
	MachineUUID       types.String   `tfsdk:"machine_uuid"`
	InstanceType      types.String   `tfsdk:"instance_type"`
	PricingUUID       types.String   `tfsdk:"pricing_uuid"`
	VCPUCore          types.Float64  `tfsdk:"vcpu_core"`
	RAMMB             types.Int64    `tfsdk:"ram_mb"`
	StorageGB         types.Int64    `tfsdk:"storage_gb"`
	Status            types.String   `tfsdk:"status"`
	PrivateIPAddress  types.String   `tfsdk:"private_ip_address"`
	ExternalIPAddress types.String   `tfsdk:"external_ip_address"`
	CreatedAt         types.String   `tfsdk:"created_at"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	accessModel
}

// defaultBaremetalUsername is the login the seed's example uses.
const defaultBaremetalUsername = "root"

// fromAPI sets what Awanio returns; status comes from the status endpoint.
func (m *baremetalModel) fromAPI(g api.Group, b *api.Baremetal, status string) {
	m.ID = types.StringValue(b.UUID)
	org, proj := groupAttrs(g)
	if !computeSameUUID(m.OrganizationUUID, org) {
		m.OrganizationUUID = org
	}
	if !computeSameUUID(m.ProjectUUID, proj) {
		m.ProjectUUID = proj
	}
	m.Title = types.StringValue(b.Title)
	m.Hostname = types.StringValue(b.Hostname)
	if b.Catalogue != nil && !computeSameUUID(m.CatalogueUUID, types.StringValue(b.Catalogue.UUID)) {
		m.CatalogueUUID = types.StringValue(b.Catalogue.UUID)
	}
	m.MachineUUID, m.InstanceType, m.PricingUUID = types.StringNull(), types.StringNull(), types.StringNull()
	m.VCPUCore, m.RAMMB, m.StorageGB = types.Float64Null(), types.Int64Null(), types.Int64Null()
	if mc := b.Machine; mc != nil {
		m.MachineUUID = stringOrNull(mc.UUID)
		// The seed's create sends "Dell.<pricing uuid>" for a machine the
		// API then calls "Dell": keep the configured spelling.
		name := m.MachineName.ValueString()
		if name != mc.Name && !strings.HasPrefix(name, mc.Name+".") {
			m.MachineName = types.StringValue(mc.Name)
		}
		if p := mc.Pricing; p != nil {
			m.PricingUUID = stringOrNull(p.UUID)
			m.InstanceType = stringOrNull(string(p.InstanceType))
			m.VCPUCore = types.Float64Value(float64(p.VCPUCore))
			m.RAMMB = types.Int64Value(int64(p.RAMMB))
			m.StorageGB = types.Int64Value(int64(p.StorageGB))
		}
	}
	if b.BillingPeriod != "" {
		m.BillingPeriod = types.StringValue(string(b.BillingPeriod))
	}
	m.Status = stringOrNull(status)
	m.PrivateIPAddress = stringOrNull(string(b.IPPrivate))
	m.ExternalIPAddress = types.StringNull()
	if b.IPAddress != nil {
		m.ExternalIPAddress = stringOrNull(string(b.IPAddress.AddressString))
	}
	m.CreatedAt = stringOrNull(string(b.CreatedAt))
	m.accessModel.fromAPI(!m.ExternalIPAddress.IsNull())
}

func (m *baremetalModel) toCreate(password string) api.BaremetalCreateRequest {
	req := api.BaremetalCreateRequest{
		CatalogueUUID:     m.CatalogueUUID.ValueString(),
		Title:             m.Title.ValueString(),
		Hostname:          m.Hostname.ValueString(),
		WithExternalIP:    m.WithExternalIP.ValueBool(),
		ReserveExternalIP: m.reserveIP(),
		MachineName:       m.MachineName.ValueString(),
		BillingPeriod:     m.BillingPeriod.ValueString(),
		ComputeSameConfig: int(m.ComputeSameConfig.ValueInt64()),
	}
	req.AuthenticationType = m.authentication(password)
	return req
}
