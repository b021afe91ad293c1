package waldur

import (
	"encoding/json"
	"math/big"
	"strconv"
	"time"
)

// JSON views of the store, field for field as Waldur's serializers answer
// (OrderDetails, Resource, PublicOfferingDetails, BasePublicPlan, Project in
// Waldur's OpenAPI). Fields the mock has no data for carry Waldur's empty
// values. Where the OpenAPI says "not nullable" but Waldur answers null (an
// offering without image, an order without plan) the mock answers null, as
// Waldur does.

// waldurTime formats like DRF: ISO 8601 in UTC with "Z", microseconds only
// when there are any (Python's isoformat).
func waldurTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

func waldurTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := waldurTime(*t)
	return &s
}

func ptr[T any](v T) *T { return &v }

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// decimalString formats a decimal with places digits, like Django's
// DecimalField; "" for an unparsable value.
func decimalString(s string, places int) string {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return ""
	}
	return r.FloatString(places)
}

func decimalFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// baseItemView is what Waldur's BaseItemSerializer gives both orders and
// marketplace resources: the offering with its provider and category, the
// plan, and the item's attributes, limits, UUID and timestamps. The views
// embed it, and encoding/json flattens its fields into theirs.
type baseItemView struct {
	Offering              string          `json:"offering"`
	OfferingName          string          `json:"offering_name"`
	OfferingUUID          string          `json:"offering_uuid"`
	OfferingDescription   string          `json:"offering_description"`
	OfferingImage         *string         `json:"offering_image"`
	OfferingThumbnail     *string         `json:"offering_thumbnail"`
	OfferingType          string          `json:"offering_type"`
	OfferingShared        bool            `json:"offering_shared"`
	OfferingBillable      bool            `json:"offering_billable"`
	OfferingPluginOptions map[string]any  `json:"offering_plugin_options"`
	ProviderName          string          `json:"provider_name"`
	ProviderUUID          string          `json:"provider_uuid"`
	ProviderSlug          string          `json:"provider_slug"`
	CategoryTitle         string          `json:"category_title"`
	CategoryUUID          string          `json:"category_uuid"`
	CategoryIcon          *string         `json:"category_icon"`
	Plan                  *string         `json:"plan"`
	PlanUnit              *string         `json:"plan_unit"`
	PlanName              *string         `json:"plan_name"`
	PlanUUID              *string         `json:"plan_uuid"`
	PlanDescription       *string         `json:"plan_description"`
	Attributes            json.RawMessage `json:"attributes"`
	Limits                map[string]int  `json:"limits"`
	UUID                  string          `json:"uuid"`
	Created               string          `json:"created"`
	Modified              string          `json:"modified"`
}

// item is what baseItem needs of an order or a resource record.
type item struct {
	uuid              string
	offering          *offeringRec
	planUUID          string
	attributes        json.RawMessage
	limits            map[string]int
	created, modified time.Time
}

// baseItem renders the fields orders and resources share. A missing plan
// leaves the plan fields null.
func (w *Waldur) baseItem(c *call, it item) baseItemView {
	off := it.offering
	provider := recordOr(w.db.Customers, off.CustomerUUID, &customerRec{UUID: off.CustomerUUID})
	v := baseItemView{
		Offering:              c.link("/api/marketplace-public-offerings/%s/", off.UUID),
		OfferingName:          off.Name,
		OfferingUUID:          off.UUID,
		OfferingDescription:   off.Description,
		OfferingType:          off.Type,
		OfferingShared:        true,
		OfferingBillable:      true,
		OfferingPluginOptions: map[string]any{},
		ProviderName:          provider.Name,
		ProviderUUID:          provider.UUID,
		ProviderSlug:          provider.Slug,
		CategoryTitle:         off.CategoryTitle,
		CategoryUUID:          off.CategoryUUID,
		Attributes:            it.attributes,
		Limits:                it.limits,
		UUID:                  it.uuid,
		Created:               waldurTime(it.created),
		Modified:              waldurTime(it.modified),
	}
	if v.Attributes == nil {
		v.Attributes = json.RawMessage("{}")
	}
	if v.Limits == nil {
		v.Limits = map[string]int{}
	}
	if p := w.db.Plans[it.planUUID]; p != nil {
		v.Plan = ptr(c.link("/api/marketplace-public-offerings/%s/plans/%s/", p.OfferingUUID, p.UUID))
		v.PlanUnit, v.PlanName, v.PlanUUID, v.PlanDescription = &p.Unit, &p.Name, &p.UUID, &p.Description
	}
	return v
}

