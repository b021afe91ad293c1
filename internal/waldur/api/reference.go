package api

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Waldur identifies objects by uuid.hex (32 lower-case hex characters) and
// links them with absolute hyperlinks. Users copy either form from the portal
// or from WAYSCloud's documentation (which shows bare UUIDs), sometimes with
// dashes, so every reference argument accepts all of them and is normalised
// here, in one place.

var (
	hexUUIDPattern    = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)
	dashedUUIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// RefKind names the kind of object a reference points to and the URL paths
// Waldur uses for it.
type RefKind struct {
	Name string
	// pathPatterns match the path of a hyperlink; the last capture group is
	// the object's UUID.
	pathPatterns []*regexp.Regexp
	example      string
}

const uuidGroup = `([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})`

var (
	RefProject = RefKind{
		Name:         "project",
		pathPatterns: []*regexp.Regexp{regexp.MustCompile(`/api/projects/` + uuidGroup + `/?$`)},
		example:      "https://waldur.example.com/api/projects/<uuid>/",
	}
	RefOffering = RefKind{
		Name: "offering",
		pathPatterns: []*regexp.Regexp{
			regexp.MustCompile(`/api/marketplace-public-offerings/` + uuidGroup + `/?$`),
			regexp.MustCompile(`/api/marketplace-provider-offerings/` + uuidGroup + `/?$`),
		},
		example: "https://waldur.example.com/api/marketplace-public-offerings/<uuid>/",
	}
	RefPlan = RefKind{
		Name: "plan",
		pathPatterns: []*regexp.Regexp{
			regexp.MustCompile(`/api/marketplace-public-offerings/[0-9a-fA-F-]{32,36}/plans/` + uuidGroup + `/?$`),
			regexp.MustCompile(`/api/marketplace-plans/` + uuidGroup + `/?$`),
		},
		example: "https://waldur.example.com/api/marketplace-public-offerings/<offering uuid>/plans/<uuid>/",
	}
	refResource = RefKind{
		Name:         "marketplace resource",
		pathPatterns: []*regexp.Regexp{regexp.MustCompile(`/api/marketplace-resources/` + uuidGroup + `/?$`)},
		example:      "https://waldur.example.com/api/marketplace-resources/<uuid>/",
	}
)

// NormalizeUUID turns a dashed or hex UUID of either case into Waldur's
// uuid.hex form.
func NormalizeUUID(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case hexUUIDPattern.MatchString(s):
		return strings.ToLower(s), nil
	case dashedUUIDPattern.MatchString(s):
		return strings.ToLower(strings.ReplaceAll(s, "-", "")), nil
	}
	return "", fmt.Errorf("%q is not a UUID: use 32 hexadecimal characters, with or without dashes", s)
}

// ParseRef extracts the hex UUID from a bare UUID or a Waldur hyperlink of
// the given kind.
func ParseRef(kind RefKind, s string) (string, error) {
	if id, err := NormalizeUUID(s); err == nil {
		return id, nil
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is neither a UUID nor a %s URL: give the %s's UUID (e.g. from the portal) or its URL such as %s",
			s, kind.Name, kind.Name, kind.example)
	}
	for _, p := range kind.pathPatterns {
		if m := p.FindStringSubmatch(u.Path); m != nil {
			return NormalizeUUID(m[len(m)-1])
		}
	}
	return "", fmt.Errorf("%q is a URL but not a Waldur %s URL: expected a URL such as %s", s, kind.Name, kind.example)
}

// SameRef reports whether two references of a kind point to the same object.
// Invalid references compare by their text so that validation reports them.
func SameRef(kind RefKind, a, b string) bool {
	ida, erra := ParseRef(kind, a)
	idb, errb := ParseRef(kind, b)
	if erra != nil || errb != nil {
		return a == b
	}
	return ida == idb
}

var planURLOffering = regexp.MustCompile(`/api/marketplace-public-offerings/` + uuidGroup + `/plans/`)

// OfferingOfPlanURL returns the offering UUID embedded in a public plan URL.
func OfferingOfPlanURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	m := planURLOffering.FindStringSubmatch(u.Path)
	if m == nil {
		return "", false
	}
	id, err := NormalizeUUID(m[1])
	return id, err == nil
}
