package api

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// The path table: every Awanio endpoint the client calls, relative to the
// configured endpoint (which ends in /v2). Awanio's documentation gives
// bodies and answers but few paths, so most of these are inferred from its
// parameter tables (see docs/api-reference.md §2). They live here, and only
// here, so that a wrong guess is corrected in one line without touching a
// resource. Each line says what it is for and whether it is documented;
// internal/mockcloud/awanio/contract.yaml says the same per
// operation (x-source, x-reason), and the acceptance tests hold the client
// to it.
//
// Placeholders in braces are filled by expand, path-escaped:
//
//	{group-type}  "organizations" or "projects" (see GroupType)
//	{uuid}        the organization, project or object the path is about
//	others        a second identifier, named after the seed's parameter
//
// Paths must stay relative (no leading "/"): the client resolves them below
// the endpoint, so "/v2" is kept.
const (
	// Accounts. Login is documented (real client code); the rest inferred.
	pathRegister   = "accounts/register" // POST {username, name, email, password}
	pathVerify     = "accounts/verify"   // POST {email, verification_code}
	pathLogin      = "accounts/login"    // POST {username, password} → data.token
	pathUserDetail = "accounts/me"       // GET the user the JWT belongs to

	// Organizations (inferred). No delete is documented; DELETE on the
	// object path is assumed, as for projects.
	pathOrganizations         = "organizations"                            // POST create, GET list
	pathOrganization          = "organizations/{uuid}"                     // GET, PUT {name, icon}, DELETE
	pathOrganizationDefault   = "organizations/{uuid}/default"             // PUT {organization_uuid}: make it the user's default
	pathOrganizationMembers   = "organizations/{uuid}/members"             // GET list, POST {member_uuid}, PUT {organization_members_added|updated|deleted}
	pathOrganizationMember    = "organizations/{uuid}/members/{user_uuid}" // DELETE: release a member
	pathOrganizationVouchers  = "organizations/{uuid}/vouchers/redeem"     // POST {code}
	pathOrganizationVPCs      = "organizations/{uuid}/vpcs"                // POST {label, size}, GET list (paginated)
	pathOrganizationVPC       = "organizations/{uuid}/vpcs/{vpc_uuid}"     // DELETE (no GET documented: read from the list)
	pathOrganizationInvoices  = "organizations/{uuid}/invoices"            // GET list (paginated)
	pathInvoice               = "invoices/{uuid}"                          // GET one invoice with items
	pathProjects              = "projects"                                 // POST create (organization_uuid in the body), GET list: documented
	pathProject               = "projects/{uuid}"                          // GET, PUT, DELETE: documented
	pathProjectPrimary        = "projects/{uuid}/primary"                  // PUT set as primary, DELETE release as primary
	pathProjectMembers        = "projects/{uuid}/members"                  // GET list, POST {member_uuid}
	pathProjectMember         = "projects/{uuid}/members/{user_uuid}"      // PUT {user_level}, DELETE release
	pathGroupVMs              = "{group-type}/{uuid}/vms"                  // POST create, GET list
	pathGroupVM               = "{group-type}/{uuid}/vms/{vm_uuid}"        // GET, DELETE
	pathGroupBaremetals       = "{group-type}/{uuid}/baremetals"           // POST create, GET list (paginated)
	pathGroupBaremetal        = "{group-type}/{uuid}/baremetals/{baremetal_uuid}"
	pathGroupBaremetalStatus  = "{group-type}/{uuid}/baremetals/{baremetal_uuid}/status" // GET → data: "Deployed"
	pathGroupAvailableMachine = "{group-type}/{uuid}/baremetals/available-machines"      // GET list
	pathGroupVolumes          = "{group-type}/{uuid}/volumes"                            // GET list; POST create {organization_uuid, pricing_uuid, label} or clone {source_volume_uuid, label} (bodies from the seed)
	pathGroupVolume           = "{group-type}/{uuid}/volumes/{volume_uuid}"              // PUT {label}, DELETE; GET inferred: the seed has no single-volume read
	pathGroupVolumeResize     = "{group-type}/{uuid}/volumes/{volume_uuid}"              // PUT {pricing_uuid}: resize (same path as a label update, by assumption)

	// Object storage: one per group, no id of its own; buckets and
	// objects are addressed by name.
	pathGroupObjectStorage = "{group-type}/{uuid}/object-storage"                                        // POST {subdomain_name, bucket_name}, GET
	pathGroupBuckets       = "{group-type}/{uuid}/object-storage/buckets"                                // POST {bucket_name}, GET list
	pathGroupBucket        = "{group-type}/{uuid}/object-storage/buckets/{bucket_name}"                  // DELETE
	pathGroupBucketPolicy  = "{group-type}/{uuid}/object-storage/buckets/{bucket_name}/policy"           // PUT
	pathGroupBucketObjects = "{group-type}/{uuid}/object-storage/buckets/{bucket_name}/objects"          // GET list
	pathGroupBucketObject  = "{group-type}/{uuid}/object-storage/buckets/{bucket_name}/objects/{object}" // DELETE

	// Kubernetes: the seed names no cluster id, so one cluster per group
	// is assumed; pathGroupKubernetesCluster is the alternative form with
	// an id, which the mock accepts too.
	pathKubernetesVersions       = "kubernetes/versions"                                  // GET: one object or a list
	pathGroupKubernetes          = "{group-type}/{uuid}/kubernetes"                       // POST create, GET, PUT {name, enable_ha}, DELETE
	pathGroupKubernetesCluster   = "{group-type}/{uuid}/kubernetes/{cluster_uuid}"        // the same with a cluster id
	pathGroupKubernetesStatus    = "{group-type}/{uuid}/kubernetes/status"                // GET → data: "running"
	pathGroupKubernetesMetrics   = "{group-type}/{uuid}/kubernetes/metrics"               // GET
	pathGroupKubernetesKubecfg   = "{group-type}/{uuid}/kubernetes/kubeconfig"            // GET → data: kubeconfig YAML (secret)
	pathGroupKubernetesClusterSt = "{group-type}/{uuid}/kubernetes/{cluster_uuid}/status" // alternative with an id

	// Catalogue and prices.
	pathCatalogues = "catalogues" // GET list
	pathPricings   = "pricings"   // GET list, ?suitable_for=vm|baremetal|volume|pods

	// Payments.
	pathPaymentGateways = "payment-gateways"           // GET list, POST create
	pathPaymentMethods  = "payment-methods"            // GET list
	pathTopUps          = "top-ups"                    // POST {payment_method_uuid, organization_uuid, amount}
	pathTopUpInquiry    = "top-ups/inquiry"            // POST, the same body: ask the gateway again
	pathTopUp           = "top-ups/{reference_number}" // GET the state of a top-up
)

