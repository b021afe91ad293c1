package awanio

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// The data sources share one skeleton, as the resources share lifecycle.go:
// listing[M] implements datasource.DataSource for a dataKind (one per
// Terraform type, in its data_source_<objects>.go): Configure, the schema
// with its API notes, reading the configuration into the model M, and
// saving it once the kind's read has filled it in.

// dataKind describes one data source type.
type dataKind[M any] struct {
	// suffix follows the provider name: "_awanio_vpcs".
	suffix      string
	description string
	// args are the attributes besides the list: the arguments that pick
	// and narrow it, and any computed one.
	args map[string]schema.Attribute
	// results is the attribute that lists what was found (a *results[R]).
	results interface {
		attribute() (string, schema.ListNestedAttribute)
	}
	validators []datasource.ConfigValidator
	// read fills in m, which holds the configuration; errors as in
	// lifecycle.go (failed for a summary of its own, errReported).
	read func(ctx context.Context, client *api.Client, m *M, diags *diag.Diagnostics) error
	// failure is the summary of a failed read.
	failure string
}

// listing implements datasource.DataSource for a dataKind.
type listing[M any] struct {
	client *api.Client
	kind   *dataKind[M]
}

var (
	_ datasource.DataSourceWithConfigure        = (*listing[vpcsDataModel])(nil)
	_ datasource.DataSourceWithConfigValidators = (*listing[vpcsDataModel])(nil)
)

// newDataSource is a data source constructor for k.
func newDataSource[M any](k *dataKind[M]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listing[M]{kind: k} }
}

func (d *listing[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.kind.suffix
}

func (d *listing[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: d.kind.description + apiNotes["cloudorder"+d.kind.suffix],
		Attributes:          d.kind.attributes(),
	}
}

// attributes are the schema's: args and the list.
func (k *dataKind[M]) attributes() map[string]schema.Attribute {
	attrs := maps.Clone(k.args)
	name, list := k.results.attribute()
	attrs[name] = list
	return attrs
}

func (d *listing[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *listing[M]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.kind.validators
}

func (d *listing[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := d.kind.read(ctx, d.client, &m, &resp.Diagnostics); err != nil {
		report(&resp.Diagnostics, d.kind.failure, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// orgOrDefault is the configured organization or the provider's default
// (ownerRule), or errReported after an error naming both.
func orgOrDefault(client *api.Client, v types.String, diags *diag.Diagnostics) (string, error) {
	g, err := resolveOwner(client, ownedByOrganization, v, types.StringNull())
	if err != nil {
		diags.AddAttributeError(path.Root("organization_uuid"), "Missing organization_uuid", sentence(err.Error()))
		return "", errReported
	}
	return g.UUID, nil
}

// groupOrDefault is the configured organization or project, else the
// provider's default (ownerRule), or errReported after an error.
func groupOrDefault(client *api.Client, org, project types.String, diags *diag.Diagnostics) (api.Group, error) {
	g, err := resolveOwner(client, ownedByGroup, org, project)
	if err != nil {
		diags.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return g, errReported
	}
	return g, nil
}

// listOfGroup lists, with list, the objects of the configured organization
// or project, else of the provider's default (groupOrDefault), and writes
// the owner it used back into org and project (ownerValues). A failed list
// gets the summary failure(owner).
func listOfGroup[A any](ctx context.Context, client *api.Client, org, project *types.String, diags *diag.Diagnostics,
	list func(context.Context, api.Group) ([]A, error), failure func(api.Group) string,
) (api.Group, []A, error) {
	g, err := groupOrDefault(client, *org, *project, diags)
	if err != nil {
		return g, nil, err
	}
	items, err := list(ctx, g)
	if err != nil {
		return g, nil, failed(failure(g), err)
	}
	*org, *project = ownerValues(g, *org, *project)
	return g, items, nil
}

// The schema pieces of the list data sources: the optional arguments that
// narrow a list, and the computed list of what was found.

// groupDataSourceAttributes are the owner arguments of the list data sources.
func groupDataSourceAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "List the " + what + " of this organization. Set this or `project_uuid`; " +
				"when neither is set, the provider's `project_uuid`, else its `organization_uuid`, is used.",
			Validators: []validator.String{validate.UUID(), stringvalidator.ConflictsWith(path.MatchRoot("project_uuid"))},
		},
		"project_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "List the " + what + " of this project.",
			Validators:          []validator.String{validate.UUID()},
		},
	}
}

// filterArg is an optional argument that narrows the list (see matches).
func filterArg(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
}

// uuidFilterArg is an optional UUID argument: whose objects to list.
func uuidFilterArg(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{validate.UUID()}}
}

// resultList is the computed list of the objects found, each with the
// attributes of item.
func resultList(desc string, item map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: desc,
		NestedObject:        schema.NestedAttributeObject{Attributes: item},
	}
}

