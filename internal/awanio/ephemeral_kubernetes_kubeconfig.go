package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ ephemeral.EphemeralResource              = (*kubeconfigEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*kubeconfigEphemeral)(nil)
)

// NewKubeconfigEphemeralResource is the
// cloudorder_awanio_kubernetes_kubeconfig ephemeral resource: the
// kubeconfig is read on every run and never written to the plan or state.
func NewKubeconfigEphemeralResource() ephemeral.EphemeralResource { return &kubeconfigEphemeral{} }

type kubeconfigEphemeral struct{ client *api.Client }

type kubeconfigModel struct {
	Kubeconfig types.String `tfsdk:"kubeconfig"`
	ownerModel
}

func (e *kubeconfigEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_kubernetes_kubeconfig"
}

func (e *kubeconfigEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The kubeconfig of the Kubernetes cluster of an Awanio project or organization, for the `kubernetes` or `helm` " +
			"providers. An ephemeral resource (Terraform 1.10 or later): it is read during each plan and apply and never stored in the " +
			"plan or the state. The cluster must be `running`.",
		Attributes: map[string]schema.Attribute{
			"organization_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "UUID of the organization whose cluster to read. Conflicts with `project_uuid`; with neither, the provider's defaults are used.",
				Validators:          ownerUUIDValidators(true),
			},
			"project_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "UUID of the project whose cluster to read.",
				Validators:          ownerUUIDValidators(false),
			},
			"kubeconfig": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The kubeconfig (YAML), with the cluster's client certificate and key.",
			},
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_kubernetes_kubeconfig"]
}

func (e *kubeconfigEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *kubeconfigEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m kubeconfigModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	g, err := resolveOwner(e.client, ownedByGroup, m.OrganizationUUID, m.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("project_uuid"), "No group for the Awanio kubeconfig", sentence(err.Error()))
		return
	}
	kc, err := e.client.KubernetesKubeconfig(ctx, g)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the kubeconfig of the Awanio Kubernetes cluster", err)
		return
	}
	m.Kubeconfig = types.StringValue(kc)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
