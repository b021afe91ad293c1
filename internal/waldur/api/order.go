package api

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// Order states, from Waldur's OrderState enum.
const (
	OrderPendingConsumer  = "pending-consumer"
	OrderPendingProvider  = "pending-provider"
	OrderPendingProject   = "pending-project"
	OrderPendingStartDate = "pending-start-date"
	OrderExecuting        = "executing"
	OrderDone             = "done"
	OrderErred            = "erred"
	OrderCanceled         = "canceled"
	OrderRejected         = "rejected"
)

// OrderStates lists every order state, for validators and docs.
var OrderStates = []string{
	OrderPendingConsumer, OrderPendingProvider, OrderPendingProject, OrderPendingStartDate,
	OrderExecuting, OrderDone, OrderErred, OrderCanceled, OrderRejected,
}

// orderPendingStates are the states in which an order is still on its way.
var orderPendingStates = []string{
	OrderPendingConsumer, OrderPendingProvider, OrderPendingProject, OrderPendingStartDate, OrderExecuting,
}

// Order types, from Waldur's RequestTypes enum.
var OrderTypes = []string{"Create", "Update", "Terminate", "Restore"}

// Order is Waldur's OrderDetails. Nullable fields are pointers so that a
// missing value is not confused with an empty one; decimals stay strings as
// the API sends them ("0.0000000000", "0E-10").
type Order struct {
	BaseItem
	Type                    string  `json:"type"`
	State                   string  `json:"state"`
	CustomerName            string  `json:"customer_name"`
	ProviderUUID            string  `json:"provider_uuid"`
	ProviderName            string  `json:"provider_name"`
	MarketplaceResourceUUID *string `json:"marketplace_resource_uuid"`
	ResourceName            string  `json:"resource_name"`
	ResourceType            *string `json:"resource_type"`
	Cost                    *string `json:"cost"`
	ErrorMessage            string  `json:"error_message"`
	ErrorTraceback          string  `json:"error_traceback"`
	CallbackURL             *string `json:"callback_url"`
	RequestComment          *string `json:"request_comment"`
	StartDate               *string `json:"start_date"`
	CompletedAt             *string `json:"completed_at"`
	CreatedByUsername       string  `json:"created_by_username"`
	ConsumerReviewedBy      *string `json:"consumer_reviewed_by"`
	ConsumerReviewedAt      *string `json:"consumer_reviewed_at"`
	ProviderReviewedBy      *string `json:"provider_reviewed_by"`
	ProviderReviewedAt      *string `json:"provider_reviewed_at"`
	CanTerminate            bool    `json:"can_terminate"`
}

// OrderCreateRequest is Waldur's OrderCreateRequest. Hyperlinked fields are
// absolute URLs: Waldur answers 400 "Invalid hyperlink" for bare UUIDs.
type OrderCreateRequest struct {
	Project                 string           `json:"project"`
	Offering                string           `json:"offering"`
	Plan                    string           `json:"plan,omitempty"`
	Attributes              json.RawMessage  `json:"attributes,omitempty"`
	Limits                  map[string]int64 `json:"limits,omitempty"`
	Type                    string           `json:"type,omitempty"`
	RequestComment          string           `json:"request_comment,omitempty"`
	CallbackURL             string           `json:"callback_url,omitempty"`
	StartDate               string           `json:"start_date,omitempty"`
	AcceptingTermsOfService *bool            `json:"accepting_terms_of_service,omitempty"`
}

// OrderListFilter holds the query filters of GET /api/marketplace-orders/.
// UUID filters take hex UUIDs.
type OrderListFilter struct {
	ProjectUUID  string   `query:"project_uuid"`
	OfferingUUID string   `query:"offering_uuid"`
	CustomerUUID string   `query:"customer_uuid"`
	ProviderUUID string   `query:"provider_uuid"`
	ResourceUUID string   `query:"resource_uuid"`
	States       []string `query:"state"`
	Types        []string `query:"type"`
	CreatedAfter string   `query:"created"` // RFC 3339
	// ModifiedAfter is "Modified after" (RFC 3339); the mock, like
	// django-filter's gte, includes equal times.
	ModifiedAfter string `query:"modified"`
	Query         string `query:"query"`
	Ordering      string `query:"o"` // e.g. "-created"
}

// OrderErrorDetails is the body of set_state_erred and reject_by_consumer.
type OrderErrorDetails struct {
	ErrorMessage   string `json:"error_message,omitempty"`
	ErrorTraceback string `json:"error_traceback,omitempty"`
}