// recordOr returns m[id], or else stub: a record deleted out of band renders
// as an empty one that keeps its UUID.
func recordOr[T any](m map[string]*T, id string, stub *T) *T {
	if r := m[id]; r != nil {
		return r
	}
	return stub
}

type orderView struct {
	baseItemView
	ResourceUUID               *string   `json:"resource_uuid"`
	ResourceType               *string   `json:"resource_type"`
	ResourceName               string    `json:"resource_name"`
	Cost                       *string   `json:"cost"`
	State                      string    `json:"state"`
	Output                     string    `json:"output"`
	MarketplaceResourceUUID    string    `json:"marketplace_resource_uuid"`
	ErrorMessage               string    `json:"error_message"`
	ErrorTraceback             string    `json:"error_traceback"`
	CallbackURL                *string   `json:"callback_url"`
	CompletedAt                *string   `json:"completed_at"`
	RequestComment             *string   `json:"request_comment"`
	Attachment                 *string   `json:"attachment"`
	Type                       string    `json:"type"`
	StartDate                  *string   `json:"start_date"`
	Slug                       string    `json:"slug"`
	URL                        string    `json:"url"`
	ConsumerReviewedBy         *string   `json:"consumer_reviewed_by"`
	ConsumerReviewedByFullName *string   `json:"consumer_reviewed_by_full_name"`
	ConsumerReviewedByUsername *string   `json:"consumer_reviewed_by_username"`
	ConsumerReviewedAt         *string   `json:"consumer_reviewed_at"`
	ProviderReviewedBy         *string   `json:"provider_reviewed_by"`
	ProviderReviewedByFullName *string   `json:"provider_reviewed_by_full_name"`
	ProviderReviewedByUsername *string   `json:"provider_reviewed_by_username"`
	ProviderReviewedAt         *string   `json:"provider_reviewed_at"`
	CreatedByUsername          string    `json:"created_by_username"`
	CreatedByFullName          string    `json:"created_by_full_name"`
	CreatedByCivilNumber       *string   `json:"created_by_civil_number"`
	CustomerName               string    `json:"customer_name"`
	CustomerUUID               string    `json:"customer_uuid"`
	CustomerSlug               string    `json:"customer_slug"`
	ProjectName                string    `json:"project_name"`
	ProjectUUID                string    `json:"project_uuid"`
	ProjectDescription         string    `json:"project_description"`
	ProjectSlug                string    `json:"project_slug"`
	OldPlanName                *string   `json:"old_plan_name"`
	NewPlanName                *string   `json:"new_plan_name"`
	OldPlanUUID                *string   `json:"old_plan_uuid"`
	NewPlanUUID                *string   `json:"new_plan_uuid"`
	OldCostEstimate            float64   `json:"old_cost_estimate"`
	NewCostEstimate            *string   `json:"new_cost_estimate"`
	CanTerminate               bool      `json:"can_terminate"`
	FixedPrice                 float64   `json:"fixed_price"`
	ActivationPrice            float64   `json:"activation_price"`
	TerminationComment         *string   `json:"termination_comment"`
	BackendID                  string    `json:"backend_id"`
	OrderSubtype               *string   `json:"order_subtype"`
	Issue                      *struct{} `json:"issue"`

	// Only in the answer to create (Waldur's OrderCreateSerializer).
	CreatedBy string `json:"created_by,omitempty"`
	Project   string `json:"project,omitempty"`
}

