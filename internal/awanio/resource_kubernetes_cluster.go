package awanio

import (
	"context"
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

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// clusterTimeout bounds provisioning and deleting a cluster by default.
const clusterTimeout = 30 * time.Minute

// NewKubernetesClusterResource is cloudorder_awanio_kubernetes_cluster.
var NewKubernetesClusterResource = newObject[kubernetesClusterModel](&kind[kubernetesClusterModel]{
	suffix: "_awanio_kubernetes_cluster",
	what:   "Kubernetes cluster",
	description: "The managed Kubernetes cluster of an Awanio project or organization (Awanio runs one per group). " +
		"Create waits until the cluster is `running`; a cluster that ends in an error status is reported with Awanio's message " +
		"and kept in the state as tainted. `name` and `enable_ha` change in place. Read the kubeconfig with the " +
		"`cloudorder_awanio_kubernetes_kubeconfig` ephemeral resource, which keeps it out of the state.",
	attributes: clusterAttributes,
	ownedAs:    "cluster",
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	slow:       clusterTimeout,
	create:     createCluster,
	read: func(ctx context.Context, o *op, m *kubernetesClusterModel) error {
		g, err := parseGroupID(m.ID.ValueString())
		if err != nil {
			return invalidID("Kubernetes cluster", err)
		}
		k, err := o.client.GetKubernetesCluster(ctx, g)
		if err != nil {
			return err
		}
		if k.Status == api.ClusterDeleting || (!m.UUID.IsNull() && m.UUID.ValueString() != "" && k.UUID != m.UUID.ValueString()) {
			return errGone // going, or replaced by another cluster outside Terraform
		}
		m.fromAPI(g, k)
		return nil
	},
	update: func(ctx context.Context, o *op, plan, state *kubernetesClusterModel) error {
		g, err := parseGroupID(state.ID.ValueString())
		if err != nil {
			return invalidID("Kubernetes cluster", err)
		}
		if !plan.Name.Equal(state.Name) || !plan.EnableHA.Equal(state.EnableHA) {
			if _, err := o.client.UpdateKubernetesCluster(ctx, g, api.KubernetesUpdateRequest{
				Name: plan.Name.ValueString(), EnableHA: plan.EnableHA.ValueBool(),
			}); err != nil {
				return err
			}
		}
		return waitForCluster(ctx, o, g, plan, func(err error) error {
			return failed("The Awanio Kubernetes cluster did not come back after the update", err)
		})
	},
	del: func(ctx context.Context, o *op, m *kubernetesClusterModel) error {
		g, err := parseGroupID(m.ID.ValueString())
		if err != nil {
			return invalidID("Kubernetes cluster", err)
		}
		if err := o.client.DeleteKubernetesCluster(ctx, g); err != nil {
			return err
		}
		if err := o.client.WaitForKubernetesClusterGone(ctx, g, o.timeout); err != nil {
			return failed("The Awanio Kubernetes cluster was not deleted", err)
		}
		return nil
	},
	importID: importByGroup,
	importHint: "Import a Kubernetes cluster by its group, for example `terraform import cloudorder_awanio_kubernetes_cluster.example " +
		"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607`",
	validateConfig: validateClusterExternalIP,
})

func clusterAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	uuidCheck := []validator.String{stringvalidator.RegexMatches(ownerUUIDRegexp, "must be a UUID such as 315c2ab1-750a-4897-9e77-824e3d0043b9")}
	return map[string]schema.Attribute{
		"id":   stableString("The owning group, `projects/<uuid>` or `organizations/<uuid>`: Awanio runs one cluster per group and addresses it by the group."),
		"uuid": stableString("UUID Awanio gave the cluster."),
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
		"external_ip": stableString("Public IP address, when `with_external_ip` is set."),
		"private_ip":  stableString("Private IPv4 address."),
		"namespace":   stableString("Namespace Awanio runs the cluster in (`k8s-<organization uuid>`)."),
		"status":      computedString("Status: `running` once applied."),
		"created_at":  stableString("When the cluster was created (RFC 3339)."),
	}
}

func createCluster(ctx context.Context, o *op, plan *kubernetesClusterModel) error {
	g, err := o.owner(plan.OrganizationUUID, plan.ProjectUUID, "Kubernetes cluster")
	if err != nil {
		return err
	}
	var tags []string
	o.diags.Append(plan.Tags.ElementsAs(ctx, &tags, false)...)
	if o.diags.HasError() {
		return errReported
	}
	if tags == nil {
		tags = []string{}
	}
	k, err := o.client.CreateKubernetesCluster(ctx, g, api.KubernetesCreateRequest{
		Name: plan.Name.ValueString(), EnableHA: plan.EnableHA.ValueBool(), Version: plan.VersionUUID.ValueString(),
		PricingUUID: plan.PricingUUID.ValueString(), PVPricingUUID: plan.PVPricingUUID.ValueString(),
		Tags: tags, WithExternalIP: plan.WithExternalIP.ValueBool(),
		ReserveExternalIP: clusterReserveIP(plan.WithExternalIP, plan.ReserveIP),
	})
	if err != nil {
		return err
	}
	tflog.Info(ctx, "created Awanio Kubernetes cluster; waiting until it runs", map[string]any{"group": g.String(), "cluster_uuid": k.UUID})
	plan.fromAPI(g, k)
	// In the state before the wait: a failed wait leaves it tainted, not orphaned.
	if err := o.save(ctx, plan); err != nil {
		return err
	}
	return waitForCluster(ctx, o, g, plan, func(err error) error {
		return tainted("The Awanio Kubernetes cluster did not start", "cluster "+g.String(), err)
	})
}

// waitForCluster waits until the cluster runs and reads it into plan. When
// the wait fails after the cluster was read, plan is saved first, so that
// the state holds what it became; the wait's error goes through fail.
func waitForCluster(ctx context.Context, o *op, g api.Group, plan *kubernetesClusterModel, fail func(error) error) error {
	k, err := o.client.WaitForKubernetesCluster(ctx, g, o.timeout)
	if k != nil {
		plan.fromAPI(g, k)
	}
	if err == nil {
		return nil
	}
	if k != nil {
		if serr := o.save(ctx, plan); serr != nil {
			return serr
		}
	}
	return fail(err)
}

// validateClusterExternalIP refuses reserve_external_ip without an external IP, as
// the seed says it only applies with with_external_ip.
func validateClusterExternalIP(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
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
