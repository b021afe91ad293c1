package waldur

// Views of the catalog: offerings, their components, plans and options
// schema, and projects.

type componentView struct {
	UUID               string  `json:"uuid"`
	BillingType        string  `json:"billing_type"`
	Type               string  `json:"type"`
	Name               string  `json:"name"`
	Description        string  `json:"description"`
	MeasuredUnit       string  `json:"measured_unit"`
	UnitFactor         int     `json:"unit_factor"`
	LimitPeriod        *string `json:"limit_period"`
	LimitAmount        *int    `json:"limit_amount"`
	ArticleCode        string  `json:"article_code"`
	MaxValue           *int    `json:"max_value"`
	MinValue           *int    `json:"min_value"`
	MaxAvailableLimit  *int    `json:"max_available_limit"`
	IsBoolean          bool    `json:"is_boolean"`
	DefaultLimit       *int    `json:"default_limit"`
	Factor             *int    `json:"factor"`
	IsBuiltin          bool    `json:"is_builtin"`
	IsPrepaid          bool    `json:"is_prepaid"`
	OverageComponent   *string `json:"overage_component"`
	MinPrepaidDuration *int    `json:"min_prepaid_duration"`
	MaxPrepaidDuration *int    `json:"max_prepaid_duration"`
}

func componentViews(o *offeringRec) []componentView {
	out := []componentView{}
	for _, c := range o.Components {
		out = append(out, componentView{
			UUID: c.UUID, BillingType: c.BillingType, Type: c.Type, Name: c.Name,
			Description: c.Description, MeasuredUnit: c.MeasuredUnit, UnitFactor: 1,
			MaxValue: c.MaxValue, MinValue: c.MinValue, DefaultLimit: c.DefaultLimit, Factor: ptr(1),
		})
	}
	return out
}

type planView struct {
	URL                string         `json:"url"`
	UUID               string         `json:"uuid"`
	Name               string         `json:"name"`
	Description        string         `json:"description"`
	ArticleCode        string         `json:"article_code"`
	MaxAmount          *int           `json:"max_amount"`
	Archived           bool           `json:"archived"`
	IsActive           bool           `json:"is_active"`
	UnitPrice          string         `json:"unit_price"`
	Unit               string         `json:"unit"`
	InitPrice          float64        `json:"init_price"`
	SwitchPrice        float64        `json:"switch_price"`
	BackendID          string         `json:"backend_id"`
	OrganizationGroups []any          `json:"organization_groups"`
	Components         []any          `json:"components"`
	Prices             map[string]any `json:"prices"`
	FuturePrices       map[string]any `json:"future_prices"`
	Quotas             map[string]any `json:"quotas"`
	ResourcesCount     int            `json:"resources_count"`
	PlanType           string         `json:"plan_type"`
	MinimalPrice       float64        `json:"minimal_price"`
}

func (w *Waldur) planView(c *call, p *planRec) planView {
	count := 0
	for _, r := range w.db.Resources {
		if r.PlanUUID == p.UUID && r.State != ResourceTerminated {
			count++
		}
	}
	return planView{
		URL:                c.link("/api/marketplace-public-offerings/%s/plans/%s/", p.OfferingUUID, p.UUID),
		UUID:               p.UUID,
		Name:               p.Name,
		Description:        p.Description,
		IsActive:           true,
		UnitPrice:          decimalString(p.UnitPrice, 7), // Waldur's plan price has 7 places
		Unit:               p.Unit,
		OrganizationGroups: []any{},
		Components:         []any{},
		Prices:             map[string]any{},
		FuturePrices:       map[string]any{},
		Quotas:             map[string]any{},
		ResourcesCount:     count,
		PlanType:           "fixed",
		MinimalPrice:       decimalFloat(p.UnitPrice),
	}
}

// optionsView is Waldur's OfferingOptions: the attribute schema of an offering.
type optionsView struct {
	Order   []string                   `json:"order"`
	Options map[string]optionFieldView `json:"options"`
}

type optionFieldView struct {
	Type     string   `json:"type"`
	Label    string   `json:"label"`
	HelpText string   `json:"help_text,omitempty"`
	Required bool     `json:"required"`
	Choices  []string `json:"choices,omitempty"`
	Default  string   `json:"default,omitempty"`
	Min      *int     `json:"min,omitempty"`
	Max      *int     `json:"max,omitempty"`
}

func optionsOf(specs []OptionSpec) optionsView {
	v := optionsView{Order: []string{}, Options: map[string]optionFieldView{}}
	for _, s := range specs {
		v.Order = append(v.Order, s.Name)
		v.Options[s.Name] = optionFieldView{
			Type: s.Type, Label: s.Label, HelpText: s.HelpText, Required: s.Required,
			Choices: s.Choices, Default: s.Default, Min: s.Min, Max: s.Max,
		}
	}
	return v
}

