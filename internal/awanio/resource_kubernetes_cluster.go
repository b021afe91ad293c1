package awanio

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ resource.Resource                   = (*kubernetesClusterResource)(nil)
	_ resource.ResourceWithConfigure      = (*kubernetesClusterResource)(nil)
	_ resource.ResourceWithImportState    = (*kubernetesClusterResource)(nil)
	_ resource.ResourceWithValidateConfig = (*kubernetesClusterResource)(nil)
)

// clusterTimeout bounds provisioning and deleting a cluster by default.
const clusterTimeout = 30 * time.Minute

// NewKubernetesClusterResource is cloudorder_awanio_kubernetes_cluster.
func NewKubernetesClusterResource() resource.Resource { return &kubernetesClusterResource{} }

type kubernetesClusterResource struct{ client *api.Client }

type kubernetesClusterModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	ProjectUUID      types.String   `tfsdk:"project_uuid"`
	UUID             types.String   `tfsdk:"uuid"`
	Name             types.String   `tfsdk:"name"`
	EnableHA         types.Bool     `tfsdk:"enable_ha"`
	VersionUUID      types.String   `tfsdk:"version_uuid"`
	PricingUUID      types.String   `tfsdk:"pricing_uuid"`
	PVPricingUUID    types.String   `tfsdk:"pv_pricing_uuid"`
	Tags             types.List     `tfsdk:"tags"`
	WithExternalIP   types.Bool     `tfsdk:"with_external_ip"`
	ReserveIP        types.Bool     `tfsdk:"reserve_external_ip"`
	ExternalIP       types.String   `tfsdk:"external_ip"`
	PrivateIP        types.String   `tfsdk:"private_ip"`
	Namespace        types.String   `tfsdk:"namespace"`
	Status           types.String   `tfsdk:"status"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (r *kubernetesClusterResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_kubernetes_cluster"
}

func (r *kubernetesClusterResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	uuidCheck := []validator.String{stringvalidator.RegexMatches(groupUUIDRegexp, "must be a UUID such as 315c2ab1-750a-4897-9e77-824e3d0043b9")}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The owning group, `projects/<uuid>` or `organizations/<uuid>`: Awanio runs one cluster per group and addresses it by the group.",
			PlanModifiers:       stable,
		},
		"uuid": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "UUID Awanio gave the cluster.",
			PlanModifiers:       stable,
		},
		"name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Name of the cluster (1 to 63 characters). Changed in place.",
			Validators:          nameValidators(63),
		},
		"enable_ha": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Run a highly available control plane. Changed in place; the cluster is pending until the change is done.",
		},
		"version_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the Kubernetes version (see the `cloudorder_awanio_kubernetes_versions` data source). Changing it replaces the cluster.",
			Validators:          uuidCheck,
			PlanModifiers:       replace,
		},
		"pricing_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the price plan for the cluster's pods (a pricing `suitable_for = \"pods\"`). Changing it replaces the cluster.",
			Validators:          uuidCheck,
			PlanModifiers:       replace,
		},
		"pv_pricing_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "UUID of the price plan for persistent volumes (a pricing `suitable_for = \"volume\"`). Changing it replaces the cluster.",
			Validators:          uuidCheck,
			PlanModifiers:       replace,
		},
		"tags": schema.ListAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Tags of the cluster. Awanio cannot change them later: changing them replaces the cluster.",
			Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 63))},
			PlanModifiers:       []planmodifier.List{listplanmodifier.RequiresReplace()},
		},
		"with_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Give the cluster's API server a public IP address. Changing it replaces the cluster.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"reserve_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Keep the cluster's new public IP address reserved for the organization after the cluster is gone " +
				"(default `false`; the seed's `reserve_external_ip`, sent as `[{\"is_new\": true, \"reserved\": <this>}]`). " +
				"Needs `with_external_ip = true`. Awanio never returns it: changing a known value replaces the cluster.",
			PlanModifiers: []planmodifier.Bool{boolDefaultOnCreate(false), replaceIfKnownBool()},
		},
		"external_ip": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Public IP address, when `with_external_ip` is set.",
			PlanModifiers:       stable,
		},
		"private_ip": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Private IPv4 address.",
			PlanModifiers:       stable,
		},
		"namespace": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Namespace Awanio runs the cluster in (`k8s-<organization uuid>`).",
			PlanModifiers:       stable,
		},
		"status": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Status: `running` once applied.",
		},
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the cluster was created (RFC 3339).",
			PlanModifiers:       stable,
		},
	}
	for k, v := range groupAttributes("cluster") {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The managed Kubernetes cluster of an Awanio project or organization (Awanio runs one per group). " +
			"Create waits until the cluster is `running`; a cluster that ends in an error status is reported with Awanio's message " +
			"and kept in the state as tainted. `name` and `enable_ha` change in place. Read the kubeconfig with the " +
			"`cloudorder_awanio_kubernetes_kubeconfig` ephemeral resource, which keeps it out of the state.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_kubernetes_cluster"]
}

