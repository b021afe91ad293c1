package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
)

// OrganizationCreateRequest is the body of POST organizations.
type OrganizationCreateRequest struct {
	Name string `json:"name"`
	// Icon is a base64-encoded image.
	Icon    string        `json:"icon,omitempty"`
	Members []MemberLevel `json:"organization_members,omitempty"`
}

// OrganizationUpdateRequest is the body of PUT organizations/{uuid}.
type OrganizationUpdateRequest struct {
	Name string `json:"name,omitempty"`
	Icon string `json:"icon,omitempty"`
}

// OrganizationMember is an element of an organization's member list.
type OrganizationMember struct {
	UserID    Int     `json:"user_id"`
	User      UserRef `json:"users"`
	UserLevel Int     `json:"user_level"`
	IsDefault Bool    `json:"is_default"`
	CreatedAt String  `json:"created_at"`
	UpdatedAt String  `json:"updated_at"`
}

// OrganizationMembersChange is the body of PUT organizations/{uuid}/members:
// members to add, to change the level of, and to remove, in one call.
type OrganizationMembersChange struct {
	Added   []MemberLevel `json:"organization_members_added,omitempty"`
	Updated []MemberLevel `json:"organization_members_updated,omitempty"`
	Deleted []MemberRef   `json:"organization_members_deleted,omitempty"`
}

// MembershipDetail is what the member endpoints and "set default" answer:
// one user's membership of an organization.
type MembershipDetail struct {
	User           UserRef       `json:"users"`
	Organization   *Organization `json:"organization"`
	UserLevel      Int           `json:"user_level"`
	IsDefault      Bool          `json:"is_default"`
	PrimaryProject *struct {
		UUID string `json:"uuid"`
		Name string `json:"name"`
	} `json:"primary_project"`
}

func orgUUID(o *Organization) string { return o.UUID }

// CreateOrganization creates an organization owned by the calling user.
// A POST whose answer was lost is not sent twice (see createOnce).
func (c *Client) CreateOrganization(ctx context.Context, req OrganizationCreateRequest) (*Organization, error) {
	f := finder[Organization]{
		what: "organization",
		list: func(ctx context.Context) ([]Organization, error) {
			all, err := c.ListOrganizations(ctx)
			return filter(all, func(o Organization) bool { return o.Name == req.Name }), err
		},
		id:      func(o Organization) string { return o.UUID },
		created: func(o Organization) String { return o.CreatedAt },
		log:     &c.creates,
		key:     []string{req.Name},
	}
	return createOnce(ctx, f, func(ctx context.Context) (*Organization, error) {
		// An answer without the organization is not documented; then it is
		// found by name, like projects.
		return sendOne(ctx, c, http.MethodPost, pathOrganizations, req, orgUUID)
	})
}

// ListOrganizations lists the organizations the calling user belongs to.
func (c *Client) ListOrganizations(ctx context.Context) ([]Organization, error) {
	return list[Organization](ctx, c, pathOrganizations, nil)
}

// GetOrganization reads one organization.
func (c *Client) GetOrganization(ctx context.Context, uuid string) (*Organization, error) {
	return getOne[Organization](ctx, c, expand(pathOrganization, "uuid", uuid))
}

// UpdateOrganization renames an organization or changes its icon.
func (c *Client) UpdateOrganization(ctx context.Context, uuid string, req OrganizationUpdateRequest) (*Organization, error) {
	org, err := sendOne(ctx, c, http.MethodPut, expand(pathOrganization, "uuid", uuid), req, orgUUID)
	if err != nil || org != nil {
		return org, err
	}
	return c.GetOrganization(ctx, uuid)
}

// DeleteOrganization deletes an organization (inferred endpoint).
func (c *Client) DeleteOrganization(ctx context.Context, uuid string) error {
	return c.del(ctx, expand(pathOrganization, "uuid", uuid))
}

// ListOrganizationMembers lists the members of an organization.
func (c *Client) ListOrganizationMembers(ctx context.Context, orgUUID string) ([]OrganizationMember, error) {
	return list[OrganizationMember](ctx, c, expand(pathOrganizationMembers, "uuid", orgUUID), nil)
}

// AddOrganizationMember adds a user to an organization at the API's
// default level.
func (c *Client) AddOrganizationMember(ctx context.Context, orgUUID, userUUID string) (*MembershipDetail, error) {
	var m MembershipDetail
	body := map[string]string{"member_uuid": userUUID}
	if _, err := c.post(ctx, expand(pathOrganizationMembers, "uuid", orgUUID), body, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// AddOrganizationMemberOnce adds the user to the organization without
// leaving a membership that no state tracks: when the answer is lost, the
// members are listed (again when that list fails) before the POST is sent
// again. A membership that existed before is not adopted: the POST then
// fails with the API's conflict.
func (c *Client) AddOrganizationMemberOnce(ctx context.Context, orgUUID, userUUID string) error {
	f := finder[OrganizationMember]{
		what: "membership",
		list: func(ctx context.Context) ([]OrganizationMember, error) {
			members, err := c.ListOrganizationMembers(ctx, orgUUID)
			return slices.DeleteFunc(members, func(m OrganizationMember) bool { return !strings.EqualFold(m.User.UUID, userUUID) }), err
		},
		id: func(m OrganizationMember) string { return strings.ToLower(m.User.UUID) },
		// One per user: after a kill, the journal's entry and the user
		// find exactly the membership the create made (createOnce).
		log:  &c.creates,
		key:  []string{orgUUID, userUUID},
		only: orgUUID + "/" + userUUID,
	}
	_, err := createOnce(ctx, f, func(ctx context.Context) (*OrganizationMember, error) {
		if _, err := c.AddOrganizationMember(ctx, orgUUID, userUUID); err != nil {
			return nil, err
		}
		// The id the journal records (the answer is a membership detail).
		return &OrganizationMember{User: UserRef{UUID: userUUID}}, nil
	})
	return err
}

// ChangeOrganizationMembers adds, updates and removes members in one call.
func (c *Client) ChangeOrganizationMembers(ctx context.Context, orgUUID string, change OrganizationMembersChange) error {
	_, err := c.put(ctx, expand(pathOrganizationMembers, "uuid", orgUUID), change, nil)
	return err
}

// RemoveOrganizationMember releases a user from an organization.
func (c *Client) RemoveOrganizationMember(ctx context.Context, orgUUID, userUUID string) error {
	return c.del(ctx, expand(pathOrganizationMember, "uuid", orgUUID, "user_uuid", userUUID))
}

// filter returns the elements of s for which keep is true.
func filter[T any](s []T, keep func(T) bool) []T {
	var out []T
	for _, v := range s {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
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
