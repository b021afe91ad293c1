package contract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// apiTitles name the APIs in user documentation.
var apiTitles = map[string]string{Awanio: "Awanio", Hostway: "Hostway OrderAPI", Waldur: "Waldur"}

// Notes returns, per Terraform type, the "API notes" section of its
// documentation: the inferred operations and fields of the contract that
// the type uses (x-terraform-types), each with its reason. Types that use
// only documented parts get a note saying so. The text is generated, so
// that what users read and what the contract says cannot differ.
func Notes(c *Contract) map[string]string {
	type entry struct{ what, reason string }
	byType := map[string]map[string]entry{}
	for _, op := range c.Operations() {
		types := ExtList(op.Op.Extensions, ExtTerraformTypes)
		if len(types) == 0 {
			continue
		}
		var found []entry
		if Ext(op.Op.Extensions, ExtSource) == "inferred" {
			found = append(found, entry{fmt.Sprintf("`%s %s`", op.Method, op.Path), Ext(op.Op.Extensions, ExtReason)})
		}
		OperationFields(op.Op, func(where string, prop *openapi3.SchemaRef) {
			if prop.Value != nil && Ext(prop.Value.Extensions, ExtSource) == "inferred" {
				found = append(found, entry{fmt.Sprintf("field `%s`", fieldName(where)), Ext(prop.Value.Extensions, ExtReason)})
			}
		})
		for _, typ := range types {
			if byType[typ] == nil {
				byType[typ] = map[string]entry{}
			}
			for _, e := range found {
				byType[typ][e.what] = e
			}
		}
	}
	title := apiTitles[c.API]
	out := map[string]string{}
	for typ, entries := range byType {
		var b strings.Builder
		b.WriteString("\n\n## API notes\n\n")
		if len(entries) == 0 {
			fmt.Fprintf(&b, "Every part of the %s API that this type uses is taken from %s's published documents.\n", title, title)
			out[typ] = b.String()
			continue
		}
		fmt.Fprintf(&b, "%s's published documents do not describe every part of its API that this type uses. "+
			"These parts are inferred (the provider's contract, `%s`, says why) "+
			"and may differ on a real server; the mock that ships with the provider answers as the contract says:\n\n", title, File(c.API))
		// One line per reason: many operations share one ("the seed names
		// no paths"), and a page should not repeat it.
		byReason := map[string][]string{}
		for _, e := range entries {
			r := strings.TrimSpace(e.reason)
			byReason[r] = append(byReason[r], e.what)
		}
		lines := make([]string, 0, len(byReason))
		for reason, whats := range byReason {
			sort.Strings(whats)
			lines = append(lines, fmt.Sprintf("- %s: %s\n", joinAnd(whats), reason))
		}
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, ""))
		out[typ] = b.String()
	}
	return out
}

// fieldName shortens a WalkFields path to what a reader recognises: the
// schema or operation part is dropped when it names an operation.
func fieldName(where string) string {
	if i := strings.LastIndex(where, " "); i >= 0 {
		// "createVolume request.name" -> "request.name"
		where = where[i+1:]
	}
	return where
}

// joinAnd joins ["a", "b", "c"] as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
