package waldur

import "encoding/json"

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

// Marketplace resource states, from Waldur's ResourceState enum.
const (
	ResourceCreating    = "Creating"
	ResourceOK          = "OK"
	ResourceErred       = "Erred"
	ResourceUpdating    = "Updating"
	ResourceTerminating = "Terminating"
	ResourceTerminated  = "Terminated"
)

// baseItem holds the fields Waldur's orders and marketplace resources share
// (its BaseItemSerializer): what was ordered, where, and the item's
// attributes and limits. It is embedded so both decode the same way.
type baseItem struct {
	UUID         string           `json:"uuid"`
	URL          string           `json:"url"`
	Offering     string           `json:"offering"`
	OfferingUUID string           `json:"offering_uuid"`
	OfferingName string           `json:"offering_name"`
	OfferingType string           `json:"offering_type"`
	Plan         *string          `json:"plan"`
	PlanUUID     *string          `json:"plan_uuid"`
	PlanName     *string          `json:"plan_name"`
	Project      string           `json:"project"`
	ProjectUUID  string           `json:"project_uuid"`
	ProjectName  string           `json:"project_name"`
	CustomerUUID string           `json:"customer_uuid"`
	Attributes   json.RawMessage  `json:"attributes"`
	Limits       map[string]int64 `json:"limits"`
	ResourceUUID *string          `json:"resource_uuid"`
	BackendID    string           `json:"backend_id"`
	Created      string           `json:"created"`
	Modified     string           `json:"modified"`
}

// Order is Waldur's OrderDetails. Nullable fields are pointers so that a
// missing value is not confused with an empty one; decimals stay strings as
// the API sends them ("0.0000000000", "0E-10").
type Order struct {
	baseItem
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

	// CreateWarning is set by CreateOrder when the answer to the create
	// was lost and the order was adopted without certainty; callers show
	// it to the user. Not part of the API.
	CreateWarning string `json:"-"`
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
	ProjectUUID  string
	OfferingUUID string
	CustomerUUID string
	ProviderUUID string
	ResourceUUID string
	States       []string
	Types        []string
	CreatedAfter string // RFC 3339
	Query        string
	Ordering     string // e.g. "-created"
}

// OrderErrorDetails is the body of set_state_erred and reject_by_consumer.
type OrderErrorDetails struct {
	ErrorMessage   string `json:"error_message,omitempty"`
	ErrorTraceback string `json:"error_traceback,omitempty"`
}

// OrderUUID is the answer of the resource actions that place an order.
type OrderUUID struct {
	OrderUUID string `json:"order_uuid"`
}

// MarketplaceResource is Waldur's Resource (marketplace resource).
type MarketplaceResource struct {
	baseItem
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
	ProjectUUID  string
	OfferingUUID string
	CustomerUUID string
	States       []string
	Name         string // substring, case-insensitive
	NameExact    string
	Query        string
}

// ResourceStates lists every marketplace resource state, for validators and docs.
var ResourceStates = []string{
	ResourceCreating, ResourceOK, ResourceErred, ResourceUpdating, ResourceTerminating, ResourceTerminated,
}

// Offering is the part of Waldur's PublicOfferingDetails the provider uses.
type Offering struct {
	UUID         string              `json:"uuid"`
	URL          string              `json:"url"`
	Name         string              `json:"name"`
	Description  string              `json:"description"`
	Type         string              `json:"type"`
	State        string              `json:"state"`
	CustomerUUID string              `json:"customer_uuid"`
	CustomerName string              `json:"customer_name"`
	Shared       bool                `json:"shared"`
	Billable     bool                `json:"billable"`
	Options      json.RawMessage     `json:"options"`
	Plans        []OfferingPlan      `json:"plans"`
	Components   []OfferingComponent `json:"components"`
}

// OfferingPlan is a plan of an offering.
type OfferingPlan struct {
	UUID        string `json:"uuid"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Unit        string `json:"unit"`
	UnitPrice   string `json:"unit_price"`
	Archived    bool   `json:"archived"`
}

// OfferingComponent is a measured component of an offering.
type OfferingComponent struct {
	Type         string `json:"type"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	BillingType  string `json:"billing_type"`
	MeasuredUnit string `json:"measured_unit"`
}
