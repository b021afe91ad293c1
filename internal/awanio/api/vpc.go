package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// VPC is a private network of an organization.
type VPC struct {
	UUID      string `json:"uuid"`
	Label     string `json:"label"`
	VPCIP     *VPCIP `json:"vpc_ip"`
	CreatedAt String `json:"created_at"`
	UpdatedAt String `json:"updated_at"`
}

// VPCIP is the address range of a VPC.
type VPCIP struct {
	UUID         string `json:"uuid"`
	FirstAddress String `json:"first_address"`
	LastAddress  String `json:"last_address"`
	CIDR         Int    `json:"cidr"`
	// Label is the range in CIDR notation, "10.253.208.0/20".
	Label String `json:"label"`
}

// VPCCreateRequest is the body of POST organizations/{uuid}/vpcs. Size is
// taken to be the prefix length of the range (20 → a /20), which is what
// the documented answer suggests.
type VPCCreateRequest struct {
	Label string `json:"label"`
	Size  int    `json:"size"`
}

// CreateVPC creates a VPC in an organization. A POST whose answer was lost
// is not sent twice: the VPC is found by its label.
func (c *Client) CreateVPC(ctx context.Context, orgUUID string, req VPCCreateRequest) (*VPC, error) {
	f := finder[VPC]{
		what: "VPC",
		list: func(ctx context.Context) ([]VPC, error) {
			all, err := c.ListVPCs(ctx, orgUUID)
			return filter(all, func(v VPC) bool { return v.Label == req.Label }), err
		},
		id:      func(v VPC) string { return v.UUID },
		created: func(v VPC) String { return v.CreatedAt },
		log:     &c.creates,
		key:     []string{orgUUID, req.Label},
	}
	return createOnce(ctx, f, func(ctx context.Context) (*VPC, error) {
		return sendOne(ctx, c, http.MethodPost, expand(pathOrganizationVPCs, "uuid", orgUUID), req, func(v *VPC) string { return v.UUID })
	})
}

// ListVPCs lists an organization's VPCs (every page).
func (c *Client) ListVPCs(ctx context.Context, orgUUID string) ([]VPC, error) {
	return list[VPC](ctx, c, expand(pathOrganizationVPCs, "uuid", orgUUID), nil)
}

// GetVPC finds one VPC in its organization's list: no GET of a single VPC
// is documented. A missing VPC is a 404 *apiclient.APIError.
func (c *Client) GetVPC(ctx context.Context, orgUUID, uuid string) (*VPC, error) {
	all, err := c.ListVPCs(ctx, orgUUID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if strings.EqualFold(all[i].UUID, uuid) {
			return &all[i], nil
		}
	}
	return nil, c.notFound(http.MethodGet, expand(pathOrganizationVPC, "uuid", orgUUID, "vpc_uuid", uuid), fmt.Sprintf("VPC %s is not in the VPCs of organization %s", uuid, orgUUID))
}

// DeleteVPC deletes a VPC.
func (c *Client) DeleteVPC(ctx context.Context, orgUUID, uuid string) error {
	return c.del(ctx, expand(pathOrganizationVPC, "uuid", orgUUID, "vpc_uuid", uuid))
}