// Attributes of a listed object, all computed.

func listedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func listedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}

func listedFloat64(desc string) schema.Float64Attribute {
	return schema.Float64Attribute{Computed: true, MarkdownDescription: desc}
}

func listedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}

// matches says whether value passes the optional filter f: any value when
// f is null, else exactly f.
func matches(f types.String, value string) bool {
	return f.IsNull() || value == f.ValueString()
}

// matchesFold is matches without regard to case.
func matchesFold(f types.String, value string) bool {
	return f.IsNull() || strings.EqualFold(value, f.ValueString())
}

// collect converts, in order, the items keep accepts (all when keep is
// nil). The result is never nil: no match is an empty list, not null.
func collect[A, I any](items []A, keep func(*A) bool, conv func(*A) I) []I {
	out := make([]I, 0, len(items))
	for i := range items {
		if keep == nil || keep(&items[i]) {
			out = append(out, conv(&items[i]))
		}
	}
	return out
}

// A listed object's attributes are columns: each names its attribute once,
// with the schema and the value it has in a row R (the API object, or the
// model a resource reads it into). The typed constructors keep the value
// and the schema of a column of one type.
type column[R any] struct {
	name  string
	attr  schema.Attribute
	value func(*R) attr.Value
}

func textCol[R any](name, desc string, v func(*R) types.String) column[R] {
	return column[R]{name, listedString(desc), func(r *R) attr.Value { return v(r) }}
}

func int64Col[R any](name, desc string, v func(*R) types.Int64) column[R] {
	return column[R]{name, listedInt64(desc), func(r *R) attr.Value { return v(r) }}
}

func float64Col[R any](name, desc string, v func(*R) types.Float64) column[R] {
	return column[R]{name, listedFloat64(desc), func(r *R) attr.Value { return v(r) }}
}

func boolCol[R any](name, desc string, v func(*R) types.Bool) column[R] {
	return column[R]{name, listedBool(desc), func(r *R) attr.Value { return v(r) }}
}

// The columns of the API's lenient scalars (api.String, api.Float, api.Int):
// an empty text is null.

func apiTextCol[R any](name, desc string, v func(*R) api.String) column[R] {
	return textCol(name, desc, func(r *R) types.String { return str(v(r)) })
}

func apiFloatCol[R any](name, desc string, v func(*R) api.Float) column[R] {
	return float64Col(name, desc, func(r *R) types.Float64 { return float64Value(v(r)) })
}

func apiIntCol[R any](name, desc string, v func(*R) api.Int) column[R] {
	return int64Col(name, desc, func(r *R) types.Int64 { return int64Value(v(r)) })
}

// uuidCol is the column of a listed object's UUID.
func uuidCol[R any](desc string, v func(*R) string) column[R] {
	return textCol("uuid", desc, func(r *R) types.String { return types.StringValue(v(r)) })
}

// results is the computed list of what a data source found: the
// attribute's name, its description and the columns of each listed object.
type results[R any] struct {
	name    string
	desc    string
	columns []column[R]
}

// attribute is the name and schema of the list (resultList).
func (l *results[R]) attribute() (string, schema.ListNestedAttribute) {
	attrs := make(map[string]schema.Attribute, len(l.columns))
	for _, c := range l.columns {
		attrs[c.name] = c.attr
	}
	return l.name, resultList(l.desc, attrs)
}

// value is the list of rows, in order; never null (no row is an empty
// list). Every value has its column's type, so building it cannot fail.
func (l *results[R]) value(rows []R) types.List {
	attrTypes := make(map[string]attr.Type, len(l.columns))
	for _, c := range l.columns {
		attrTypes[c.name] = c.attr.GetType()
	}
	elems := make([]attr.Value, 0, len(rows))
	for i := range rows {
		vals := make(map[string]attr.Value, len(l.columns))
		for _, c := range l.columns {
			vals[c.name] = c.value(&rows[i])
		}
		elems = append(elems, types.ObjectValueMust(attrTypes, vals))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: attrTypes}, elems)
}

// filtered is the list of the rows keep accepts.
func (l *results[R]) filtered(rows []R, keep func(*R) bool) types.List {
	return l.value(collect(rows, keep, func(r *R) R { return *r }))
}

func float64Value(f api.Float) types.Float64 { return types.Float64Value(float64(f)) }

func int64Value(n api.Int) types.Int64 { return types.Int64Value(int64(n)) }

func str(s api.String) types.String { return stringOrNull(string(s)) }

// readError is the summary of a failed list.
func readError(what string) string { return fmt.Sprintf("Could not list Awanio %s", what) }
