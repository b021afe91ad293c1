package waldur

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// Kubernetes attribute names as Waldur's Kubernetes offerings take them
// in an order's attributes. Inferred from Waldur's Rancher cluster request
// (name, description, ssh_public_key, install_longhorn) and WAYSCloud's
// managed Kubernetes offering (kubernetes_version, node_count, flavor):
// kept here, in one table, so that they can be corrected in one place.
const (
	k8sAttrName            = "name"
	k8sAttrDescription     = "description"
	k8sAttrVersion         = "kubernetes_version"
	k8sAttrWorkerCount     = "node_count"
	k8sAttrWorkerFlavor    = "flavor"
	k8sAttrSSHPublicKey    = "ssh_public_key"
	k8sAttrInstallLonghorn = "install_longhorn"
)

// k8sTypedAttributes are the Waldur attributes that have an argument of
// their own; extra_attributes may not repeat them.
var k8sTypedAttributes = map[string]string{
	k8sAttrName: "name", k8sAttrDescription: "description", k8sAttrVersion: "kubernetes_version",
	k8sAttrWorkerCount: "worker_count", k8sAttrWorkerFlavor: "worker_flavor",
	k8sAttrSSHPublicKey: "ssh_public_key", k8sAttrInstallLonghorn: "install_longhorn",
}

// clusterNamePattern is Waldur's pattern for Rancher cluster names
// (^[a-z0-9]([-a-z0-9])+[a-z0-9]$) without the length it implies, which
// LengthBetween checks: a short name then gets one error, not two.
var clusterNamePattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

var (
	_ resource.Resource                   = (*marketplaceResource[kubernetesClusterModel, *kubernetesClusterModel])(nil)
	_ resource.ResourceWithImportState    = (*marketplaceResource[kubernetesClusterModel, *kubernetesClusterModel])(nil)
	_ resource.ResourceWithValidateConfig = (*marketplaceResource[kubernetesClusterModel, *kubernetesClusterModel])(nil)
)

// NewKubernetesClusterResource is the cloudorder_waldur_kubernetes_cluster
// resource: a marketplace resource of a Kubernetes offering (WAYSCloud's
// managed Kubernetes, Waldur's Rancher) with typed attributes. It shares
// its lifecycle with cloudorder_waldur_resource.
func NewKubernetesClusterResource() resource.Resource {
	replaceString := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return &marketplaceResource[kubernetesClusterModel, *kubernetesClusterModel]{kind: marketplaceKind{
		typeSuffix: "_waldur_kubernetes_cluster",
		description: "A Kubernetes cluster ordered from a Waldur Kubernetes offering, the way " +
			"[WAYSCloud creates clusters](https://docs.wayscloud.services/): a `Create` order with the cluster's settings as " +
			"attributes. It works like `cloudorder_waldur_resource` (same lifecycle through orders, same arguments for project, " +
			"offering, plan, limits, approval and timeouts) with the cluster's settings as typed arguments. A change of `plan` " +
			"or `limits` is applied in place; a change of any cluster setting replaces the cluster. Settings the typed " +
			"arguments do not cover go into `extra_attributes`.",
		attributes: map[string]schema.Attribute{
			"plan": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Plan of the offering: its UUID or its URL " +
					"(`https://…/api/marketplace-public-offerings/<offering uuid>/plans/<uuid>/`). Required: WAYSCloud answers 400 " +
					"to a cluster order without one. Changing it moves the cluster to the other plan **in place** (a `switch_plan` order).",
				Validators: []validator.String{refValidator(api.RefPlan)},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the cluster: 3 to 150 characters, lower-case letters, digits and dashes, starting and " +
					"ending with a letter or digit. Sent as `attributes.name`, which WAYSCloud requires.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(3, 150),
					stringvalidator.RegexMatches(clusterNamePattern, "must be lower-case letters, digits and dashes, starting and ending with a letter or digit"),
				},
				PlanModifiers: replaceString,
			},
			"description": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Description of the cluster (at most 4096 characters). Sent as `attributes.description`.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 4096)},
				PlanModifiers:       replaceString,
			},
			"kubernetes_version": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Kubernetes version, for example `1.30`; one the offering lists. Left out, the offering's default. Sent as `attributes.kubernetes_version`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaceString,
			},
			"worker_count": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Number of worker nodes (1 or more). Left out, the offering's default. Sent as `attributes.node_count`.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"worker_flavor": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Flavor (size) of the worker nodes, for example `m1.medium`; one the offering lists. Sent as `attributes.flavor`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaceString,
			},
			"ssh_public_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "SSH public key for the nodes, or the URL of a key stored in Waldur (Rancher offerings take the URL). " +
					"Sent as `attributes.ssh_public_key`.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceString,
			},
			"install_longhorn": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Install Longhorn, a distributed block storage, on the cluster (Rancher offerings). Sent as `attributes.install_longhorn`.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"extra_attributes": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "More attributes of the Create order that the typed arguments do not cover, by the name the offering " +
					"uses; values are sent as strings. Keys the typed arguments cover (`name`, `description`, `kubernetes_version`, " +
					"`node_count`, `flavor`, `ssh_public_key`, `install_longhorn`) are refused. Changing it replaces the cluster.",
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"endpoint": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "URL of the cluster's Kubernetes API, once the offering publishes it (the resource's first endpoint).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		validate: validateKubernetesConfig,
	}}
}

