package apiclient

import (
	"net/http"
	"strings"
)

// NextLink returns the rel="next" target of an RFC 8288 Link header (as
// Waldur sends for paginated lists), or "" on the last page. The result can
// be passed as Request.Path as it is.
//
// The header is parsed by RFC 8288's grammar (section 3):
//
//	Link       = #link-value
//	link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
//	link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
//
// so commas and semicolons inside <…> or a quoted string separate nothing,
// parameters come in any order, names are case-insensitive, and rel lists
// space-separated relation types compared case-insensitively. Only a
// link's first rel counts (section 3.3: later ones are ignored), and a link
// with an anchor parameter is about another context than this answer
// (section 3.2), so it is not this list's next page. A malformed link is
// skipped; the links after it are still read.
func NextLink(h http.Header) string {
	for _, line := range h.Values("Link") {
		for _, l := range parseLinks(line) {
			if _, anchored := l.param("anchor"); anchored {
				continue
			}
			if rel, ok := l.param("rel"); ok && hasToken(rel, "next") {
				return l.target
			}
		}
	}
	return ""
}

// link is one link-value of a Link header.
type link struct {
	target string
	params []linkParam
}

type linkParam struct{ name, value string }

// param is the value of the first parameter called name.
func (l link) param(name string) (string, bool) {
	for _, p := range l.params {
		if strings.EqualFold(p.name, name) {
			return p.value, true
		}
	}
	return "", false
}

// parseLinks reads the link-values of one Link field value.
func parseLinks(s string) []link {
	p := linkParser{s: s}
	var links []link
	for {
		p.skip(" \t,")
		if p.done() {
			return links
		}
		if l, ok := p.link(); ok {
			links = append(links, l)
		} else {
			p.skipToNextLink()
		}
	}
}

// linkParser walks a Link field value.
type linkParser struct {
	s string
	i int
}

func (p *linkParser) done() bool { return p.i >= len(p.s) }

func (p *linkParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

// skip passes the characters of set (OWS, BWS, list commas).
func (p *linkParser) skip(set string) {
	for !p.done() && strings.IndexByte(set, p.s[p.i]) >= 0 {
		p.i++
	}
}

// link reads `<target>` and its parameters up to the comma that ends the
// link-value (left unread) or the end.
func (p *linkParser) link() (link, bool) {
	if p.peek() != '<' {
		return link{}, false
	}
	end := strings.IndexByte(p.s[p.i:], '>')
	if end < 0 || strings.IndexByte(p.s[p.i+1:p.i+end], '<') >= 0 {
		return link{}, false // unterminated, or "<" in a URI-Reference
	}
	l := link{target: strings.TrimSpace(p.s[p.i+1 : p.i+end])}
	p.i += end + 1
	for {
		p.skip(" \t")
		switch p.peek() {
		case 0, ',':
			return l, true
		case ';':
			p.i++
		default:
			return link{}, false
		}
		p.skip(" \t")
		if c := p.peek(); c == ',' || c == 0 || c == ';' {
			continue // an empty parameter: "<x>;" or "<x>;;rel=next"
		}
		name := p.token()
		if name == "" {
			return link{}, false
		}
		p.skip(" \t")
		param := linkParam{name: name}
		if p.peek() == '=' {
			p.i++
			p.skip(" \t")
			var ok bool
			if param.value, ok = p.value(); !ok {
				return link{}, false
			}
		}
		l.params = append(l.params, param)
	}
}

// value reads a quoted-string (unescaping quoted-pairs) or a token. An
// unquoted value is read up to the next OWS, ";" or ",", so that a server
// that leaves a URI relation type unquoted (rel=http://x/y) is understood.
func (p *linkParser) value() (string, bool) {
	if p.peek() != '"' {
		start := p.i
		for !p.done() && strings.IndexByte(" \t;,", p.s[p.i]) < 0 {
			p.i++
		}
		return p.s[start:p.i], p.i > start
	}
	var b strings.Builder
	for p.i++; !p.done(); p.i++ {
		switch c := p.s[p.i]; c {
		case '"':
			p.i++
			return b.String(), true
		case '\\':
			if p.i+1 < len(p.s) {
				p.i++
				b.WriteByte(p.s[p.i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", false // unterminated
}

// token reads RFC 9110 tchars.
func (p *linkParser) token() string {
	start := p.i
	for !p.done() && isTokenChar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// skipToNextLink passes the rest of a malformed link-value: up to the next
// comma that is outside <…> and outside a quoted string.
func (p *linkParser) skipToNextLink() {
	inURL, inQuote := false, false
	for ; !p.done(); p.i++ {
		c := p.s[p.i]
		switch {
		case inQuote && c == '\\':
			p.i++
		case inQuote:
			inQuote = c != '"'
		case c == '"' && !inURL:
			inQuote = true
		case c == '<':
			inURL = true
		case c == '>':
			inURL = false
		case c == ',' && !inURL:
			p.i++
			return
		}
	}
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
