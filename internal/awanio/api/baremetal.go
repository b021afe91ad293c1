package api

import "context"

// Baremetal statuses (GET .../status answers one of them as data). MAAS,
// which Awanio runs baremetal on, names the failure "Failed deployment".
const (
	BaremetalDeploying = "Deploying"
	BaremetalDeployed  = "Deployed"
	BaremetalReleasing = "Releasing"
)

// BaremetalCreateRequest is the body of POST {group-type}/{uuid}/baremetals.
type BaremetalCreateRequest struct {
	ServerCreate
	MachineName   string `json:"machine_name"`
	BillingPeriod string `json:"billing_period"`
	// ComputeSameConfig is the seed's compute_same_config: how many servers
	// to deploy with this configuration (its create answer shows 1).
	ComputeSameConfig int `json:"compute_same_config"`
}

// Machine is a baremetal machine (available-machines, or embedded in a
// server).
type Machine struct {
	UUID          string   `json:"uuid"`
	Name          string   `json:"name"`
	Architecture  String   `json:"architecture"`
	Zone          String   `json:"zone"`
	MachineStatus String   `json:"machine_status"`
	Pricing       *Pricing `json:"pricing"`
}

// MachinePricing is a price plan as machines embed it.
type MachinePricing struct {
	UUID          string `json:"uuid"`
	InstanceType  String `json:"instance_type"`
	SuitableFor   String `json:"suitable_for"`
	VCPUCore      Float  `json:"vcpu_core"`
	RAMMB         Int    `json:"ram_mb"`
	StorageGB     Int    `json:"storage_gb"`
	PricePerHour  Float  `json:"price_per_hour"`
	PricePerMonth Float  `json:"price_per_month"`
}

// Baremetal is a baremetal server as GET .../baremetals/{uuid} returns it.
type Baremetal struct {
	Server
	Machine *Machine `json:"machine"`
	// BillingPeriod is not in the seed's GET (it is in the create's
	// answer); the mock returns it.
	BillingPeriod String `json:"billing_period"`
	IPPrivate     String `json:"ip_private"`
	IPAddress     *struct {
		AddressString String `json:"address_string"`
	} `json:"ip_address"`
	FailureMessage String `json:"failure_message"`
}

// CreateBaremetal deploys a server on a machine (createServer). The
// documented answer has no uuid, so the new server is found by title and
// hostname among those that were not there before.
func (c *Client) CreateBaremetal(ctx context.Context, g Group, req BaremetalCreateRequest) (*Baremetal, error) {
	return createServer[Baremetal](ctx, c, g, "baremetal server", pathGroupBaremetals, &req.ServerCreate, &req)
}

// ListBaremetals lists the servers of a group.
func (c *Client) ListBaremetals(ctx context.Context, g Group) ([]Baremetal, error) {
	return list[Baremetal](ctx, c, g.path(pathGroupBaremetals), nil)
}

// GetBaremetal reads one server.
func (c *Client) GetBaremetal(ctx context.Context, g Group, id string) (*Baremetal, error) {
	return getOne[Baremetal](ctx, c, g.path(pathGroupBaremetal, "baremetal_uuid", id))
}

// BaremetalStatus reads a server's status ("Deployed").
func (c *Client) BaremetalStatus(ctx context.Context, g Group, id string) (string, error) {
	var s String
	if _, err := c.get(ctx, g.path(pathGroupBaremetalStatus, "baremetal_uuid", id), nil, &s); err != nil {
		return "", err
	}
	return string(s), nil
}

// DeleteBaremetal releases a server.
func (c *Client) DeleteBaremetal(ctx context.Context, g Group, id string) error {
	return c.del(ctx, g.path(pathGroupBaremetal, "baremetal_uuid", id))
}

// ListAvailableMachines lists the machines a server can be deployed on.
func (c *Client) ListAvailableMachines(ctx context.Context, g Group) ([]Machine, error) {
	return list[Machine](ctx, c, g.path(pathGroupAvailableMachine), nil)
}