func (r *kubernetesClusterResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// fromAPI sets every attribute from the cluster, so drift shows.
func (m *kubernetesClusterModel) fromAPI(g api.Group, k *api.KubernetesCluster) {
	m.ID = types.StringValue(g.String())
	m.OrganizationUUID, m.ProjectUUID = groupValues(g, m.OrganizationUUID, m.ProjectUUID)
	m.UUID = types.StringValue(k.UUID)
	m.Name = types.StringValue(k.Name)
	m.EnableHA = types.BoolValue(k.HA())
	if k.Version != nil {
		m.VersionUUID = sameUUIDValue(m.VersionUUID, k.Version.UUID)
	}
	if k.Pricing != nil {
		m.PricingUUID = sameUUIDValue(m.PricingUUID, k.Pricing.UUID)
	}
	if k.PVPricing != nil && k.PVPricing.UUID != "" && k.PVPricing.UUID != "00000000-0000-0000-0000-000000000000" {
		m.PVPricingUUID = sameUUIDValue(m.PVPricingUUID, k.PVPricing.UUID)
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

// sameUUIDValue keeps the user's spelling of a UUID when it names the same
// object as the API's.
func sameUUIDValue(cur types.String, api string) types.String {
	if !cur.IsNull() && !cur.IsUnknown() {
		a, err1 := canonicalUUID(cur.ValueString())
		b, err2 := canonicalUUID(api)
		if err1 == nil && err2 == nil && a == b {
			return cur
		}
	}
	return types.StringValue(api)
}

func (r *kubernetesClusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan kubernetesClusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, clusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, err := resolveGroup(r.client, plan.OrganizationUUID, plan.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("project_uuid"), "No group for the Awanio Kubernetes cluster", sentence(err.Error()))
		return
	}
	var tags []string
	resp.Diagnostics.Append(plan.Tags.ElementsAs(ctx, &tags, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if tags == nil {
		tags = []string{}
	}
	k, err := r.client.CreateKubernetesCluster(ctx, g, api.KubernetesCreateRequest{
		Name: plan.Name.ValueString(), EnableHA: plan.EnableHA.ValueBool(), Version: plan.VersionUUID.ValueString(),
		PricingUUID: plan.PricingUUID.ValueString(), PVPricingUUID: plan.PVPricingUUID.ValueString(),
		Tags: tags, WithExternalIP: plan.WithExternalIP.ValueBool(),
		ReserveExternalIP: clusterReserveIP(plan.WithExternalIP, plan.ReserveIP),
	})
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio Kubernetes cluster", err)
		return
	}
	tflog.Info(ctx, "created Awanio Kubernetes cluster; waiting until it runs", map[string]any{"group": g.String(), "cluster_uuid": k.UUID})
	plan.fromAPI(g, k)
	// In the state before the wait: a failed wait leaves it tainted, not orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	k, err = r.client.WaitForKubernetesCluster(ctx, g, timeout)
	if k != nil {
		plan.fromAPI(g, k)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "The Awanio Kubernetes cluster did not start", "cluster "+g.String(), err)
	}
}

func (r *kubernetesClusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state kubernetesClusterModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, err := parseGroupID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio Kubernetes cluster", sentence(err.Error()))
		return
	}
	k, err := r.client.GetKubernetesCluster(ctx, g)
	if apiclient.IsNotFound(err) || (err == nil && k.Status == api.ClusterDeleting) ||
		(err == nil && !state.UUID.IsNull() && state.UUID.ValueString() != "" && k.UUID != state.UUID.ValueString()) {
		// Gone, going, or replaced by another cluster outside Terraform.
		tflog.Warn(ctx, "Awanio Kubernetes cluster not found; removing it from the state", map[string]any{"group": g.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio Kubernetes cluster", err)
		return
	}
	state.fromAPI(g, k)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *kubernetesClusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state kubernetesClusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, clusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, err := parseGroupID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio Kubernetes cluster", sentence(err.Error()))
		return
	}
	if !plan.Name.Equal(state.Name) || !plan.EnableHA.Equal(state.EnableHA) {
		if _, err := r.client.UpdateKubernetesCluster(ctx, g, api.KubernetesUpdateRequest{
			Name: plan.Name.ValueString(), EnableHA: plan.EnableHA.ValueBool(),
		}); err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not update the Awanio Kubernetes cluster", err)
			return
		}
	}
	k, err := r.client.WaitForKubernetesCluster(ctx, g, timeout)
	if k != nil {
		plan.fromAPI(g, k)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "The Awanio Kubernetes cluster did not come back after the update", err)
	}
}

func (r *kubernetesClusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state kubernetesClusterModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, clusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, err := parseGroupID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio Kubernetes cluster", sentence(err.Error()))
		return
	}
	if err := r.client.DeleteKubernetesCluster(ctx, g); err != nil {
		if apiclient.IsNotFound(err) {
			return
		}
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio Kubernetes cluster", err)
		return
	}
	if err := r.client.WaitForKubernetesClusterGone(ctx, g, timeout); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "The Awanio Kubernetes cluster was not deleted", err)
	}
}

func (r *kubernetesClusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g, err := parseGroupID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf(
			"Import a Kubernetes cluster by its group, for example `terraform import cloudorder_awanio_kubernetes_cluster.example "+
				"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607`: %s", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), g.String())...)
}

// ValidateConfig refuses reserve_external_ip without an external IP, as
// the seed says it only applies with with_external_ip.
func (r *kubernetesClusterResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var with, reserve types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("with_external_ip"), &with)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("reserve_external_ip"), &reserve)...)
	if resp.Diagnostics.HasError() || with.IsUnknown() || with.ValueBool() || !reserve.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("reserve_external_ip"), "External IP needed",
		"reserve_external_ip = true needs with_external_ip = true: set with_external_ip = true, or remove reserve_external_ip.")
}

// clusterReserveIP is the create's reserve_external_ip: a list of one new
// address in the seed's shape, or nothing without an external IP.
func clusterReserveIP(with, reserve types.Bool) []api.ReserveExternalIP {
	if !with.ValueBool() {
		return nil
	}
	return []api.ReserveExternalIP{{IsNew: true, Reserved: reserve.ValueBool()}}
}
