package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ datasource.DataSource              = (*kubernetesVersionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*kubernetesVersionsDataSource)(nil)
)

// NewKubernetesVersionsDataSource is cloudorder_awanio_kubernetes_versions.
func NewKubernetesVersionsDataSource() datasource.DataSource { return &kubernetesVersionsDataSource{} }

type kubernetesVersionsDataSource struct{ client *api.Client }

var kubernetesVersionAttrTypes = map[string]attr.Type{
	"uuid": types.StringType, "name": types.StringType, "api_version": types.StringType,
	"controller_version": types.StringType, "etcd_version": types.StringType,
}

type kubernetesVersionsModel struct {
	ID       types.String `tfsdk:"id"`
	Versions types.List   `tfsdk:"versions"`
}

func (d *kubernetesVersionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_kubernetes_versions"
}

func (d *kubernetesVersionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Kubernetes versions Awanio can run, for `version_uuid` of `cloudorder_awanio_kubernetes_cluster`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `kubernetes-versions`."},
			"versions": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The versions, ordered by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"uuid":               schema.StringAttribute{Computed: true, MarkdownDescription: "UUID to use as `version_uuid`."},
					"name":               schema.StringAttribute{Computed: true, MarkdownDescription: "Version, e.g. `1.27`."},
					"api_version":        schema.StringAttribute{Computed: true, MarkdownDescription: "Version of the API server."},
					"controller_version": schema.StringAttribute{Computed: true, MarkdownDescription: "Version of the controller manager."},
					"etcd_version":       schema.StringAttribute{Computed: true, MarkdownDescription: "Version of etcd."},
				}},
			},
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_kubernetes_versions"]
}

func (d *kubernetesVersionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *kubernetesVersionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	vs, err := d.client.ListKubernetesVersions(ctx)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not list Awanio Kubernetes versions", err)
		return
	}
	elems := make([]attr.Value, 0, len(vs))
	for _, v := range vs {
		obj, diags := types.ObjectValue(kubernetesVersionAttrTypes, map[string]attr.Value{
			"uuid": types.StringValue(v.UUID), "name": types.StringValue(string(v.Name)),
			"api_version": stringOrNull(string(v.APIVersion)), "controller_version": stringOrNull(string(v.ControllerVersion)),
			"etcd_version": stringOrNull(string(v.EtcdVersion)),
		})
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: kubernetesVersionAttrTypes}, elems)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &kubernetesVersionsModel{ID: types.StringValue("kubernetes-versions"), Versions: list})...)
}
