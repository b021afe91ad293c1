package api

import (
	"regexp"
	"strings"
	"testing"
)

// seedUUID is a Waldur UUID for the fuzz seeds.
const seedUUID = "5f2b3c4d5e6f40718293a4b5c6d7e8f9"

var hexUUID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// FuzzWaldurParseRef checks the reference normalisation: a parsed
// reference is a lower-case hex UUID that parses to itself.
func FuzzWaldurParseRef(f *testing.F) {
	for _, s := range []string{
		seedUUID, "5F2B3C4D-5E6F-4071-8293-A4B5C6D7E8F9",
		"https://waldur.invalid/api/projects/" + seedUUID + "/",
		"https://waldur.invalid/api/marketplace-public-offerings/" + seedUUID + "/plans/" + seedUUID,
		"http://x/api/marketplace-resources/" + seedUUID, "ftp://x/api/projects/" + seedUUID + "/", " ", "%zz",
	} {
		f.Add(s)
	}
	kinds := []RefKind{RefProject, RefOffering, RefPlan, refResource}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range kinds {
			id, err := ParseRef(k, s)
			if err != nil {
				if !strings.Contains(err.Error(), "UUID") && !strings.Contains(err.Error(), k.Name) {
					t.Errorf("the error for %q names neither a UUID nor a %s: %v", s, k.Name, err)
				}
				continue
			}
			if !hexUUID.MatchString(id) {
				t.Fatalf("ParseRef(%s, %q) = %q, not a hex UUID", k.Name, s, id)
			}
			if again, err := ParseRef(k, id); err != nil || again != id {
				t.Fatalf("ParseRef is not stable on %q: %q, %v", id, again, err)
			}
			if !SameRef(k, s, id) {
				t.Fatalf("SameRef(%q, %q) is false for the reference and its own UUID", s, id)
			}
		}
	})
}