type offeringView struct {
	URL                       string          `json:"url"`
	UUID                      string          `json:"uuid"`
	Created                   string          `json:"created"`
	Name                      string          `json:"name"`
	Slug                      string          `json:"slug"`
	Description               string          `json:"description"`
	FullDescription           string          `json:"full_description"`
	PrivacyPolicyLink         string          `json:"privacy_policy_link"`
	AccessURL                 string          `json:"access_url"`
	Endpoints                 []any           `json:"endpoints"`
	SoftwareCatalogs          []any           `json:"software_catalogs"`
	Partitions                []any           `json:"partitions"`
	Roles                     []any           `json:"roles"`
	Customer                  *string         `json:"customer"`
	CustomerUUID              *string         `json:"customer_uuid"`
	CustomerName              *string         `json:"customer_name"`
	Project                   *string         `json:"project"`
	ProjectUUID               *string         `json:"project_uuid"`
	ProjectName               *string         `json:"project_name"`
	Category                  string          `json:"category"`
	CategoryUUID              string          `json:"category_uuid"`
	CategoryTitle             string          `json:"category_title"`
	Attributes                map[string]any  `json:"attributes"`
	Options                   optionsView     `json:"options"`
	ResourceOptions           optionsView     `json:"resource_options"`
	Components                []componentView `json:"components"`
	PluginOptions             map[string]any  `json:"plugin_options"`
	State                     string          `json:"state"`
	VendorDetails             string          `json:"vendor_details"`
	GettingStarted            string          `json:"getting_started"`
	IntegrationGuide          string          `json:"integration_guide"`
	Thumbnail                 *string         `json:"thumbnail"`
	OrderCount                int             `json:"order_count"`
	Plans                     []planView      `json:"plans"`
	Screenshots               []any           `json:"screenshots"`
	Type                      string          `json:"type"`
	Shared                    bool            `json:"shared"`
	Billable                  bool            `json:"billable"`
	ScopeUUID                 *string         `json:"scope_uuid"`
	ScopeName                 *string         `json:"scope_name"`
	ScopeState                *string         `json:"scope_state"`
	ScopeErrorMessage         *string         `json:"scope_error_message"`
	Files                     []any           `json:"files"`
	Quotas                    []any           `json:"quotas"`
	PausedReason              string          `json:"paused_reason"`
	DataciteDOI               string          `json:"datacite_doi"`
	CitationCount             int             `json:"citation_count"`
	Latitude                  *float64        `json:"latitude"`
	Longitude                 *float64        `json:"longitude"`
	Country                   string          `json:"country"`
	BackendID                 string          `json:"backend_id"`
	OrganizationGroups        []any           `json:"organization_groups"`
	Tags                      []any           `json:"tags"`
	Image                     *string         `json:"image"`
	TotalCustomers            *int            `json:"total_customers"`
	TotalCost                 *int            `json:"total_cost"`
	TotalCostEstimated        *int            `json:"total_cost_estimated"`
	ParentDescription         *string         `json:"parent_description"`
	ParentUUID                *string         `json:"parent_uuid"`
	ParentName                *string         `json:"parent_name"`
	BackendMetadata           map[string]any  `json:"backend_metadata"`
	HasComplianceRequirements bool            `json:"has_compliance_requirements"`
	BillingTypeClassification string          `json:"billing_type_classification"`
	ComplianceChecklist       *string         `json:"compliance_checklist"`
	UserHasConsent            bool            `json:"user_has_consent"`
	IsAccessible              bool            `json:"is_accessible"`
	GoogleCalendarIsPublic    *bool           `json:"google_calendar_is_public"`
	GoogleCalendarLink        *string         `json:"google_calendar_link"`
	PromotionCampaigns        []any           `json:"promotion_campaigns"`
}

