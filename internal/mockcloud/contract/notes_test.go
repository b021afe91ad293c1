package contract

import (
	"strings"
	"testing"
)

const notesContract = `
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      x-source: seed
      x-terraform-types: [cloudorder_x_thing]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "201": {description: created}
  /things/{id}:
    get:
      operationId: getThing
      x-source: inferred
      x-reason: the seed lists no single-thing read
      x-terraform-types: [cloudorder_x_thing, cloudorder_x_things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /plain:
    get:
      operationId: listPlain
      x-source: docs
      x-terraform-types: [cloudorder_x_plain]
      responses:
        "200": {description: ok}
components:
  schemas:
    Thing:
      type: object
      required: [name]
      properties:
        name: {type: string, x-source: seed}
        color: {type: string, x-source: inferred, x-reason: seen only in an example}
`

func TestNotesNameInferredOperationsAndFields(t *testing.T) {
	t.Parallel()
	c, err := parse(Awanio, []byte(notesContract))
	if err != nil {
		t.Fatal(err)
	}
	if p := Lint(c); len(p) != 0 {
		t.Fatalf("lint: %v", p)
	}
	notes := Notes(c)
	thing := notes["cloudorder_x_thing"]
	for _, want := range []string{"## API notes", "`GET /things/{id}`: the seed lists no single-thing read", "field `Thing.color`: seen only in an example"} {
		if !strings.Contains(thing, want) {
			t.Errorf("notes of cloudorder_x_thing lack %q:\n%s", want, thing)
		}
	}
	if strings.Contains(thing, "Thing.name") {
		t.Errorf("a field from the seed is listed as inferred:\n%s", thing)
	}
	if !strings.Contains(notes["cloudorder_x_plain"], "taken from Awanio's published documents") {
		t.Errorf("a type with no inferred part: %q", notes["cloudorder_x_plain"])
	}
}

func TestLintFindsUnmarkedEntries(t *testing.T) {
	t.Parallel()
	raw := strings.Replace(notesContract, "x-source: docs", "x-source: guess", 1)
	raw = strings.Replace(raw, ", x-reason: seen only in an example", "", 1)
	c, err := parse(Awanio, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(Lint(c), "\n")
	for _, want := range []string{`operation listPlain (GET /plain): x-source is "guess"`, "field Thing.color: inferred without x-reason"} {
		if !strings.Contains(got, want) {
			t.Errorf("lint does not report %q; got:\n%s", want, got)
		}
	}
}
