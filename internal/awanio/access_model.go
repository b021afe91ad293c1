package awanio

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
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
// nil without an external IP; a reserved address by uuid, or a new one.
func (m *accessModel) reserveIP() *api.ReserveExternalIP {
	if !m.WithExternalIP.ValueBool() {
		return nil
	}
	if id := m.ReservedIPUUID.ValueString(); id != "" {
		return &api.ReserveExternalIP{IsNew: false, UUID: id, Reserved: true}
	}
	return &api.ReserveExternalIP{IsNew: true, Reserved: m.ReserveExternalIP.ValueBool()}
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

// accessAttributes are the login, external IP and password attributes
// shared by VMs and baremetal servers.
func accessAttributes(kind, defaultUser string) map[string]schema.Attribute {
	replace := []planmodifier.String{replaceIfKnownString()}
	boolReplace := []planmodifier.Bool{boolplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"username": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: fmt.Sprintf("User to log in as (default `%s`). Awanio does not return it; changing it replaces the %s.", defaultUser, kind),
			Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`), "must be a Linux user name: lower-case letters, digits, _ and -, at most 32")},
			PlanModifiers:       []planmodifier.String{stringDefaultOnCreate(defaultUser), replaceIfKnownString()},
		},
		"ssh_public_key": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "OpenSSH public key to log in with. Set this or `password_wo`, not both. Changing it replaces the " + kind + ".",
			Validators: []validator.String{
				stringvalidator.RegexMatches(regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-\S+) \S+`), "must be an OpenSSH public key such as `ssh-ed25519 AAAA... comment`"),
			},
			PlanModifiers: replace,
		},
		"password_wo": schema.StringAttribute{
			Optional: true, WriteOnly: true, Sensitive: true,
			MarkdownDescription: "Password to log in with (write-only, Terraform 1.11 or later: never stored in state or plan). " +
				"Set this or `ssh_public_key`. To change it, change `password_wo_version`, which replaces the " + kind + ".",
			Validators: []validator.String{stringvalidator.LengthBetween(8, 128)},
		},
		"password_wo_version": schema.Int64Attribute{
			Optional:            true,
			MarkdownDescription: "Any number; change it to apply a new `password_wo` (replaces the " + kind + ", as Awanio has no password change).",
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			PlanModifiers:       []planmodifier.Int64{replaceIfKnownInt64()},
		},
		"with_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the " + kind + " gets a public IP address (default `false`). Changing it replaces the " + kind + ".",
			PlanModifiers:       boolReplace,
		},
		"reserve_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Keep the new public IP address reserved for the organization after the " + kind + " is gone (default `false`). Needs `with_external_ip = true`.",
			PlanModifiers:       []planmodifier.Bool{boolDefaultOnCreate(false), replaceIfKnownBool()},
		},
		"reserved_ip_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "UUID of an IP address the organization already reserved, to use instead of a new one. Needs `with_external_ip = true`; conflicts with `reserve_external_ip`.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
	}
}