type kubernetesClusterModel struct {
	marketplaceFields
	Name              types.String `tfsdk:"name"`
	Description       types.String `tfsdk:"description"`
	KubernetesVersion types.String `tfsdk:"kubernetes_version"`
	WorkerCount       types.Int64  `tfsdk:"worker_count"`
	WorkerFlavor      types.String `tfsdk:"worker_flavor"`
	SSHPublicKey      types.String `tfsdk:"ssh_public_key"`
	InstallLonghorn   types.Bool   `tfsdk:"install_longhorn"`
	ExtraAttributes   types.Map    `tfsdk:"extra_attributes"`
	Endpoint          types.String `tfsdk:"endpoint"`
}

func (m *kubernetesClusterModel) fields() *marketplaceFields { return &m.marketplaceFields }

// validateKubernetesConfig refuses extra_attributes that repeat a typed argument.
func validateKubernetesConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var extra types.Map
	diags.Append(config.GetAttribute(ctx, path.Root("extra_attributes"), &extra)...)
	if extra.IsNull() || extra.IsUnknown() {
		return
	}
	for key := range extra.Elements() {
		if arg, ok := k8sTypedAttributes[key]; ok {
			diags.AddAttributeError(path.Root("extra_attributes").AtMapKey(key), "Attribute has its own argument",
				fmt.Sprintf("extra_attributes may not set %q: use the %s argument instead.", key, arg))
		}
	}
}

func (m *kubernetesClusterModel) orderAttributes(ctx context.Context) (json.RawMessage, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := map[string]any{}
	if !m.ExtraAttributes.IsNull() && !m.ExtraAttributes.IsUnknown() {
		extra := map[string]string{}
		diags.Append(m.ExtraAttributes.ElementsAs(ctx, &extra, false)...)
		for k, v := range extra {
			out[k] = v
		}
	}
	setString := func(key string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() {
			out[key] = v.ValueString()
		}
	}
	setString(k8sAttrName, m.Name)
	setString(k8sAttrDescription, m.Description)
	setString(k8sAttrVersion, m.KubernetesVersion)
	setString(k8sAttrWorkerFlavor, m.WorkerFlavor)
	setString(k8sAttrSSHPublicKey, m.SSHPublicKey)
	if !m.WorkerCount.IsNull() && !m.WorkerCount.IsUnknown() {
		out[k8sAttrWorkerCount] = m.WorkerCount.ValueInt64()
	}
	if !m.InstallLonghorn.IsNull() && !m.InstallLonghorn.IsUnknown() {
		out[k8sAttrInstallLonghorn] = m.InstallLonghorn.ValueBool()
	}
	raw, err := json.Marshal(out)
	if err != nil {
		diags.AddError("Could not encode the cluster's attributes", err.Error())
	}
	return raw, diags
}

func (m *kubernetesClusterModel) setAttributes(r *api.MarketplaceResource) diag.Diagnostics {
	var diags diag.Diagnostics
	api, err := decodeObject(r.Attributes)
	if err != nil {
		diags.AddError("Unexpected attributes from Waldur", fmt.Sprintf("Marketplace resource %s has attributes that are not a JSON object: %s", r.UUID, err))
		return diags
	}
	m.Name = stringAttr(api, k8sAttrName)
	if m.Name.IsNull() {
		m.Name = stringOrNull(r.Name)
	}
	m.Description = stringAttr(api, k8sAttrDescription)
	m.KubernetesVersion = stringAttr(api, k8sAttrVersion)
	m.WorkerFlavor = stringAttr(api, k8sAttrWorkerFlavor)
	m.SSHPublicKey = stringAttr(api, k8sAttrSSHPublicKey)
	m.WorkerCount = types.Int64Null()
	if n, ok := api[k8sAttrWorkerCount].(float64); ok {
		m.WorkerCount = types.Int64Value(int64(n))
	}
	m.InstallLonghorn = types.BoolNull()
	if b, ok := api[k8sAttrInstallLonghorn].(bool); ok {
		m.InstallLonghorn = types.BoolValue(b)
	}
	m.ExtraAttributes = extraAttributesFromAPI(m.ExtraAttributes, api)
	m.Endpoint = types.StringNull()
	if len(r.Endpoints) > 0 {
		m.Endpoint = stringOrNull(r.Endpoints[0].URL)
	}
	return diags
}

func stringAttr(api map[string]any, key string) types.String {
	if s, ok := api[key].(string); ok {
		return types.StringValue(s)
	}
	return types.StringNull()
}

// extraAttributesFromAPI projects the API's attributes onto the keys the
// configuration set (offerings may add keys of their own, which must not
// show as a diff); on import, without a prior value, it takes every key
// that has no typed argument. Values that are not strings keep their JSON
// text.
func extraAttributesFromAPI(prior types.Map, api map[string]any) types.Map {
	var keys []string
	if !prior.IsNull() && !prior.IsUnknown() {
		for k := range prior.Elements() {
			keys = append(keys, k)
		}
	} else {
		for k := range api {
			if _, typed := k8sTypedAttributes[k]; !typed {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			return types.MapNull(types.StringType)
		}
	}
	sort.Strings(keys)
	elems := make(map[string]attr.Value, len(keys))
	for _, k := range keys {
		v, ok := api[k]
		if !ok {
			continue // dropped by the API: shows as drift
		}
		elems[k] = types.StringValue(attributeText(v))
	}
	return types.MapValueMust(types.StringType, elems)
}

// attributeText renders an attribute value as extra_attributes holds it.
func attributeText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(b))
}
