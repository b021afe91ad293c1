// Package mockcloud is the shared part of a stateful, in-memory mock of the
// cloud APIs the provider talks to. It is a real net/http handler, so tests
// mount it with httptest and the provider runs its normal HTTP client
// against it.
//
// Each mocked API is a package of its own that mounts itself on a Server
// (see API and Server.Mount): internal/mockcloud/waldur (the Waldur
// marketplace, at "/"), internal/mockcloud/awanio (at /awanio/v2) and
// internal/mockcloud/hostway (the Hostway OrderAPI, at /hostway).
// Package internal/mockcloud/cloud assembles the whole mock with its demo
// data; this package does not import the APIs.
//
// Asynchronous work (orders moving from executing to done) is computed lazily
// from timestamps and an injectable Clock: there are no background goroutines,
// so tests that own the clock are deterministic, and the mock is race-free.
//
// Every API shares one Server: fault injection, the request quota (a test
// control, quota.go), per-route counters, the request log, the poll-lag log
// (lag.go: each API reports, through a FinalHook, the answers that show an
// object final) and the state file apply to all of them, and /_mock/
// exposes the same controls over HTTP for scripts (see admin.go).
package mockcloud