// orderView renders o. forCreate gives the create answer's variant, where
// the reviewers are user URLs and created_by and project are added.
func (w *Waldur) orderView(c *call, o *orderRec, forCreate bool) orderView {
	if o.State == OrderDone || o.State == OrderErred {
		w.seenFinal.Seen("waldur order", o.UUID, o.StateSince)
	}
	off := recordOr(w.db.Offerings, o.OfferingUUID, &offeringRec{UUID: o.OfferingUUID})
	project := recordOr(w.db.Projects, o.ProjectUUID, &projectRec{UUID: o.ProjectUUID})
	customer := recordOr(w.db.Customers, project.CustomerUUID, &customerRec{UUID: project.CustomerUUID})
	creator := recordOr(w.db.Users, o.CreatedBy, &userRec{UUID: o.CreatedBy})

	v := orderView{
		baseItemView: w.baseItem(c, item{
			uuid: o.UUID, offering: off, planUUID: o.PlanUUID, attributes: o.Attributes, limits: o.Limits,
			created: o.Created, modified: o.Modified,
		}),
		ResourceUUID:            nullIfEmpty(o.BackendResourceUUID),
		ResourceName:            w.orderResourceName(o),
		Cost:                    nullIfEmpty(o.Cost),
		State:                   o.State,
		Output:                  o.Output,
		MarketplaceResourceUUID: o.ResourceUUID,
		ErrorMessage:            o.ErrorMessage,
		ErrorTraceback:          o.ErrorTraceback,
		CallbackURL:             o.CallbackURL,
		CompletedAt:             waldurTimePtr(o.CompletedAt),
		RequestComment:          o.RequestComment,
		Type:                    o.Type,
		StartDate:               nullIfEmpty(o.StartDate),
		Slug:                    o.Slug,
		URL:                     c.link("/api/marketplace-orders/%s/", o.UUID),
		CreatedByUsername:       creator.Username,
		CreatedByFullName:       creator.FullName,
		CustomerName:            customer.Name,
		CustomerUUID:            customer.UUID,
		CustomerSlug:            customer.Slug,
		ProjectName:             project.Name,
		ProjectUUID:             project.UUID,
		ProjectDescription:      project.Description,
		ProjectSlug:             project.Slug,
		NewCostEstimate:         nullIfEmpty(o.Cost),
		CanTerminate:            !isFinalOrderState(o.State),
		BackendID:               o.BackendID,
		Attachment:              attachmentURL(c, o.Attachment),
	}
	if o.BackendResourceUUID != "" {
		v.ResourceType = ptr(off.Type)
	}
	if p := w.db.Plans[o.PlanUUID]; p != nil {
		v.FixedPrice = decimalFloat(p.UnitPrice)
	}
	if o.OldPlanUUID != "" {
		if old := w.db.Plans[o.OldPlanUUID]; old != nil {
			v.OldPlanName, v.OldPlanUUID = &old.Name, &old.UUID
			v.OldCostEstimate = decimalFloat(old.UnitPrice)
		}
		if p := w.db.Plans[o.PlanUUID]; p != nil {
			v.NewPlanName, v.NewPlanUUID = &p.Name, &p.UUID
		}
	}
	if r := w.db.Users[o.ConsumerReviewedBy]; r != nil {
		v.ConsumerReviewedBy = ptr(r.Username)
		if forCreate {
			v.ConsumerReviewedBy = ptr(c.link("/api/users/%s/", r.UUID))
		}
		v.ConsumerReviewedByFullName, v.ConsumerReviewedByUsername = &r.FullName, &r.Username
		v.ConsumerReviewedAt = waldurTimePtr(o.ConsumerReviewedAt)
	}
	if r := w.db.Users[o.ProviderReviewedBy]; r != nil {
		v.ProviderReviewedBy = ptr(r.Username)
		v.ProviderReviewedByFullName, v.ProviderReviewedByUsername = &r.FullName, &r.Username
		v.ProviderReviewedAt = waldurTimePtr(o.ProviderReviewedAt)
	}
	if forCreate {
		v.CreatedBy = c.link("/api/users/%s/", creator.UUID)
		v.Project = c.link("/api/projects/%s/", project.UUID)
	}
	return v
}

// orderResourceName is the name the order's resource has or will have.
func (w *Waldur) orderResourceName(o *orderRec) string {
	if res := w.db.Resources[o.ResourceUUID]; res != nil {
		return res.Name
	}
	return attributeName(o.Attributes)
}

// attributeName is attributes.name: Waldur names resources after it.
func attributeName(attrs json.RawMessage) string {
	var a struct {
		Name any `json:"name"`
	}
	if json.Unmarshal(attrs, &a) != nil {
		return ""
	}
	if s, ok := a.Name.(string); ok {
		return s
	}
	return ""
}
