package contract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Sources are the values x-source may take.
var Sources = map[string]bool{"seed": true, "docs": true, "inferred": true}

// Lint lists the entries of a written contract (not Waldur's upstream
// file) that do not say where they come from: every operation and every
// schema property needs x-source, and an inferred one needs x-reason.
func Lint(c *Contract) []string {
	var problems []string
	check := func(where string, ext map[string]any) {
		src := Ext(ext, ExtSource)
		switch {
		case !Sources[src]:
			problems = append(problems, fmt.Sprintf("%s: %s is %q, want seed, docs or inferred", where, ExtSource, src))
		case src == "inferred" && Ext(ext, ExtReason) == "":
			problems = append(problems, fmt.Sprintf("%s: inferred without %s", where, ExtReason))
		}
	}
	for _, op := range c.Operations() {
		where := fmt.Sprintf("operation %s (%s %s)", op.ID, op.Method, op.Path)
		if op.ID == "" {
			problems = append(problems, where+": no operationId")
		}
		check(where, op.Op.Extensions)
	}
	seen := map[*openapi3.Schema]bool{}
	WalkFields(c.Doc, func(where string, prop *openapi3.SchemaRef) {
		if prop.Value == nil || seen[prop.Value] {
			return
		}
		seen[prop.Value] = true
		check("field "+where, prop.Value.Extensions)
	})
	sort.Strings(problems)
	return problems
}

// WalkFields calls fn for every property of every schema in the document:
// the named components and those written inline in operations. where
// names the property from its schema down ("Volume.size",
// "createVolume request.name").
func WalkFields(doc *openapi3.T, fn func(where string, prop *openapi3.SchemaRef)) {
	walk := fieldWalker(fn)
	if doc.Components != nil {
		names := make([]string, 0, len(doc.Components.Schemas))
		for name := range doc.Components.Schemas {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			walk(name, doc.Components.Schemas[name])
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			id := op.OperationID
			if id == "" {
				id = method + " " + path
			}
			walkOperation(id, op, walk)
		}
	}
}

// OperationFields calls fn for every property of the schemas that op
// sends and answers, named as in WalkFields.
func OperationFields(op *openapi3.Operation, fn func(where string, prop *openapi3.SchemaRef)) {
	walkOperation(op.OperationID, op, fieldWalker(fn))
}

// fieldWalker returns a function that calls fn for every property below a
// schema, each schema once; a referenced schema is named by its component
// name.
func fieldWalker(fn func(where string, prop *openapi3.SchemaRef)) func(string, *openapi3.SchemaRef) {
	visited := map[*openapi3.Schema]bool{}
	var walk func(where string, s *openapi3.SchemaRef)
	walk = func(where string, s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || visited[s.Value] {
			return
		}
		visited[s.Value] = true
		if name := refName(s.Ref); name != "" {
			where = name
		}
		v := s.Value
		names := make([]string, 0, len(v.Properties))
		for name := range v.Properties {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fn(where+"."+name, v.Properties[name])
			walk(where+"."+name, v.Properties[name])
		}
		walk(where+"[]", v.Items)
		if v.AdditionalProperties.Schema != nil {
			walk(where+"{}", v.AdditionalProperties.Schema)
		}
		for _, group := range [][]*openapi3.SchemaRef{v.AllOf, v.OneOf, v.AnyOf} {
			for _, sub := range group {
				walk(where, sub)
			}
		}
	}
	return walk
}

func walkOperation(id string, op *openapi3.Operation, walk func(string, *openapi3.SchemaRef)) {
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, mt := range op.RequestBody.Value.Content {
			walk(id+" request", mt.Schema)
		}
	}
	for code, resp := range op.Responses.Map() {
		if resp.Value == nil {
			continue
		}
		for _, mt := range resp.Value.Content {
			walk(id+" "+code, mt.Schema)
		}
	}
}

// refName is the component name of a $ref ("#/components/schemas/X" -> X).
func refName(ref string) string {
	name, ok := strings.CutPrefix(ref, "#/components/schemas/")
	if !ok {
		return ""
	}
	return name
}