func (w *Waldur) offeringView(c *call, o *offeringRec) offeringView {
	v := offeringView{
		URL:                       c.link("/api/marketplace-public-offerings/%s/", o.UUID),
		UUID:                      o.UUID,
		Created:                   waldurTime(o.Created),
		Name:                      o.Name,
		Slug:                      o.Slug,
		Description:               o.Description,
		Endpoints:                 []any{},
		SoftwareCatalogs:          []any{},
		Partitions:                []any{},
		Roles:                     []any{},
		Category:                  c.link("/api/marketplace-categories/%s/", o.CategoryUUID),
		CategoryUUID:              o.CategoryUUID,
		CategoryTitle:             o.CategoryTitle,
		Attributes:                map[string]any{},
		Options:                   optionsOf(o.Options),
		ResourceOptions:           optionsOf(nil),
		Components:                componentViews(o),
		PluginOptions:             map[string]any{},
		State:                     "Active",
		Plans:                     []planView{},
		Screenshots:               []any{},
		Type:                      o.Type,
		Shared:                    true,
		Billable:                  true,
		Files:                     []any{},
		Quotas:                    []any{},
		OrganizationGroups:        []any{},
		Tags:                      []any{},
		BackendMetadata:           map[string]any{},
		BillingTypeClassification: "fixed",
		UserHasConsent:            true,
		IsAccessible:              true,
		PromotionCampaigns:        []any{},
	}
	if cu := w.db.Customers[o.CustomerUUID]; cu != nil {
		v.Customer = ptr(c.link("/api/customers/%s/", cu.UUID))
		v.CustomerUUID, v.CustomerName = &cu.UUID, &cu.Name
	}
	for _, id := range o.PlanUUIDs {
		if p := w.db.Plans[id]; p != nil {
			v.Plans = append(v.Plans, w.planView(c, p))
		}
	}
	for _, ord := range w.db.Orders {
		if ord.OfferingUUID == o.UUID {
			v.OrderCount++
		}
	}
	return v
}

type projectView struct {
	URL                                  string            `json:"url"`
	UUID                                 string            `json:"uuid"`
	Name                                 string            `json:"name"`
	Slug                                 string            `json:"slug"`
	Customer                             string            `json:"customer"`
	CustomerUUID                         string            `json:"customer_uuid"`
	CustomerName                         string            `json:"customer_name"`
	CustomerSlug                         string            `json:"customer_slug"`
	CustomerNativeName                   string            `json:"customer_native_name"`
	CustomerAbbreviation                 string            `json:"customer_abbreviation"`
	Description                          string            `json:"description"`
	CustomerDisplayBillingInfoInProjects bool              `json:"customer_display_billing_info_in_projects"`
	Created                              string            `json:"created"`
	Type                                 *string           `json:"type"`
	TypeName                             *string           `json:"type_name"`
	TypeUUID                             *string           `json:"type_uuid"`
	BackendID                            string            `json:"backend_id"`
	StartDate                            *string           `json:"start_date"`
	EndDate                              *string           `json:"end_date"`
	EndDateRequestedBy                   *string           `json:"end_date_requested_by"`
	OecdFos2007Code                      *string           `json:"oecd_fos_2007_code"`
	OecdFos2007Label                     string            `json:"oecd_fos_2007_label"`
	IsIndustry                           bool              `json:"is_industry"`
	Image                                *string           `json:"image"`
	ResourcesCount                       int               `json:"resources_count"`
	MaxServiceAccounts                   *int              `json:"max_service_accounts"`
	Kind                                 string            `json:"kind"`
	IsRemoved                            bool              `json:"is_removed"`
	TerminationMetadata                  any               `json:"termination_metadata"`
	StaffNotes                           string            `json:"staff_notes"`
	GracePeriodDays                      *int              `json:"grace_period_days"`
	UserEmailPatterns                    []any             `json:"user_email_patterns"`
	UserAffiliations                     []any             `json:"user_affiliations"`
	UserIdentitySources                  []any             `json:"user_identity_sources"`
	ProjectCredit                        *float64          `json:"project_credit"`
	MarketplaceResourceCount             map[string]int    `json:"marketplace_resource_count"`
	BillingPriceEstimate                 map[string]string `json:"billing_price_estimate"`
}

func (w *Waldur) projectView(c *call, p *projectRec) projectView {
	cu := recordOr(w.db.Customers, p.CustomerUUID, &customerRec{UUID: p.CustomerUUID})
	v := projectView{
		URL:                      c.link("/api/projects/%s/", p.UUID),
		UUID:                     p.UUID,
		Name:                     p.Name,
		Slug:                     p.Slug,
		Customer:                 c.link("/api/customers/%s/", cu.UUID),
		CustomerUUID:             cu.UUID,
		CustomerName:             cu.Name,
		CustomerSlug:             cu.Slug,
		Description:              p.Description,
		Created:                  waldurTime(p.Created),
		Kind:                     "default",
		UserEmailPatterns:        []any{},
		UserAffiliations:         []any{},
		UserIdentitySources:      []any{},
		MarketplaceResourceCount: map[string]int{},
		BillingPriceEstimate:     map[string]string{"total": "0.00", "current": "0.00", "tax": "0.00", "tax_current": "0.00"},
	}
	for _, r := range w.db.Resources {
		if r.ProjectUUID == p.UUID && r.State != ResourceTerminated {
			v.ResourcesCount++
			if off := w.db.Offerings[r.OfferingUUID]; off != nil {
				v.MarketplaceResourceCount[off.CategoryUUID]++
			}
		}
	}
	return v
}
