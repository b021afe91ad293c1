package api

import (
	"context"
	"net/http"
)

// Marketplace resource states, from Waldur's ResourceState enum.
const (
	ResourceCreating    = "Creating"
	ResourceOK          = "OK"
	ResourceErred       = "Erred"
	ResourceUpdating    = "Updating"
	ResourceTerminating = "Terminating"
	ResourceTerminated  = "Terminated"
)

// MarketplaceResource is Waldur's Resource (marketplace resource).
type MarketplaceResource struct {
	BaseItem
	Name         string     `json:"name"`
	Description  string     `json:"description"`
	State        string     `json:"state"`
	CustomerName string     `json:"customer_name"`
	ResourceType *string    `json:"resource_type"`
	ErrorMessage string     `json:"error_message"`
	Endpoints    []Endpoint `json:"endpoints"`
	// OrderInProgress is the resource's order that is not finished yet;
	// while there is one, Waldur refuses another (409).
	OrderInProgress *Order `json:"order_in_progress"`
	// CreationOrder is the Create order that made the resource.
	CreationOrder *Order `json:"creation_order"`
	ProviderName  string `json:"provider_name"`
}

// Endpoint is an access endpoint of a resource (Waldur's NestedEndpoint).
type Endpoint struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// ResourceListFilter holds the query filters of GET /api/marketplace-resources/.
type ResourceListFilter struct {
	ProjectUUID  string   `query:"project_uuid"`
	OfferingUUID string   `query:"offering_uuid"`
	CustomerUUID string   `query:"customer_uuid"`
	States       []string `query:"state"`
	Name         string   `query:"name"` // substring, case-insensitive
	NameExact    string   `query:"name_exact"`
	Query        string   `query:"query"`
}

// ResourceStates lists every marketplace resource state, for validators and docs.
var ResourceStates = []string{
	ResourceCreating, ResourceOK, ResourceErred, ResourceUpdating, ResourceTerminating, ResourceTerminated,
}

// GetMarketplaceResource reads a marketplace resource.
func (c *Client) GetMarketplaceResource(ctx context.Context, uuid string) (*MarketplaceResource, error) {
	var r MarketplaceResource
	if _, err := c.do(ctx, http.MethodGet, resourcePath(uuid), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ListMarketplaceResources returns every marketplace resource that matches
// the filter, across all pages, oldest first.
func (c *Client) ListMarketplaceResources(ctx context.Context, f ResourceListFilter) ([]MarketplaceResource, error) {
	q := filterQuery(f)
	q.Set("o", "created")
	return list[MarketplaceResource](ctx, c, resourcesPath, q)
}

// SwitchResourcePlan places an Update order that moves the resource to
// another plan of its offering.
func (c *Client) SwitchResourcePlan(ctx context.Context, uuid, planURL string) (string, error) {
	return c.resourceOrder(ctx, uuid, "switch_plan", map[string]any{"plan": planURL})
}

// UpdateResourceLimits places an Update order with new component limits.
func (c *Client) UpdateResourceLimits(ctx context.Context, uuid string, limits map[string]int64, comment string) (string, error) {
	body := map[string]any{"limits": limits}
	if comment != "" {
		body["request_comment"] = comment
	}
	return c.resourceOrder(ctx, uuid, "update_limits", body)
}

// resourceOrder posts a resource action that answers {"order_uuid": ...}.
// A resource holds one pending order at a time (409 otherwise), so a
// repeated action cannot place a second order.
func (c *Client) resourceOrder(ctx context.Context, uuid, action string, body any) (string, error) {
	var out orderUUIDAnswer
	if _, err := c.do(ctx, http.MethodPost, resourcePath(uuid, action), body, &out); err != nil {
		return "", err
	}
	return out.OrderUUID, nil
}

// ResourceFromOrder is what a Create order already tells about the
// resource it makes, so that the state saved before waiting has no
// unknown values.
func ResourceFromOrder(o *Order) *MarketplaceResource {
	r := &MarketplaceResource{BaseItem: o.BaseItem, Name: o.ResourceName, State: ResourceCreating, CustomerName: o.CustomerName, ProviderName: o.ProviderName}
	r.UUID = *o.MarketplaceResourceUUID
	r.URL = ""
	r.ResourceUUID = nil
	r.CreationOrder = o
	return r
}

// orderUUIDAnswer is the answer of the resource actions that place an order.
type orderUUIDAnswer struct {
	OrderUUID string `json:"order_uuid"`
}
