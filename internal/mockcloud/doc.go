// Package mockcloud is a stateful, in-memory mock of the cloud APIs the
// provider talks to: the Waldur marketplace, and the Hostway OrderAPI
// (hostway*.go, mounted at HostwayPrefix); Awanio joins as sibling files. It is a real net/http handler, so tests mount it
// with httptest and the provider runs its normal HTTP client against it.
//
// Asynchronous work (orders moving from executing to done) is computed lazily
// from timestamps and an injectable Clock: there are no background goroutines,
// so tests that own the clock are deterministic, and the mock is race-free.
//
// Every API shares one Server: fault injection, per-route counters and a
// request log apply to all of them, and /_mock/ exposes the same controls over
// HTTP for scripts (see admin.go).
package mockcloud
