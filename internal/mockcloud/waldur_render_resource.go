package mockcloud

import (
	"encoding/json"
)

// The Resource view (Waldur's marketplace resource serializer).

type resourceView struct {
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
	URL                   string          `json:"url"`
	Scope                 *string         `json:"scope"`
	Description           string          `json:"description"`
	State                 string          `json:"state"`
	ResourceUUID          *string         `json:"resource_uuid"`
	BackendID             string          `json:"backend_id"`
	EffectiveID           string          `json:"effective_id"`
	ResourceType          *string         `json:"resource_type"`
	Project               string          `json:"project"`
	ProjectUUID           string          `json:"project_uuid"`
	ProjectName           string          `json:"project_name"`
	ProjectDescription    string          `json:"project_description"`
	ProjectEndDate        *string         `json:"project_end_date"`
	CustomerUUID          string          `json:"customer_uuid"`
	CustomerName          string          `json:"customer_name"`
	OfferingSlug          string          `json:"offering_slug"`
	IsUsageBased          bool            `json:"is_usage_based"`
	IsLimitBased          bool            `json:"is_limit_based"`
	Name                  string          `json:"name"`
	Slug                  string          `json:"slug"`
	CurrentUsages         map[string]int  `json:"current_usages"`
	CanTerminate          bool            `json:"can_terminate"`
	EndDate               *string         `json:"end_date"`
	EndDateRequestedBy    *string         `json:"end_date_requested_by"`
	Username              *string         `json:"username"`
	LimitUsage            map[string]any  `json:"limit_usage"`
	Downscaled            bool            `json:"downscaled"`
	RestrictMemberAccess  bool            `json:"restrict_member_access"`
	Paused                bool            `json:"paused"`
	Endpoints             []any           `json:"endpoints"`
	ErrorMessage          string          `json:"error_message"`
	ErrorTraceback        string          `json:"error_traceback"`
	Options               any             `json:"options"`
	AvailableActions      []string        `json:"available_actions"`
	LastSync              string          `json:"last_sync"`
	OrderInProgress       *orderView      `json:"order_in_progress"`
	CreationOrder         *orderView      `json:"creation_order"`
	ProjectSlug           string          `json:"project_slug"`
	CustomerSlug          string          `json:"customer_slug"`
	UserRequiresReconsent bool            `json:"user_requires_reconsent"`
	RenewalDate           *string         `json:"renewal_date"`
	OfferingState         string          `json:"offering_state"`
	OfferingComponents    []componentView `json:"offering_components"`
}

func (w *Waldur) resourceView(c *call, res *resourceRec) resourceView {
	off := w.db.Offerings[res.OfferingUUID]
	if off == nil {
		off = &offeringRec{UUID: res.OfferingUUID}
	}
	provider := w.db.Customers[off.CustomerUUID]
	if provider == nil {
		provider = &customerRec{UUID: off.CustomerUUID}
	}
	project := w.db.Projects[res.ProjectUUID]
	if project == nil {
		project = &projectRec{UUID: res.ProjectUUID}
	}
	customer := w.db.Customers[project.CustomerUUID]
	if customer == nil {
		customer = &customerRec{UUID: project.CustomerUUID}
	}
	open := w.openOrderFor(res.UUID)
	v := resourceView{
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
		Attributes:            res.Attributes,
		Limits:                res.Limits,
		UUID:                  res.UUID,
		Created:               waldurTime(res.Created),
		Modified:              waldurTime(res.Modified),
		URL:                   c.link("/api/marketplace-resources/%s/", res.UUID),
		State:                 res.State,
		ResourceUUID:          nullIfEmpty(res.BackendUUID),
		BackendID:             res.BackendID,
		Project:               c.link("/api/projects/%s/", project.UUID),
		ProjectUUID:           project.UUID,
		ProjectName:           project.Name,
		ProjectDescription:    project.Description,
		CustomerUUID:          customer.UUID,
		CustomerName:          customer.Name,
		OfferingSlug:          off.Slug,
		IsLimitBased:          hasLimitComponents(off),
		Name:                  res.Name,
		Slug:                  res.Slug,
		CurrentUsages:         map[string]int{},
		CanTerminate:          open == nil && (res.State == ResourceOK || res.State == ResourceErred),
		LimitUsage:            map[string]any{},
		Endpoints:             []any{},
		ErrorMessage:          res.ErrorMessage,
		ErrorTraceback:        res.ErrorTraceback,
		AvailableActions:      []string{},
		LastSync:              waldurTime(res.Modified),
		ProjectSlug:           project.Slug,
		CustomerSlug:          customer.Slug,
		OfferingState:         "Active",
		OfferingComponents:    componentViews(off),
	}
	if v.Attributes == nil {
		v.Attributes = json.RawMessage("{}")
	}
	if v.Limits == nil {
		v.Limits = map[string]int{}
	}
	if res.BackendUUID != "" {
		v.ResourceType = ptr(off.Type)
	}
	if p := w.db.Plans[res.PlanUUID]; p != nil {
		v.Plan = ptr(c.link("/api/marketplace-public-offerings/%s/plans/%s/", p.OfferingUUID, p.UUID))
		v.PlanUnit, v.PlanName, v.PlanUUID, v.PlanDescription = &p.Unit, &p.Name, &p.UUID, &p.Description
	}
	if open == nil {
		switch res.State {
		case ResourceOK:
			v.AvailableActions = []string{"terminate", "switch_plan", "update_limits"}
		case ResourceErred:
			v.AvailableActions = []string{"terminate"}
		}
	} else {
		ov := w.orderView(c, open, false)
		v.OrderInProgress = &ov
	}
	if co := w.db.Orders[res.CreationOrderUUID]; co != nil {
		ov := w.orderView(c, co, false)
		v.CreationOrder = &ov
	}
	return v
}

func hasLimitComponents(o *offeringRec) bool {
	for _, c := range o.Components {
		if c.BillingType == "limit" {
			return true
		}
	}
	return false
}