// ListOrders returns every order that matches the filter, across all pages.
func (c *Client) ListOrders(ctx context.Context, f OrderListFilter) ([]Order, error) {
	q := filterQuery(f)
	orders, err := list[Order](ctx, c, ordersPath, q)
	for i := range orders {
		c.completeLinks(&orders[i])
	}
	return orders, err
}

// completeLinks fills the project and offering hyperlinks from their UUIDs
// when the answer lacks them: Waldur's OrderDetails (GET) carries
// project_uuid but no project hyperlink, while the create answer has both.
func (c *Client) completeLinks(o *Order) {
	if o.Project == "" && o.ProjectUUID != "" {
		o.Project = c.ProjectURL(o.ProjectUUID)
	}
	if o.Offering == "" && o.OfferingUUID != "" {
		o.Offering = c.OfferingURL(o.OfferingUUID)
	}
}

// GetOrder reads one order.
func (c *Client) GetOrder(ctx context.Context, uuid string) (*Order, error) {
	var o Order
	if _, err := c.do(ctx, http.MethodGet, orderPath(uuid), nil, &o); err != nil {
		return nil, err
	}
	c.completeLinks(&o)
	return &o, nil
}

// DeleteOrder deletes an order that is still pending-consumer or
// pending-provider.
func (c *Client) DeleteOrder(ctx context.Context, uuid string) error {
	_, err := c.do(ctx, http.MethodDelete, orderPath(uuid), nil, nil)
	return err
}

// UnlinkOrder removes the order record without touching its resource (staff only).
func (c *Client) UnlinkOrder(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "unlink", nil)
}

// ApproveOrderByConsumer approves a pending-consumer order.
func (c *Client) ApproveOrderByConsumer(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "approve_by_consumer", nil)
}

// ApproveOrderByProvider approves a pending-provider order.
func (c *Client) ApproveOrderByProvider(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "approve_by_provider", nil)
}

// RejectOrderByConsumer rejects a pending-consumer order.
func (c *Client) RejectOrderByConsumer(ctx context.Context, uuid, message string) error {
	return c.action(ctx, uuid, "reject_by_consumer", OrderErrorDetails{ErrorMessage: message})
}

// RejectOrderByProvider rejects a pending-provider order.
func (c *Client) RejectOrderByProvider(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "reject_by_provider", nil)
}

// CancelOrder cancels a pending or executing order (202).
func (c *Client) CancelOrder(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "cancel", nil)
}

// SetOrderStateDone marks an executing order done (agents, providers).
func (c *Client) SetOrderStateDone(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "set_state_done", nil)
}

// SetOrderStateErred marks an order erred with a message (agents, providers).
func (c *Client) SetOrderStateErred(ctx context.Context, uuid string, details OrderErrorDetails) error {
	return c.action(ctx, uuid, "set_state_erred", details)
}

// SetOrderStateExecuting moves a pending or erred order to executing.
func (c *Client) SetOrderStateExecuting(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "set_state_executing", nil)
}

// SetOrderBackendID links the order to an identifier of an external system.
func (c *Client) SetOrderBackendID(ctx context.Context, uuid, backendID string) error {
	return c.action(ctx, uuid, "set_backend_id", map[string]string{"backend_id": backendID})
}

// DeleteOrderAttachment removes the attachment of a pending order.
func (c *Client) DeleteOrderAttachment(ctx context.Context, uuid string) error {
	return c.action(ctx, uuid, "delete_attachment", nil)
}

// UpdateOrderAttachment uploads (or replaces) the attachment of a pending
// order, such as a purchase order, and returns its URL.
func (c *Client) UpdateOrderAttachment(ctx context.Context, uuid, filename string, content []byte) (string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("attachment", filename)
	if err != nil {
		return "", err
	}
	if _, err := part.Write(content); err != nil {
		return "", err
	}
	if err := mw.Close(); err != nil {
		return "", err
	}
	var out struct {
		Attachment *string `json:"attachment"`
	}
	// Re-sending the same file is harmless: the attachment is replaced.
	_, err = c.send(ctx, apiclient.Request{
		Method:             http.MethodPost,
		Path:               orderPath(uuid, "update_attachment"),
		Body:               buf.Bytes(),
		ContentType:        mw.FormDataContentType(),
		RetryNonIdempotent: true,
	}, &out)
	if err != nil || out.Attachment == nil {
		return "", err
	}
	return *out.Attachment, nil
}

// action posts to an order action endpoint. Order actions are state
// transitions: repeating one that already happened fails with a clear
// state error instead of acting twice.
func (c *Client) action(ctx context.Context, uuid, name string, body any) error {
	_, err := c.do(ctx, http.MethodPost, orderPath(uuid, name), body, nil)
	return err
}
