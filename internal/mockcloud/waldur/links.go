package waldur

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Hyperlinked fields. Waldur sends and expects absolute URLs; like DRF's
// HyperlinkedRelatedField the mock matches only their path.

// linkKinds are the detail URLs the mock knows, by view.
var linkKinds = map[string][]string{
	"project":  {"", "api", "projects", "{uuid}", ""},
	"offering": {"", "api", "marketplace-public-offerings", "{uuid}", ""},
	"plan":     {"", "api", "marketplace-public-offerings", "{uuid}", "plans", "{plan_uuid}", ""},
	"customer": {"", "api", "customers", "{uuid}", ""},
	"order":    {"", "api", "marketplace-orders", "{uuid}", ""},
	"resource": {"", "api", "marketplace-resources", "{uuid}", ""},
	"user":     {"", "api", "users", "{uuid}", ""},
}

// link reads a hyperlinked field that must point to a view of kind and
// returns the path parameters. Absent or null fields return nil, with an
// error only when required.
func (in *input) link(field, kind string, required bool) map[string]string {
	if required && !in.required(field) {
		return nil
	}
	if !in.has(field) || in.isNull(field) {
		return nil
	}
	var v any
	_ = json.Unmarshal(in.fields[field], &v)
	s, ok := v.(string)
	if !ok {
		in.errs.add(field, fmt.Sprintf("Incorrect type. Expected URL string, received %s.", pythonTypeName(v)))
		return nil
	}
	if s == "" {
		in.errs.add(field, "This field may not be null.")
		return nil
	}
	path := s
	if strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:") {
		u, err := url.Parse(s)
		if err != nil {
			in.errs.add(field, "Invalid hyperlink - No URL match.")
			return nil
		}
		path = u.Path
	}
	segs := strings.Split(path, "/")
	if params, ok := mockcloud.MatchSegments(linkKinds[kind], segs); ok {
		return params
	}
	for other, pattern := range linkKinds {
		if _, ok := mockcloud.MatchSegments(pattern, segs); ok && other != kind {
			in.errs.add(field, "Invalid hyperlink - Incorrect URL match.")
			return nil
		}
	}
	in.errs.add(field, "Invalid hyperlink - No URL match.")
	return nil
}

func (in *input) objectMissing(field string) {
	in.errs.add(field, "Invalid hyperlink - Object does not exist.")
}

// Resolvers from hyperlinked fields to records.

// linkedRecord resolves a hyperlinked field of kind to the record of m it
// names; nil, with an error, when there is none.
func linkedRecord[T any](in *input, field, kind string, required bool, m map[string]*T) *T {
	params := in.link(field, kind, required)
	if params == nil {
		return nil
	}
	id, _ := normalizeUUID(params["uuid"])
	r := m[id]
	if r == nil {
		in.objectMissing(field)
	}
	return r
}

func (w *Waldur) projectLink(in *input, field string, required bool) *projectRec {
	return linkedRecord(in, field, "project", required, w.db.Projects)
}

func (w *Waldur) offeringLink(in *input, field string, required bool) *offeringRec {
	return linkedRecord(in, field, "offering", required, w.db.Offerings)
}

func (w *Waldur) planLink(in *input, field string, required bool) *planRec {
	params := in.link(field, "plan", required)
	if params == nil {
		return nil
	}
	offeringID, _ := normalizeUUID(params["uuid"])
	planID, _ := normalizeUUID(params["plan_uuid"])
	p := w.db.Plans[planID]
	if p == nil || p.OfferingUUID != offeringID {
		in.objectMissing(field)
		return nil
	}
	return p
}
