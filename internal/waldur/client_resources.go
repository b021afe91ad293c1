package waldur

import (
	"context"
	"net/http"
	"net/url"
)

func resourcePath(uuid string, action ...string) string {
	p := "marketplace-resources/" + url.PathEscape(uuid) + "/"
	for _, a := range action {
		p += a + "/"
	}
	return p
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
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("project_uuid", f.ProjectUUID)
	set("offering_uuid", f.OfferingUUID)
	set("customer_uuid", f.CustomerUUID)
	set("name", f.Name)
	set("name_exact", f.NameExact)
	set("query", f.Query)
	for _, s := range f.States {
		q.Add("state", s)
	}
	q.Set("o", "created")
	return list[MarketplaceResource](ctx, c, "marketplace-resources/", q)
}

// TerminateResource places a Terminate order for a marketplace resource and
// returns the order's UUID. attributes may be nil.
func (c *Client) TerminateResource(ctx context.Context, uuid string, attributes map[string]any) (string, error) {
	body := map[string]any{}
	if attributes != nil {
		body["attributes"] = attributes
	}
	return c.resourceOrder(ctx, uuid, "terminate", body)
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
	var out OrderUUID
	if _, err := c.do(ctx, http.MethodPost, resourcePath(uuid, action), body, &out); err != nil {
		return "", err
	}
	return out.OrderUUID, nil
}
