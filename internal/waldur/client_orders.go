package waldur

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// createLookBack widens the created-after filter used to find an order whose
// create answer was lost, so that clock skew between this machine and the
// server cannot hide it.
const createLookBack = 10 * time.Minute

// maxCreateAttempts bounds how often a create whose answer was lost is sent
// again after a lookup found nothing.
const maxCreateAttempts = 3

func orderPath(uuid string, action ...string) string {
	p := "marketplace-orders/" + url.PathEscape(uuid) + "/"
	for _, a := range action {
		p += a + "/"
	}
	return p
}

// ListOrders returns every order that matches the filter, across all pages.
func (c *Client) ListOrders(ctx context.Context, f OrderListFilter) ([]Order, error) {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("project_uuid", f.ProjectUUID)
	set("offering_uuid", f.OfferingUUID)
	set("customer_uuid", f.CustomerUUID)
	set("provider_uuid", f.ProviderUUID)
	set("resource_uuid", f.ResourceUUID)
	set("created", f.CreatedAfter)
	set("query", f.Query)
	set("o", f.Ordering)
	for _, s := range f.States {
		q.Add("state", s)
	}
	for _, t := range f.Types {
		q.Add("type", t)
	}
	orders, err := list[Order](ctx, c, "marketplace-orders/", q)
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

// CreateOrder places an order. Waldur has no idempotency key, so when the
// answer to the POST is lost after the server may have acted, the order is
// looked up (same project, offering, plan, type, attributes and limits,
// created since just before the request) before the POST is sent again:
// a retried create never places a second order.
func (c *Client) CreateOrder(ctx context.Context, req OrderCreateRequest) (*Order, error) {
	started := time.Now()
	for attempt := 1; ; attempt++ {
		var o Order
		_, err := c.do(ctx, http.MethodPost, "marketplace-orders/", req, &o)
		if err == nil {
			c.completeLinks(&o)
			return &o, nil
		}
		if !apiclient.MayHaveBeenProcessed(err) {
			return nil, err
		}
		// Look also after the last attempt: it may be the one that
		// created the order.
		tflog.Warn(ctx, "the answer to an order create was lost; looking for the order", map[string]any{"error": err.Error()})
		found, lookupErr := c.findCreatedOrderRetrying(ctx, req, started)
		if lookupErr != nil {
			return nil, fmt.Errorf("%w; looking for the order it may have created also failed: %w", err, lookupErr)
		}
		if found != nil {
			tflog.Info(ctx, "found the order whose create answer was lost", map[string]any{"order_uuid": found.UUID})
			return found, nil
		}
		if attempt >= maxCreateAttempts {
			return nil, err
		}
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return nil, err
		}
	}
}

// maxLookupAttempts bounds the lookups for the order of a lost answer. A
// lookup is a read and safe to repeat; giving up after one failed lookup
// (e.g. a 500, which the HTTP layer does not retry) would leave an order
// that exists but is tracked nowhere, and the next apply would order again.
const maxLookupAttempts = 3

// errAmbiguousOrder: more than one order matches; looking again cannot help.
var errAmbiguousOrder = errors.New("cannot tell which order the request created")

// findCreatedOrderRetrying is findCreatedOrder, tried again after a failed
// lookup.
func (c *Client) findCreatedOrderRetrying(ctx context.Context, req OrderCreateRequest, since time.Time) (*Order, error) {
	for attempt := 1; ; attempt++ {
		found, err := c.findCreatedOrder(ctx, req, since)
		if err == nil || errors.Is(err, errAmbiguousOrder) || attempt >= maxLookupAttempts {
			return found, err
		}
		tflog.Warn(ctx, "looking for the order of a lost answer failed; looking again", map[string]any{"error": err.Error()})
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return nil, err
		}
	}
}

// findCreatedOrder looks for an order that the request may have created.
// It refuses to guess between two candidates.
func (c *Client) findCreatedOrder(ctx context.Context, req OrderCreateRequest, since time.Time) (*Order, error) {
	projectUUID, err := ParseRef(RefProject, req.Project)
	if err != nil {
		return nil, err
	}
	offeringUUID, err := ParseRef(RefOffering, req.Offering)
	if err != nil {
		return nil, err
	}
	orders, err := c.ListOrders(ctx, OrderListFilter{
		ProjectUUID:  projectUUID,
		OfferingUUID: offeringUUID,
		CreatedAfter: since.Add(-createLookBack).UTC().Format(time.RFC3339),
		Ordering:     "-created",
	})
	if err != nil {
		return nil, err
	}
	var matches []Order
	for _, o := range orders {
		if orderMatchesRequest(o, req) {
			matches = append(matches, o)
		}
	}
	switch len(matches) {
	case 0:
		return nil, nil
	case 1:
		return &matches[0], nil
	}
	uuids := make([]string, len(matches))
	for i, m := range matches {
		uuids[i] = m.UUID
	}
	return nil, fmt.Errorf("%d recent orders match this request (%s); %w: check them in Waldur and import the right one with `terraform import`",
		len(matches), strings.Join(uuids, ", "), errAmbiguousOrder)
}

func orderMatchesRequest(o Order, req OrderCreateRequest) bool {
	wantType := req.Type
	if wantType == "" {
		wantType = "Create"
	}
	if o.Type != wantType {
		return false
	}
	if req.Plan != "" {
		if o.Plan == nil || !SameRef(RefPlan, req.Plan, *o.Plan) {
			return false
		}
	} else if o.Plan != nil && *o.Plan != "" {
		return false
	}
	if !jsonEqual(req.Attributes, o.Attributes) {
		return false
	}
	return len(req.Limits) == len(o.Limits) && (len(req.Limits) == 0 || reflect.DeepEqual(req.Limits, o.Limits))
}

// jsonEqual compares two JSON documents by value; null and absent are equal.
func jsonEqual(a, b json.RawMessage) bool {
	var va, vb any
	if len(bytes.TrimSpace(a)) > 0 {
		if json.Unmarshal(a, &va) != nil {
			return false
		}
	}
	if len(bytes.TrimSpace(b)) > 0 {
		if json.Unmarshal(b, &vb) != nil {
			return false
		}
	}
	return reflect.DeepEqual(va, vb)
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
	_, err = c.api.Do(ctx, apiclient.Request{
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

// GetOrderOffering returns the offering of an order, with its plans,
// components and the options schema of its attributes.
func (c *Client) GetOrderOffering(ctx context.Context, uuid string) (*Offering, error) {
	var o Offering
	if _, err := c.do(ctx, http.MethodGet, orderPath(uuid, "offering"), nil, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// action posts to an order action endpoint. Order actions are state
// transitions: repeating one that already happened fails with a clear
// state error instead of acting twice.
func (c *Client) action(ctx context.Context, uuid, name string, body any) error {
	_, err := c.do(ctx, http.MethodPost, orderPath(uuid, name), body, nil)
	return err
}
