package awanio

import (
	"fmt"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// Terraform ids and import ids of owned objects. Objects that exist once
// per group (object storage, the Kubernetes cluster) have the group path as
// id, "projects/<uuid>" or "organizations/<uuid>"; objects with a UUID of
// their own are imported as "<group path>/<uuid>" (VMs, baremetal servers,
// volumes) or "<organization uuid>/<uuid>" (VPCs, organization members).

// parseGroupID reads "projects/<uuid>" or "organizations/<uuid>" (the
// singular and any case are accepted too).
func parseGroupID(id string) (api.Group, error) {
	gt, u, ok := strings.Cut(strings.Trim(id, "/"), "/")
	var t api.GroupType
	switch strings.ToLower(gt) {
	case "organizations", "organization":
		t = api.GroupOrganizations
	case "projects", "project":
		t = api.GroupProjects
	default:
		ok = false
	}
	if !ok {
		return api.Group{}, fmt.Errorf("%q is not projects/<uuid> or organizations/<uuid>", id)
	}
	cu, err := canonicalUUID(u)
	if err != nil {
		return api.Group{}, err
	}
	return api.Group{Type: t, UUID: cu}, nil
}

// parseGroupObjectID reads "<organizations|projects>/<owner uuid>/<object uuid>".
func parseGroupObjectID(id string) (api.Group, string, error) {
	i := strings.LastIndex(id, "/")
	if i < 0 || strings.Count(id, "/") != 2 {
		return api.Group{}, "", fmt.Errorf("%q does not have three parts separated by /", id)
	}
	g, err := parseGroupID(id[:i])
	if err != nil {
		return api.Group{}, "", err
	}
	obj, err := canonicalUUID(id[i+1:])
	if err != nil {
		return api.Group{}, "", err
	}
	return g, obj, nil
}

// splitUUIDPair reads "<uuid>/<uuid>" (organization and VPC, organization
// and user).
func splitUUIDPair(id string) (owner, object string, err error) {
	a, b, ok := strings.Cut(id, "/")
	if !ok {
		return "", "", fmt.Errorf("%q is not of the form <uuid>/<user uuid>", id)
	}
	if owner, err = canonicalUUID(a); err != nil {
		return "", "", err
	}
	if object, err = canonicalUUID(b); err != nil {
		return "", "", err
	}
	return owner, object, nil
}
