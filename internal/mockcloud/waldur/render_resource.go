package waldur

// The Resource view (Waldur's marketplace resource serializer).

type resourceView struct {
	baseItemView
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
	off := recordOr(w.db.Offerings, res.OfferingUUID, &offeringRec{UUID: res.OfferingUUID})
	project := recordOr(w.db.Projects, res.ProjectUUID, &projectRec{UUID: res.ProjectUUID})
	customer := recordOr(w.db.Customers, project.CustomerUUID, &customerRec{UUID: project.CustomerUUID})
	open := w.openOrderFor(res.UUID)
	v := resourceView{
		baseItemView: w.baseItem(c, item{
			uuid: res.UUID, offering: off, planUUID: res.PlanUUID, attributes: res.Attributes, limits: res.Limits,
			created: res.Created, modified: res.Modified,
		}),
		URL:                c.link("/api/marketplace-resources/%s/", res.UUID),
		State:              res.State,
		ResourceUUID:       nullIfEmpty(res.BackendUUID),
		BackendID:          res.BackendID,
		Project:            c.link("/api/projects/%s/", project.UUID),
		ProjectUUID:        project.UUID,
		ProjectName:        project.Name,
		ProjectDescription: project.Description,
		CustomerUUID:       customer.UUID,
		CustomerName:       customer.Name,
		OfferingSlug:       off.Slug,
		IsLimitBased:       hasLimitComponents(off),
		Name:               res.Name,
		Slug:               res.Slug,
		CurrentUsages:      map[string]int{},
		CanTerminate:       open == nil && (res.State == ResourceOK || res.State == ResourceErred),
		LimitUsage:         map[string]any{},
		Endpoints:          endpointViews(res.Endpoints),
		ErrorMessage:       res.ErrorMessage,
		ErrorTraceback:     res.ErrorTraceback,
		AvailableActions:   []string{},
		LastSync:           waldurTime(res.Modified),
		ProjectSlug:        project.Slug,
		CustomerSlug:       customer.Slug,
		OfferingState:      "Active",
		OfferingComponents: componentViews(off),
	}
	if res.BackendUUID != "" {
		v.ResourceType = ptr(off.Type)
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

// endpointViews renders endpoints; Waldur answers [] for none.
func endpointViews(eps []endpointRec) []any {
	out := make([]any, 0, len(eps))
	for _, e := range eps {
		out = append(out, e)
	}
	return out
}
