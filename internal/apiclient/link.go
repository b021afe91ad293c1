package apiclient

import (
	"net/http"
	"strings"
)

// NextLink returns the rel="next" target of an RFC 8288 Link header (as
// Waldur sends for paginated lists), or "" on the last page. The result can
// be passed as Request.Path as it is.
func NextLink(h http.Header) string {
	for _, line := range h.Values("Link") {
		for _, link := range splitLinks(line) {
			target, params, ok := strings.Cut(strings.TrimSpace(link), ";")
			target = strings.TrimSpace(target)
			if !ok || !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			for _, p := range strings.Split(params, ";") {
				name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
				if strings.EqualFold(name, "rel") && hasToken(strings.Trim(value, `"`), "next") {
					return target[1 : len(target)-1]
				}
			}
		}
	}
	return ""
}

// splitLinks splits on commas outside <…>: a URL may contain commas.
func splitLinks(s string) []string {
	var links []string
	inURL, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			inURL = true
		case '>':
			inURL = false
		case ',':
			if !inURL {
				links = append(links, s[start:i])
				start = i + 1
			}
		}
	}
	return append(links, s[start:])
}

// hasToken: rel may hold several space-separated relation types.
func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}
