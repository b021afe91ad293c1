// Package conformance checks the Waldur mock against Waldur's own OpenAPI
// description: every answer of a realistic scenario is validated with
// kin-openapi. It is a package of its own so that the mock's unit tests do
// not depend on kin-openapi and its module graph.
package conformance
