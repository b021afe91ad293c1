package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewKubernetesVersionsDataSource is cloudorder_awanio_kubernetes_versions.
var NewKubernetesVersionsDataSource = newDataSource(&dataKind[kubernetesVersionsModel]{
	suffix:      "_awanio_kubernetes_versions",
	description: "The Kubernetes versions Awanio can run, for `version_uuid` of `cloudorder_awanio_kubernetes_cluster`.",
	attributes:  kubernetesVersionsAttributes,
	read:        readKubernetesVersions,
	failure:     "Could not list Awanio Kubernetes versions",
})

var kubernetesVersionAttrTypes = map[string]attr.Type{
	"uuid": types.StringType, "name": types.StringType, "api_version": types.StringType,
	"controller_version": types.StringType, "etcd_version": types.StringType,
}

type kubernetesVersionsModel struct {
	ID       types.String `tfsdk:"id"`
	Versions types.List   `tfsdk:"versions"`
}

func kubernetesVersionsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `kubernetes-versions`."},
		"versions": resultList("The versions, ordered by name.", map[string]schema.Attribute{
			"uuid":               listedString("UUID to use as `version_uuid`."),
			"name":               listedString("Version, e.g. `1.27`."),
			"api_version":        listedString("Version of the API server."),
			"controller_version": listedString("Version of the controller manager."),
			"etcd_version":       listedString("Version of etcd."),
		}),
	}
}

func readKubernetesVersions(ctx context.Context, client *api.Client, m *kubernetesVersionsModel, diags *diag.Diagnostics) error {
	vs, err := client.ListKubernetesVersions(ctx)
	if err != nil {
		return err
	}
	elems := make([]attr.Value, 0, len(vs))
	for _, v := range vs {
		obj, d := types.ObjectValue(kubernetesVersionAttrTypes, map[string]attr.Value{
			"uuid": types.StringValue(v.UUID), "name": types.StringValue(string(v.Name)),
			"api_version": stringOrNull(string(v.APIVersion)), "controller_version": stringOrNull(string(v.ControllerVersion)),
			"etcd_version": stringOrNull(string(v.EtcdVersion)),
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	list, d := types.ListValue(types.ObjectType{AttrTypes: kubernetesVersionAttrTypes}, elems)
	diags.Append(d...)
	if diags.HasError() {
		return errReported
	}
	m.ID, m.Versions = types.StringValue("kubernetes-versions"), list
	return nil
}
