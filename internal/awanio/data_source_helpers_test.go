package awanio

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// TestResults checks the list a results[R] builds: its schema has one
// attribute per column, its value one object per kept row, in order, with
// each column's value, and no row is an empty list, not null.
func TestResults(t *testing.T) {
	t.Parallel()
	type row struct {
		name api.String
		size api.Int
		used bool
	}
	r := &results[row]{"rows", "Rows.", []column[row]{
		apiTextCol("name", "Name.", func(r *row) api.String { return r.name }),
		apiIntCol("size", "Size.", func(r *row) api.Int { return r.size }),
		boolCol("used", "Used.", func(r *row) types.Bool { return types.BoolValue(r.used) }),
	}}

	name, a := r.attribute()
	if name != "rows" || !a.Computed || a.MarkdownDescription != "Rows." || len(a.NestedObject.Attributes) != 3 {
		t.Fatalf("attribute() = %q, %+v, want rows, a computed list of 3 attributes described as Rows.", name, a)
	}
	for name, want := range map[string]attr.Type{"name": types.StringType, "size": types.Int64Type, "used": types.BoolType} {
		if got := a.NestedObject.Attributes[name].GetType(); !got.Equal(want) {
			t.Errorf("attribute %s has type %s, want %s", name, got, want)
		}
	}

	empty := r.value(nil)
	if empty.IsNull() || empty.IsUnknown() || len(empty.Elements()) != 0 {
		t.Errorf("value(nil) = %s, want an empty list", empty)
	}

	rows := []row{{name: "a", size: 1}, {name: "", size: 2, used: true}, {name: "c", size: 3}}
	got := r.filtered(rows, func(r *row) bool { return r.size != 3 })
	elems := got.Elements()
	if len(elems) != 2 {
		t.Fatalf("filtered kept %d rows, want 2: %s", len(elems), got)
	}
	first, second := elems[0].(types.Object).Attributes(), elems[1].(types.Object).Attributes()
	for _, c := range []struct {
		got, want attr.Value
	}{
		{first["name"], types.StringValue("a")},
		{first["size"], types.Int64Value(1)},
		{first["used"], types.BoolValue(false)},
		{second["name"], types.StringNull()}, // an empty text is null
		{second["size"], types.Int64Value(2)},
		{second["used"], types.BoolValue(true)},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
