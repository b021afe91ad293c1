//go:build !cloudorder_bench

package provider

// applyTestOnlyEnv does nothing in a normal build; the benchmark build
// (tag cloudorder_bench, testenv_bench.go) reads a test-only poller switch.
func applyTestOnlyEnv(*settings) {}
