package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewKubernetesVersionsDataSource is cloudorder_awanio_kubernetes_versions.
var NewKubernetesVersionsDataSource = newDataSource(&dataKind[kubernetesVersionsModel]{
	suffix:      "_awanio_kubernetes_versions",
	description: "The Kubernetes versions Awanio can run, for `version_uuid` of `cloudorder_awanio_kubernetes_cluster`.",
	args: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `kubernetes-versions`."},
	},
	results: kubernetesVersionResults,
	read:    readKubernetesVersions,
	failure: "Could not list Awanio Kubernetes versions",
})

type kubernetesVersionsModel struct {
	ID       types.String `tfsdk:"id"`
	Versions types.List   `tfsdk:"versions"`
}

var kubernetesVersionResults = &results[api.KubernetesVersion]{"versions", "The versions, ordered by name.", []column[api.KubernetesVersion]{
	uuidCol("UUID to use as `version_uuid`.", func(v *api.KubernetesVersion) string { return v.UUID }),
	textCol("name", "Version, e.g. `1.27`.", func(v *api.KubernetesVersion) types.String { return types.StringValue(string(v.Name)) }),
	apiTextCol("api_version", "Version of the API server.", func(v *api.KubernetesVersion) api.String { return v.APIVersion }),
	apiTextCol("controller_version", "Version of the controller manager.", func(v *api.KubernetesVersion) api.String { return v.ControllerVersion }),
	apiTextCol("etcd_version", "Version of etcd.", func(v *api.KubernetesVersion) api.String { return v.EtcdVersion }),
}}

func readKubernetesVersions(ctx context.Context, client *api.Client, m *kubernetesVersionsModel, _ *diag.Diagnostics) error {
	vs, err := client.ListKubernetesVersions(ctx)
	if err != nil {
		return err
	}
	m.ID, m.Versions = types.StringValue("kubernetes-versions"), kubernetesVersionResults.value(vs)
	return nil
}
