package awanio

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// accessModel holds the login and external IP arguments that VMs and
// baremetal servers share (see accessAttributes); both models embed it.
type accessModel struct {
	Username          types.String `tfsdk:"username"`
	SSHPublicKey      types.String `tfsdk:"ssh_public_key"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	WithExternalIP    types.Bool   `tfsdk:"with_external_ip"`
	ReserveExternalIP types.Bool   `tfsdk:"reserve_external_ip"`
	ReservedIPUUID    types.String `tfsdk:"reserved_ip_uuid"`
}

// authentication is the login of a create request: the SSH key when one is
// set, else the password from the configuration (write-only, never stored).
func (m *accessModel) authentication(password string) api.AuthenticationType {
	if key := m.SSHPublicKey.ValueString(); key != "" {
		return api.AuthenticationType{ID: api.AuthSSHKey, Key: m.Username.ValueString(), Value: key}
	}
	return api.AuthenticationType{ID: api.AuthPassword, Key: m.Username.ValueString(), Value: password}
}

// reserveIP is the reserve_external_ip object of a create request.
func (m *accessModel) reserveIP() *api.ReserveExternalIP {
	return reserveIPFrom(m.WithExternalIP, m.ReserveExternalIP, m.ReservedIPUUID)
}

// fromAPI sets what a read can tell: whether there is an external IP
// (when unknown, e.g. after an import). Username and reserve_external_ip
// are not returned: they stay as configured, or null after an import (see
// replaceIfKnownString). The password is write-only: never in state.
func (m *accessModel) fromAPI(hasExternalIP bool) {
	if m.WithExternalIP.IsNull() || m.WithExternalIP.IsUnknown() {
		m.WithExternalIP = types.BoolValue(hasExternalIP)
	}
	m.PasswordWO = types.StringNull()
}

// keepFromPlan is an update without an API call: it records the arguments
// that an import left empty, as the plan has them (the password stays null).
func (m *accessModel) keepFromPlan(plan accessModel) {
	m.Username, m.SSHPublicKey, m.PasswordWOVersion = plan.Username, plan.SSHPublicKey, plan.PasswordWOVersion
	m.ReserveExternalIP, m.ReservedIPUUID = plan.ReserveExternalIP, plan.ReservedIPUUID
}
