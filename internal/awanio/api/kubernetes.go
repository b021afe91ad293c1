package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// Kubernetes cluster statuses. The seed shows pending, running and
// not_running; error and failed are what a failed provisioning is assumed
// to end in.
const (
	ClusterPending  = "pending"
	ClusterRunning  = "running"
	ClusterDeleting = "deleting"
)

// clusterPendingStates keep a wait going.
var clusterPendingStates = []string{ClusterPending, "provisioning", "creating", "updating", "scaling"}

// KubernetesVersion is a version clusters can run. Names are numbers in the
// seed (1.23), hence String.
type KubernetesVersion struct {
	UUID              string `json:"uuid"`
	Name              String `json:"name"`
	APIVersion        String `json:"api_version"`
	ControllerVersion String `json:"controller_version"`
	EtcdVersion       String `json:"etcd_version"`
}

// KubernetesCreateRequest is the body of POST {group}/kubernetes.
type KubernetesCreateRequest struct {
	Name           string   `json:"name"`
	EnableHA       bool     `json:"enable_ha"`
	Version        string   `json:"version"` // the version's uuid
	PricingUUID    string   `json:"pricing_uuid"`
	PVPricingUUID  string   `json:"pv_pricing_uuid,omitempty"`
	Tags           []string `json:"tags"`
	WithExternalIP bool     `json:"with_external_ip"`
	// ReserveExternalIP is the seed's list of {is_new, reserved}; only
	// with with_external_ip.
	ReserveExternalIP []ReserveExternalIP `json:"reserve_external_ip,omitempty"`
}

// KubernetesUpdateRequest is the body of PUT {group}/kubernetes.
type KubernetesUpdateRequest struct {
	Name     string `json:"name"`
	EnableHA bool   `json:"enable_ha"`
}

// KubernetesCluster is a cluster as Awanio shows it.
type KubernetesCluster struct {
	UUID        string             `json:"uuid"`
	Name        string             `json:"name"`
	ReleaseName String             `json:"release_name"`
	Namespace   String             `json:"namespace"`
	Version     *KubernetesVersion `json:"version"`
	Replica     Int                `json:"replica"`
	EnableHA    *Bool              `json:"enable_ha"`
	Pricing     *struct {
		UUID string `json:"uuid"`
	} `json:"pricing"`
	PVPricing *struct {
		UUID string `json:"uuid"`
	} `json:"pv_pricing"`
	Tags        []string `json:"tags"`
	IPAddresses []struct {
		// ip_address is an object in one example and a list in another.
		IPAddress json.RawMessage `json:"ip_address"`
	} `json:"ip_addresses"`
	PrivateIPv4 String             `json:"private_ip_address_v4"`
	Status      string             `json:"status"`
	Message     String             `json:"message"`
	Metrics     *KubernetesMetrics `json:"metrics"`
	CreatedAt   String             `json:"created_at"`
}

// KubernetesMetrics is GET {group}/kubernetes/metrics.
type KubernetesMetrics struct {
	Name       String `json:"name"`
	TotalNode  Int    `json:"total_node"`
	TotalCPU   Amount `json:"total_cpu"`
	TotalMem   Amount `json:"total_memory"`
	TotalPod   Int    `json:"total_pod"`
	TotalCntrs Int    `json:"total_container"`
}

// Amount is a value with a unit ({"value": 3, "unit": "milliCPU"}).
type Amount struct {
	Value Float  `json:"value"`
	Unit  String `json:"unit"`
}

// ExternalIP is the cluster's first public address, or "".
func (k *KubernetesCluster) ExternalIP() string {
	type addr struct {
		AddressString String `json:"address_string"`
	}
	for _, ip := range k.IPAddresses {
		addrs, _ := oneOrMany[addr](ip.IPAddress)
		for _, a := range addrs {
			if a.AddressString != "" {
				return string(a.AddressString)
			}
		}
	}
	return ""
}

// HA reports whether the cluster runs a highly available control plane:
// enable_ha when shown (the mock does), else more than one replica.
func (k *KubernetesCluster) HA() bool {
	if k.EnableHA != nil {
		return bool(*k.EnableHA)
	}
	return k.Replica > 1
}

// ListKubernetesVersions reads GET kubernetes/versions: one object in the
// seed's example, a list when there are several.
func (c *Client) ListKubernetesVersions(ctx context.Context) ([]KubernetesVersion, error) {
	var raw json.RawMessage
	if _, err := c.get(ctx, pathKubernetesVersions, nil, &raw); err != nil {
		return nil, err
	}
	vs, err := oneOrMany[KubernetesVersion](raw)
	if err != nil {
		return nil, fmt.Errorf("awanio API: GET %s: decoding data: %w", c.logPath(pathKubernetesVersions), err)
	}
	return vs, nil
}

