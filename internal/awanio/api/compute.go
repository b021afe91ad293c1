package api

import (
	"context"
	"net/http"
)

// What VMs and baremetal servers share: their API object's identity and
// their create.

// Server is what a VM and a baremetal server both are, as their GET
// returns them (embedded in VM and Baremetal).
type Server struct {
	UUID      string   `json:"uuid"`
	Title     string   `json:"title"`
	Hostname  string   `json:"hostname"`
	Catalogue *RefUUID `json:"catalogue"`
	CreatedAt String   `json:"created_at"`
}

func (s *Server) server() *Server { return s }

// server is a VM or a Baremetal.
type server[T any] interface {
	*T
	server() *Server
}

// createServer creates a VM or baremetal server in g: what names it, path
// is the group's collection, body the request and s its ServerCreate,
// whose organization_uuid it fills in from the group (a project's
// organization).
// There is no idempotency key: a POST whose answer was lost is not
// repeated when a server with the same title and hostname appeared in the
// group meanwhile (see createOnce); an answer without a uuid (baremetal's
// documented one) is found the same way.
func createServer[T any, PT server[T]](ctx context.Context, c *Client, g Group, what, path string, s *ServerCreate, body any) (*T, error) {
	org, err := c.ownerOrganization(ctx, g)
	if err != nil {
		return nil, err
	}
	s.OrganizationUUID = org
	title, hostname := s.Title, s.Hostname
	uuid := func(v *T) string { return PT(v).server().UUID }
	f := finder[T]{
		what: what,
		list: func(ctx context.Context) ([]T, error) {
			all, err := list[T](ctx, c, g.path(path), nil)
			return filter(all, func(v T) bool { s := PT(&v).server(); return s.Title == title && s.Hostname == hostname }), err
		},
		id:      func(v T) string { return uuid(&v) },
		created: func(v T) String { return PT(&v).server().CreatedAt },
		log:     &c.creates,
		key:     []string{g.String(), title, hostname},
	}
	return createOnce(ctx, f, func(ctx context.Context) (*T, error) {
		return sendOne(ctx, c, http.MethodPost, g.path(path), body, uuid)
	})
}

// ServerCreate is what the bodies of VM and baremetal creates share
// (embedded in VMCreateRequest and BaremetalCreateRequest).
type ServerCreate struct {
	AuthenticationType AuthenticationType `json:"authentication_type"`
	CatalogueUUID      string             `json:"catalogue_uuid"`
	// OrganizationUUID is the organization the server belongs to, as the
	// seed documents it (organization_uuid only); for a project-owned
	// server that is the project's organization (createServer fills it in
	// from the group).
	OrganizationUUID  string             `json:"organization_uuid"`
	Title             string             `json:"title"`
	Hostname          string             `json:"hostname"`
	WithExternalIP    bool               `json:"with_external_ip"`
	ReserveExternalIP *ReserveExternalIP `json:"reserve_external_ip,omitempty"`
}

// AuthenticationType is the authentication_type object of VM and baremetal
// creates. The seed shows {"id": 1, "key": "awanio", "value": "awanio"}
// for a password login ("key" the user name, "value" the password); the
// SSH key form is inferred: id 2, key the user name, value the public key.
type AuthenticationType struct {
	ID    int    `json:"id"`
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Authentication kinds, inferred (see AuthenticationType).
const (
	AuthPassword = 1
	AuthSSHKey   = 2
)

// ReserveExternalIP is reserve_external_ip: a new address (is_new), kept
// reserved after the server is gone (reserved), or an existing reserved
// address by uuid.
type ReserveExternalIP struct {
	IsNew    bool   `json:"is_new"`
	UUID     string `json:"uuid,omitempty"`
	Reserved bool   `json:"reserved"`
}

// RegisterSecret masks s (a VM or server password, sent as
// authentication_type.value, a key the shared masker does not know) in
// every log and error from now on; see MaskFromNowOn.
func (c *Client) RegisterSecret(s string) error { return c.MaskFromNowOn(s) }