// allPaths lists the table for tests that check every template.
var allPaths = []string{
	pathRegister, pathVerify, pathLogin, pathUserDetail,
	pathOrganizations, pathOrganization, pathOrganizationDefault, pathOrganizationMembers, pathOrganizationMember,
	pathOrganizationVouchers, pathOrganizationVPCs, pathOrganizationVPC, pathOrganizationInvoices, pathInvoice,
	pathProjects, pathProject, pathProjectPrimary, pathProjectMembers, pathProjectMember,
	pathGroupVMs, pathGroupVM, pathGroupBaremetals, pathGroupBaremetal, pathGroupBaremetalStatus, pathGroupAvailableMachine,
	pathGroupVolumes, pathGroupVolume, pathGroupVolumeResize,
	pathGroupObjectStorage, pathGroupBuckets, pathGroupBucket, pathGroupBucketPolicy, pathGroupBucketObjects, pathGroupBucketObject,
	pathKubernetesVersions, pathGroupKubernetes, pathGroupKubernetesCluster, pathGroupKubernetesStatus,
	pathGroupKubernetesMetrics, pathGroupKubernetesKubecfg, pathGroupKubernetesClusterSt,
	pathCatalogues, pathPricings,
	pathPaymentGateways, pathPaymentMethods, pathTopUps, pathTopUpInquiry, pathTopUp,
}

var placeholder = regexp.MustCompile(`\{[a-z_-]+\}`)

// expand fills a path template from name/value pairs, path-escaping each
// value. A missing or unused pair is a bug in the caller and panics, so a
// typo cannot send a request to a literal "{uuid}".
func expand(tmpl string, pairs ...string) string {
	if len(pairs)%2 != 0 {
		panic(fmt.Sprintf("awanio: expand(%q): odd number of arguments", tmpl))
	}
	out := tmpl
	for rest := pairs; len(rest) >= 2; rest = rest[2:] {
		name, value := "{"+rest[0]+"}", rest[1]
		if !strings.Contains(out, name) {
			panic(fmt.Sprintf("awanio: expand(%q): no placeholder %s", tmpl, name))
		}
		out = strings.ReplaceAll(out, name, url.PathEscape(value))
	}
	if left := placeholder.FindString(out); left != "" {
		panic(fmt.Sprintf("awanio: expand(%q): %s not given", tmpl, left))
	}
	return out
}

// GroupType is the kind of owner an object is addressed under.
type GroupType string

// Group types, as they appear in paths.
const (
	GroupOrganizations GroupType = "organizations"
	GroupProjects      GroupType = "projects"
)

// Group is the organization or project an object belongs to.
type Group struct {
	Type GroupType
	UUID string
}

// OrganizationGroup and ProjectGroup build a Group.
func OrganizationGroup(uuid string) Group { return Group{Type: GroupOrganizations, UUID: uuid} }

// ProjectGroup is the group of a project.
func ProjectGroup(uuid string) Group { return Group{Type: GroupProjects, UUID: uuid} }

// path expands a {group-type}/{uuid}/... template for g, with more pairs.
func (g Group) path(tmpl string, pairs ...string) string {
	return expand(tmpl, append([]string{"group-type", string(g.Type), "uuid", g.UUID}, pairs...)...)
}

// String is "organizations/<uuid>", for messages.
func (g Group) String() string { return string(g.Type) + "/" + g.UUID }
