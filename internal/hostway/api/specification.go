package api

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Catalog references. Users write a code (core.vps.virtuozzo.ip) or the
// URL the API uses (https://api.hostway.com/serviceSpecifications/core.vps.virtuozzo.ip);
// the provider sends URLs built from the endpoint and keeps what the user
// wrote in the state.

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ServiceKind is a family of VPS Virtuozzo service specifications.
type ServiceKind struct {
	Name string
	// Prefix matches codes of the family; Exact a single code.
	Prefix, Exact string
	Server        bool
	About         string
}

// ServerPrefix is the Virtuozzo Server Windows/Linux family: the service a
// VPS is built on, which must be ordered before any other.
const ServerPrefix = "core.vps.virtuozzo.server."

// ServiceKinds are the VPS Virtuozzo service families of the seed. The
// server comes first; the others are its child services.
var ServiceKinds = []ServiceKind{
	{Name: "server", Prefix: ServerPrefix, Server: true, About: "Virtuozzo Server Windows/Linux"},
	{Name: "controlpanel", Prefix: "core.vps.virtuozzo.controlpanel.", About: "control panel, e.g. Plesk"},
	{Name: "additional_memory", Prefix: "core.vps.virtuozzo.additional_memory.", About: "additional memory"},
	{Name: "additional_disk", Prefix: "core.vps.virtuozzo.additional_disk.", About: "additional disk space"},
	{Name: "additional_bandwidth", Prefix: "core.vps.virtuozzo.additional_bandwidth.", About: "additional bandwidth"},
	{Name: "ip", Exact: "core.vps.virtuozzo.ip", About: "additional IP address"},
	{Name: "powerpack", Exact: "core.vps.virtuozzo.powerpack", About: "PowerPack"},
}

// Pattern is how the family's codes look, for messages and docs.
func (k ServiceKind) Pattern() string {
	if k.Exact != "" {
		return k.Exact
	}
	return k.Prefix + "*"
}

func (k ServiceKind) matches(code string) bool {
	if k.Exact != "" {
		return code == k.Exact || strings.HasPrefix(code, k.Exact+".")
	}
	return strings.HasPrefix(code, k.Prefix) && len(code) > len(k.Prefix)
}

// KindOf returns the family of a service specification code.
func KindOf(code string) (ServiceKind, bool) {
	for _, k := range ServiceKinds {
		if k.matches(code) {
			return k, true
		}
	}
	return ServiceKind{}, false
}

// IsServerSpecification reports whether code is a Virtuozzo Server.
func IsServerSpecification(code string) bool {
	k, ok := KindOf(code)
	return ok && k.Server
}

// segmentsAfter returns the path segments of a URL that follow the
// segment named marker, compared case-insensitively: Hostway's catalog
// hrefs are lower-case, the seed's request URLs camel case (hosts and
// mount prefixes are ignored).
func segmentsAfter(raw, marker string) ([]string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i, s := range segs {
		if strings.EqualFold(s, marker) {
			return segs[i+1:], true
		}
	}
	return nil, false
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// ParseServiceSpecification returns the code a service specification code
// or URL names.
func ParseServiceSpecification(s string) (string, error) {
	return parseSpecification(s, "serviceSpecifications", "service", "core.vps.virtuozzo.ip")
}

// ParseProductSpecification returns the code a product specification code
// or URL names.
func ParseProductSpecification(s string) (string, error) {
	return parseSpecification(s, "productSpecifications", "product", "core.plan.vps.virtuozzo.u101")
}

// parseSpecification reads a catalog code, or the URL
// https://api.hostway.com/{collection}/{code}; what and example word the
// errors.
func parseSpecification(s, collection, what, example string) (string, error) {
	if isURL(s) {
		rest, ok := segmentsAfter(s, collection)
		if !ok || len(rest) != 1 || !codePattern.MatchString(rest[0]) {
			return "", fmt.Errorf("%q is not a %s specification URL like https://api.hostway.com/%s/%s", s, what, collection, example)
		}
		return rest[0], nil
	}
	if !codePattern.MatchString(s) {
		return "", fmt.Errorf("%q is neither a %s specification code such as %s nor its URL", s, what, example)
	}
	return s, nil
}

// ParseOffering returns the product specification and offering id that an
// offering URL (…/productSpecifications/{code}/offerings/{id}) or its
// short form "{code}/{id}" names.
func ParseOffering(s string) (productSpec, offering string, err error) {
	if isURL(s) {
		rest, ok := segmentsAfter(s, "productSpecifications")
		if !ok || len(rest) != 3 || !strings.EqualFold(rest[1], "offerings") || !codePattern.MatchString(rest[0]) || !codePattern.MatchString(rest[2]) {
			return "", "", fmt.Errorf("%q is not an offering URL like https://api.hostway.com/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-1", s)
		}
		return rest[0], rest[2], nil
	}
	spec, id, ok := strings.Cut(s, "/")
	if !ok || !codePattern.MatchString(spec) || !codePattern.MatchString(id) {
		return "", "", fmt.Errorf("%q is neither an offering code such as core.plan.vps.virtuozzo.u101/USD-1 (product specification/offering) nor an offering URL", s)
	}
	return spec, id, nil
}

// OfferingCode is the short form of an offering: "{product spec}/{id}".
func OfferingCode(productSpec, offering string) string { return productSpec + "/" + offering }
