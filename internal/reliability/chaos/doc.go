// Package chaos proves, against the mock cloud, that an apply which meets a
// flaky API ends with Terraform state that matches reality: nothing lost,
// nothing duplicated, nothing leaked. Its acceptance tests run the real
// terraform binary and the provider binary (see cmd/chaos-testprovider) while the mock
// injects faults, and compare the mock's objects with the state after every
// run. See README.md for the design and how to add a resource type.
package chaos
