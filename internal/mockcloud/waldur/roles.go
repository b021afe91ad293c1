package waldur

import (
	"net/http"
	"slices"
)

// Roles decide who may approve orders, as in Waldur: staff may do
// anything; an organization (customer) owner approves as consumer in the
// organization's projects and as provider for the offerings it provides; a
// project manager approves as consumer in that project only.

// UserRoles are the roles of a token's user.
type UserRoles struct {
	Staff bool `json:"is_staff"`
	// CustomerOwner lists the organizations (customer UUIDs) the user owns.
	CustomerOwner []string `json:"customer_owner,omitempty"`
	// ProjectManager lists the projects the user manages.
	ProjectManager []string `json:"project_manager,omitempty"`
}

// AddTokenWithRoles lets token authenticate as username with these roles
// (the user is created on first use; its roles are replaced).
func (w *Waldur) AddTokenWithRoles(token, username string, roles UserRoles) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u := w.addToken(token, "", username, roles.Staff)
	u.setRoles(roles)
}

func (u *userRec) setRoles(r UserRoles) {
	u.Staff = r.Staff
	u.CustomerOwner = normalizedUUIDs(r.CustomerOwner)
	u.ProjectManager = normalizedUUIDs(r.ProjectManager)
}

func normalizedUUIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if n, ok := normalizeUUID(id); ok {
			out = append(out, n)
		}
	}
	return out
}

func (w *Waldur) ownsCustomer(u *userRec, customerUUID string) bool {
	return u.Staff || (customerUUID != "" && slices.Contains(u.CustomerOwner, customerUUID))
}

// mayActAsConsumer: staff, owner of the project's organization, or project manager.
func (w *Waldur) mayActAsConsumer(u *userRec, o *orderRec) bool {
	if p := w.db.Projects[o.ProjectUUID]; p != nil && w.ownsCustomer(u, p.CustomerUUID) {
		return true
	}
	return u.Staff || slices.Contains(u.ProjectManager, o.ProjectUUID)
}

// mayActAsProvider: staff or owner of the organization providing the offering.
func (w *Waldur) mayActAsProvider(u *userRec, o *orderRec) bool {
	if off := w.db.Offerings[o.OfferingUUID]; off != nil {
		return w.ownsCustomer(u, off.CustomerUUID)
	}
	return u.Staff
}

// forbidden is DRF's PermissionDenied.
func forbidden() reply {
	return detail(http.StatusForbidden, "You do not have permission to perform this action.")
}

// permitted wraps an order action with a permission check that runs after
// the order is found (404 first) and before its state is checked (409), as
// in Waldur.
func (w *Waldur) permitted(may func(*userRec, *orderRec) bool, h waldurHandler) waldurHandler {
	return func(c *call) reply {
		o, rep, ok := w.orderFromPath(c)
		if !ok {
			return rep
		}
		if !may(c.user, o) {
			return forbidden()
		}
		return h(c)
	}
}
