package awanio

import (
	"regexp"
	"strings"
	"time"
)

// A VM and a baremetal server are both "servers" of a group
// (/{group_type}/{uuid}/vms or /baremetals): created from a catalogue with
// a title, hostname and login, provisioning for delays.Provision, deleted
// through a status for delays.Delete. What they share is here once; vm.go
// and baremetal.go hold only what differs (price plan or machine, status
// names, IP ranges, how each is rendered).

// awServer is the part of AwanioVM and AwanioBaremetal they share. It is
// embedded, so the state file keeps the same flat JSON fields.
type awServer struct {
	Seq              uint64      `json:"seq"`
	UUID             string      `json:"uuid"`
	GroupType        string      `json:"group_type"` // organizations or projects
	GroupUUID        string      `json:"group_uuid"`
	OrganizationUUID string      `json:"organization_uuid"`
	Title            string      `json:"title"`
	Hostname         string      `json:"hostname"`
	CatalogueUUID    string      `json:"catalogue_uuid"`
	AuthKey          string      `json:"auth_key"` // user name
	ExternalIP       string      `json:"external_ip,omitempty"`
	PrivateIP        string      `json:"private_ip"`
	Status           AsyncStatus `json:"status"`
	FailMessage      string      `json:"fail_message,omitempty"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
}

func (s *awServer) server() *awServer { return s }

// serverPtr is *AwanioVM or *AwanioBaremetal.
type serverPtr[T any] interface {
	*T
	server() *awServer
}

// serverKind is how the shared handlers reach one kind of server.
type serverKind[T any, P serverPtr[T]] struct {
	what    string // in "not found" answers: "vm", "baremetal"
	param   string // the path parameter of its uuid
	service string // the catalogue service it runs: "compute", "baremetal"
	// plural names it in the catalogue error: "VIRTUAL MACHINES".
	plural string
	// provisioning, ready and failed are the statuses of a create;
	// deleting is the status a DELETE starts.
	provisioning, ready, failed, deleting string
	table                                 func(a *Awanio) map[string]*T
	// drop forgets a server that is gone (baremetal frees its machine).
	drop func(a *Awanio, p P)
}

// awServerInput is what both creates send besides their plan or machine.
type awServerInput struct {
	Auth           awAuthInput     `json:"authentication_type"`
	CatalogueUUID  string          `json:"catalogue_uuid"`
	Title          string          `json:"title"`
	Hostname       string          `json:"hostname"`
	WithExternalIP bool            `json:"with_external_ip"`
	Reserve        *awReserveInput `json:"reserve_external_ip"`
}

// awAuthInput is authentication_type {id, key, value}.
type awAuthInput struct {
	ID    flexInt `json:"id"`
	Key   string  `json:"key"`
	Value string  `json:"value"`
}

// awReserveInput is reserve_external_ip.
type awReserveInput struct {
	IsNew    *bool  `json:"is_new"`
	UUID     string `json:"uuid"`
	Reserved bool   `json:"reserved"`
}

var awHostnameRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// checkAuth validates authentication_type as Awanio would (inferred).
func checkAuth(in awAuthInput) (awReply, bool) {
	switch {
	case !in.ID.set:
		return awBadRequest("AUTHENTICATION_TYPE IS REQUIRED"), false
	case in.ID.value != 1 && in.ID.value != 2:
		return awBadRequest("AUTHENTICATION_TYPE.ID MUST BE 1 (PASSWORD) OR 2 (SSH KEY)"), false
	case in.Key == "":
		return awBadRequest("AUTHENTICATION_TYPE.KEY (USER NAME) IS REQUIRED"), false
	case in.ID.value == 1 && len(in.Value) < 8:
		return awBadRequest("PASSWORD MUST BE AT LEAST 8 CHARACTERS"), false
	case in.ID.value == 2 && !strings.HasPrefix(in.Value, "ssh-") && !strings.HasPrefix(in.Value, "ecdsa-") && !strings.HasPrefix(in.Value, "sk-"):
		return awBadRequest("AUTHENTICATION_TYPE.VALUE IS NOT AN SSH PUBLIC KEY"), false
	}
	return awReply{}, true
}

// checkCreate decodes a create into in (which embeds awServerInput as
// *common) and checks the group, the login and the catalogue. The kind's
// own checks come next, then checkNames.
func (k *serverKind[T, P]) checkCreate(a *Awanio, c *awCall, in any, common *awServerInput) (awComputeGroup, *AwanioCatalogue, awReply, bool) {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return g, nil, rep, false
	}
	if rep, ok := c.decode(in); !ok {
		return g, nil, rep, false
	}
	if rep, ok := c.requireOrganization(g.Org); !ok {
		return g, nil, rep, false
	}
	if rep, ok := checkAuth(common.Auth); !ok {
		return g, nil, rep, false
	}
	cat := a.db.Catalogues[canonicalOrEmpty(common.CatalogueUUID)]
	switch {
	case cat == nil:
		return g, nil, awBadRequest("CATALOGUE %q NOT FOUND", common.CatalogueUUID), false
	case cat.Service != k.service:
		return g, nil, awBadRequest("CATALOGUE %s IS NOT FOR %s (SERVICE %s)", cat.UUID, k.plural, strings.ToUpper(cat.Service)), false
	}
	return g, cat, awReply{}, true
}

// checkNames checks the title and the hostname (inferred rules).
func checkNames(in *awServerInput) (awReply, bool) {
	if strings.TrimSpace(in.Title) == "" || len(in.Title) > 255 {
		return awBadRequest("TITLE MUST BE 1 TO 255 CHARACTERS"), false
	}
	if !awHostnameRE.MatchString(in.Hostname) {
		return awBadRequest("HOSTNAME %q IS NOT A VALID HOST NAME", in.Hostname), false
	}
	return awReply{}, true
}

// newServer is the shared part of a new server in g. A hostname registered
// with FailProvisioning makes it end in k.failed instead of k.ready.
func (k *serverKind[T, P]) newServer(a *Awanio, c *awCall, g awComputeGroup, in *awServerInput, cat *AwanioCatalogue) awServer {
	s := awServer{
		Seq: a.nextSeq(), UUID: newDashedUUID(), GroupType: g.Type, GroupUUID: g.UUID, OrganizationUUID: g.Org,
		Title: in.Title, Hostname: in.Hostname, CatalogueUUID: cat.UUID, AuthKey: in.Auth.Key,
		CreatedAt: c.now, UpdatedAt: c.now,
	}
	end := k.ready
	if msg, fail := a.db.FailHostnames[in.Hostname]; fail {
		delete(a.db.FailHostnames, in.Hostname)
		s.FailMessage = msg
		end = k.failed
	}
	s.Status = newAsyncStatus(c.now, k.provisioning, AsyncStep{After: a.delays.Provision, Status: end})
	return s
}

// in returns the server in the path if it belongs to the path's group; one
// whose delete has finished is dropped and not found.
func (k *serverKind[T, P]) in(a *Awanio, c *awCall) (P, awReply, bool) {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return nil, rep, false
	}
	id, ok := pathUUID(c, k.param)
	p := P(k.table(a)[id])
	if !ok || p == nil || p.server().GroupUUID != g.UUID || p.server().GroupType != g.Type {
		return nil, awNotFound(k.what), false
	}
	if p.server().Status.Gone(c.now) {
		k.drop(a, p)
		return nil, awNotFound(k.what), false
	}
	return p, awReply{}, true
}

// list answers the servers of the path's group in creation order.
func (k *serverKind[T, P]) list(a *Awanio, c *awCall, render func(P) map[string]any) awReply {
	g, rep, ok := a.computeGroupFor(c)
	if !ok {
		return rep
	}
	items := []any{}
	for _, t := range k.sorted(a) {
		s := P(t).server()
		if s.GroupUUID == g.UUID && s.GroupType == g.Type && !s.Status.Gone(c.now) {
			items = append(items, render(t))
		}
	}
	return awList(c, items)
}

// sorted is every server of the kind in creation order.
func (k *serverKind[T, P]) sorted(a *Awanio) []*T {
	return sortedBySeq(k.table(a), func(t *T) uint64 { return P(t).server().Seq })
}

// get answers one server.
func (k *serverKind[T, P]) get(a *Awanio, c *awCall, render func(P) map[string]any) awReply {
	p, rep, ok := k.in(a, c)
	if !ok {
		return rep
	}
	return awOK(render(p))
}

// del starts a server's delete; a second DELETE while it runs changes
// nothing.
func (k *serverKind[T, P]) del(a *Awanio, c *awCall) awReply {
	p, rep, ok := k.in(a, c)
	if !ok {
		return rep
	}
	if s := p.server(); s.Status.At(c.now) != k.deleting {
		s.Status.Restart(c.now, k.deleting, AsyncStep{After: a.delays.Delete, Status: AsyncGone})
		s.UpdatedAt = c.now
		a.changed()
	}
	return awOK("deleted")
}

// The Go API for tests.

// one returns a server by UUID (a copy); a deleted one is gone.
func (k *serverKind[T, P]) one(a *Awanio, uuid string) (T, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := P(k.table(a)[canonicalOrEmpty(uuid)])
	if p == nil || p.server().Status.Gone(a.now()) {
		var zero T
		return zero, false
	}
	return *p, true
}

// all returns every existing server in creation order (copies).
func (k *serverKind[T, P]) all(a *Awanio) []T {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []T
	for _, t := range k.sorted(a) {
		if !P(t).server().Status.Gone(a.now()) {
			out = append(out, *t)
		}
	}
	return out
}

// remove drops a server out of band, at once; false when there is none.
func (k *serverKind[T, P]) remove(a *Awanio, uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := P(k.table(a)[canonicalOrEmpty(uuid)])
	if p == nil {
		return false
	}
	k.drop(a, p)
	return true
}
