package awanio

// API objects as Awanio sends them. Only the fields the provider uses are
// declared; numbers and booleans use the lenient types of lenient.go
// because the API's examples show them as strings now and then.

// LoginUser is data of POST accounts/login.
type LoginUser struct {
	ID        Int    `json:"id"`
	UUID      string `json:"uuid"`
	Username  string `json:"username"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	CreatedAt String `json:"created_at"`
	LastLogin String `json:"last_login"`
	// Token is the JWT. It is never logged (apiclient masks "token" keys)
	// and never stored in Terraform state.
	Token string `json:"token"`
}

// UserRef is a user as member lists and other objects embed it.
type UserRef struct {
	UUID     string `json:"uuid"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Status   String `json:"status"`
}

// Organization is an Awanio organization: the billing owner of projects
// and resources.
type Organization struct {
	UUID                   string                  `json:"uuid"`
	Name                   string                  `json:"name"`
	Slug                   String                  `json:"slug"`
	Icon                   String                  `json:"icon"`
	Balance                Float                   `json:"balance"`
	Discount               Float                   `json:"discount"`
	PaymentPlans           String                  `json:"payment_plans"`
	MonthlyAmountThreshold Float                   `json:"monthly_amount_threshold"`
	AccountPayable         Float                   `json:"account_payable"`
	TaxPercent             Float                   `json:"tax_percent"`
	MemberCount            Int                     `json:"member_count"`
	IsSuspend              Bool                    `json:"is_suspend"`
	OrganizationMember     *OrganizationMembership `json:"organization_member"`
	CreatedAt              String                  `json:"created_at"`
	UpdatedAt              String                  `json:"updated_at"`
}

// OrganizationMembership is the calling user's membership, embedded in an
// organization.
type OrganizationMembership struct {
	UserLevel Int  `json:"user_level"`
	IsDefault Bool `json:"is_default"`
}

// MemberLevel adds or changes a member: user_level 1 is admin, 2 member.
type MemberLevel struct {
	UserUUID  string `json:"user_uuid"`
	UserLevel int    `json:"user_level"`
}

// MemberRef names a member to remove.
type MemberRef struct {
	UserUUID string `json:"user_uuid"`
}

// Member levels.
const (
	LevelAdmin  = 1
	LevelMember = 2
)
