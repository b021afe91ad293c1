// Package testutil holds the test helpers that several packages copied
// and that need nothing of the provider: durations written in seconds, a
// canned-answer HTTP transport for fuzzing clients, and a seeded mock
// served with its contract checked.
//
// It is a leaf package on purpose, apart from internal/acctest: acctest
// imports internal/provider, which imports internal/waiter,
// internal/apiclient and every backend, so the package-internal tests of
// those packages (package waiter, package apiclient, package api) cannot
// import acctest without an import cycle. testutil imports only the
// standard library and internal/mockcloud (with its contract), which
// import none of them. Each backend keeps a one-line adapter that builds
// its own client type on top of these helpers.
package testutil

import "time"

// Secs turns seconds into durations: Secs(0.5, 1) is 500ms and 1s.
func Secs(fs ...float64) []time.Duration {
	out := make([]time.Duration, len(fs))
	for i, f := range fs {
		out[i] = time.Duration(f * float64(time.Second))
	}
	return out
}
