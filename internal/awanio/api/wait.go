package api

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// The waits for asynchronous objects, on internal/waiter: a VM until it
// is running, a baremetal server until it is Deployed, a Kubernetes
// cluster until it is running, and each of them until it is gone. They
// poll with Config.Poll (fast in tests). The VM waits of one owner share
// their polls in one list (watch.go); a VM is gone only when its own GET
// says 404.

// WaitForVM polls until the VM is running. error and failed (any status
// other than provisioning) end the wait with the API's message.
func (c *Client) WaitForVM(ctx context.Context, g Group, id string) (*VM, error) {
	defer c.forgetVM(g, id)
	return waiter.Wait(ctx, waiter.Config[*VM]{
		Refresh: func(ctx context.Context) (*VM, string, error) {
			vm, err := c.watchedVM(ctx, g, id)
			if apiclient.IsNotFound(err) {
				return nil, "", waiter.NotFound(err)
			}
			if err != nil {
				return nil, "", err
			}
			return vm, strings.ToLower(string(vm.Status)), nil
		},
		Pending:        []string{VMProvisioning, "pending", "starting", ""},
		Target:         []string{VMRunning},
		NotFoundChecks: 3,
		FailureMessage: func(vm *VM, _ string) string { return vm.failureMessage() },
		PendingHint: func(vm *VM, _ string) string {
			if vm != nil && vm.Meta != nil && vm.Meta.Phase != "" {
				return "phase " + string(vm.Meta.Phase)
			}
			return ""
		},
		Options: c.poll(),
	})
}

// WaitForVMGone polls until the VM no longer exists: the owner's list shows
// it deleting, and once the list no longer shows it, its own GET confirms
// the 404.
func (c *Client) WaitForVMGone(ctx context.Context, g Group, id string) error {
	defer c.forgetVM(g, id)
	_, err := waiter.Wait(ctx, waiter.Config[*VM]{
		Refresh: func(ctx context.Context) (*VM, string, error) {
			vm, err := c.watchedVM(ctx, g, id)
			if apiclient.IsNotFound(err) {
				return nil, "", fmt.Errorf("vm %s: %w", id, waiter.ErrNotFound)
			}
			if err != nil {
				return nil, "", err
			}
			return vm, strings.ToLower(string(vm.Status)), nil
		},
		Pending:        []string{VMDeleting, VMRunning, VMProvisioning, "stopping", "terminating", ""},
		Target:         []string{waiter.StateGone},
		FailureMessage: func(vm *VM, _ string) string { return vm.failureMessage() },
		Options:        c.poll(),
	})
	return err
}

// WaitForBaremetal polls the status endpoint until the server is Deployed;
// any status but Deploying ends the wait, with the server's
// failure_message when it has one.
func (c *Client) WaitForBaremetal(ctx context.Context, g Group, id string, target string) error {
	pending := []string{BaremetalDeploying, "Allocated", "New", "Commissioning", "Ready", ""}
	notFound := 3
	if target == waiter.StateGone {
		pending = []string{BaremetalReleasing, BaremetalDeployed, BaremetalDeploying, "Disk erasing", "Ready", ""}
		notFound = 0
	}
	_, err := waiter.Wait(ctx, waiter.Config[string]{
		Refresh: func(ctx context.Context) (string, string, error) {
			s, err := c.BaremetalStatus(ctx, g, id)
			if apiclient.IsNotFound(err) {
				return "", "", fmt.Errorf("baremetal %s: %w", id, waiter.ErrNotFound)
			}
			return s, s, err
		},
		Pending:        pending,
		Target:         []string{target},
		NotFoundChecks: notFound,
		FailureMessage: func(string, string) string {
			b, err := c.GetBaremetal(ctx, g, id)
			if err != nil || b.FailureMessage == "" {
				return ""
			}
			return string(b.FailureMessage)
		},
		Options: c.poll(),
	})
	return err
}

// WaitForKubernetesCluster polls g's cluster until it is running. An error
// status ends the wait with Awanio's message.
func (c *Client) WaitForKubernetesCluster(ctx context.Context, g Group, timeout time.Duration) (*KubernetesCluster, error) {
	return waiter.Wait(ctx, waiter.Config[*KubernetesCluster]{
		Refresh: func(ctx context.Context) (*KubernetesCluster, string, error) {
			k, err := c.GetKubernetesCluster(ctx, g)
			if apiclient.IsNotFound(err) {
				return nil, "", waiter.NotFound(err)
			}
			if err != nil {
				return nil, "", err
			}
			return k, k.Status, nil
		},
		Pending:        clusterPendingStates,
		Target:         []string{ClusterRunning},
		Timeout:        timeout,
		NotFoundChecks: 2,
		FailureMessage: func(k *KubernetesCluster, status string) string {
			if k != nil && k.Message != "" {
				return string(k.Message)
			}
			return fmt.Sprintf("the cluster is %s; Awanio gave no message", status)
		},
		PendingHint: func(*KubernetesCluster, string) string {
			return "Awanio is still provisioning the cluster's control plane"
		},
		Options: c.poll(),
	})
}

// WaitForKubernetesClusterGone polls the status until the cluster is gone.
func (c *Client) WaitForKubernetesClusterGone(ctx context.Context, g Group, timeout time.Duration) error {
	_, err := waiter.Wait(ctx, waiter.Config[string]{
		Refresh: func(ctx context.Context) (string, string, error) {
			s, err := c.KubernetesClusterStatus(ctx, g)
			if apiclient.IsNotFound(err) {
				return "", "", waiter.NotFound(err)
			}
			return s, s, err
		},
		Pending: slices.Concat([]string{ClusterDeleting, ClusterRunning, "not_running", "error", "failed"}, clusterPendingStates),
		Target:  []string{waiter.StateGone},
		Timeout: timeout,
		Options: c.poll(),
	})
	return err
}