// decodeCluster reads a cluster answer: an object or a list with one
// element (the seed shows both). An empty list is not found.
func (c *Client) decodeCluster(method, path string, raw json.RawMessage) (*KubernetesCluster, error) {
	ks, err := oneOrMany[KubernetesCluster](raw)
	if err != nil {
		return nil, fmt.Errorf("awanio API: %s %s: decoding data: %w", method, c.logPath(path), err)
	}
	if len(ks) == 0 || ks[0].UUID == "" {
		return nil, c.notFound(method, path, "no Kubernetes cluster in this group")
	}
	return &ks[0], nil
}

// CreateKubernetesCluster creates the cluster of g. There is one cluster
// per group, so a POST whose answer was lost is not repeated blindly: the
// group's cluster is looked for first (also after the last attempt, and
// again when the lookup fails) and adopted when its name matches; a
// conflict adopts it the same way.
func (c *Client) CreateKubernetesCluster(ctx context.Context, g Group, req KubernetesCreateRequest) (*KubernetesCluster, error) {
	p := g.path(pathGroupKubernetes)
	for attempt := 1; ; attempt++ {
		var raw json.RawMessage
		_, err := c.post(ctx, p, req, &raw)
		if err == nil {
			return c.decodeCluster(http.MethodPost, p, raw)
		}
		if !apiclient.MayHaveBeenProcessed(err) && !apiclient.IsConflict(err) {
			return nil, err
		}
		k, lookErr := c.findGroupCluster(ctx, g, req.Name)
		if lookErr != nil {
			return nil, fmt.Errorf("%w; looking for the cluster it may have created: %w", err, lookErr)
		}
		if k != nil {
			return k, nil
		}
		if apiclient.IsConflict(err) || attempt >= createAttempts {
			return nil, err
		}
	}
}

// findGroupCluster returns g's cluster when it is named name; nil when the
// group has none or another one. A failed read is tried again.
func (c *Client) findGroupCluster(ctx context.Context, g Group, name string) (*KubernetesCluster, error) {
	var err error
	for range lookupAttempts {
		var k *KubernetesCluster
		k, err = c.GetKubernetesCluster(ctx, g)
		switch {
		case apiclient.IsNotFound(err):
			return nil, nil
		case err == nil && k.Name == name:
			return k, nil
		case err == nil:
			return nil, nil
		case ctx.Err() != nil:
			return nil, err
		}
	}
	return nil, err
}

// GetKubernetesCluster reads the cluster of g; none is a not-found error.
func (c *Client) GetKubernetesCluster(ctx context.Context, g Group) (*KubernetesCluster, error) {
	p := g.path(pathGroupKubernetes)
	var raw json.RawMessage
	if _, err := c.get(ctx, p, nil, &raw); err != nil {
		return nil, err
	}
	return c.decodeCluster(http.MethodGet, p, raw)
}

// UpdateKubernetesCluster renames g's cluster or switches HA.
func (c *Client) UpdateKubernetesCluster(ctx context.Context, g Group, req KubernetesUpdateRequest) (*KubernetesCluster, error) {
	p := g.path(pathGroupKubernetes)
	var raw json.RawMessage
	if _, err := c.put(ctx, p, req, &raw); err != nil {
		return nil, err
	}
	return c.decodeCluster(http.MethodPut, p, raw)
}

// DeleteKubernetesCluster starts the delete of g's cluster.
func (c *Client) DeleteKubernetesCluster(ctx context.Context, g Group) error {
	return c.del(ctx, g.path(pathGroupKubernetes))
}

// KubernetesClusterStatus reads GET {group}/kubernetes/status (data is the
// status string).
func (c *Client) KubernetesClusterStatus(ctx context.Context, g Group) (string, error) {
	var s String
	if _, err := c.get(ctx, g.path(pathGroupKubernetesStatus), nil, &s); err != nil {
		return "", err
	}
	return string(s), nil
}

// KubernetesClusterMetrics reads GET {group}/kubernetes/metrics.
func (c *Client) KubernetesClusterMetrics(ctx context.Context, g Group) (*KubernetesMetrics, error) {
	return getOne[KubernetesMetrics](ctx, c, g.path(pathGroupKubernetesMetrics))
}

// KubernetesKubeconfig reads the kubeconfig of g's cluster. It is a secret
// as a whole: the answer is never logged and the text is masked in
// anything logged later.
func (c *Client) KubernetesKubeconfig(ctx context.Context, g Group) (string, error) {
	var kc string
	req := apiclient.Request{Method: http.MethodGet, Path: g.path(pathGroupKubernetesKubecfg), SecretResponse: true}
	if _, err := c.call(ctx, req, &kc); err != nil {
		return "", err
	}
	c.addSecret(kc)
	return kc, nil
}
