package mockcloud

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Router is a small method+path table; each mocked API answers through one. The standard ServeMux cannot be used
// as is: its patterns ending in "/" match whole subtrees, it answers 405 and
// redirects in its own words, and each mocked API words those answers
// differently (Waldur answers in DRF's JSON, Hostway in plain text, ...).
type Router struct {
	routes []*route

	// AppendSlash mimics Django's APPEND_SLASH: a GET or HEAD for a path
	// without its trailing slash is redirected (301) when the slashed path
	// exists; other methods get notFound.
	AppendSlash bool

	// NotFound answers a path no route has; MethodNotAllowed a path that
	// only other methods have (allowed lists them, sorted).
	NotFound         http.Handler
	MethodNotAllowed func(allowed []string) http.Handler
}

type route struct {
	method  string
	pattern string
	segs    []string
	handler http.Handler
}

// Handle adds a route: pattern segments in braces are path parameters.
func (rt *Router) Handle(method, pattern string, h http.Handler) {
	rt.routes = append(rt.routes, &route{
		method:  method,
		pattern: pattern,
		segs:    strings.Split(pattern, "/"),
		handler: h,
	})
}

// resolve decides, before anything runs, which handler answers r and under
// which key the request is counted ("GET /api/marketplace-orders/{uuid}/").
// Path parameters are stored on r (r.PathValue) and r.Pattern is set.
func (rt *Router) resolve(r *http.Request) (key string, h http.Handler) {
	method := r.Method
	// Match the escaped path, so that an escaped "/" inside a parameter
	// (an object name "dir/file" in a bucket) stays in its segment.
	found, params, allowed := rt.match(method, r.URL.EscapedPath())
	if found != nil {
		for name, value := range params {
			if v, err := url.PathUnescape(value); err == nil {
				value = v
			}
			r.SetPathValue(name, value)
		}
		r.Pattern = method + " " + found.pattern
		return r.Pattern, found.handler
	}
	if len(allowed) > 0 {
		return method + " (method not allowed)", rt.MethodNotAllowed(allowed)
	}
	if rt.AppendSlash && (method == http.MethodGet || method == http.MethodHead) && !strings.HasSuffix(r.URL.Path, "/") {
		if found, _, _ := rt.match(http.MethodGet, r.URL.Path+"/"); found != nil {
			return method + " (redirect)", redirectSlash()
		}
	}
	return method + " (not found)", rt.NotFound
}

// match returns the route for method and path. When the path exists only for
// other methods it returns those methods instead, so the caller answers 405.
func (rt *Router) match(method, path string) (*route, map[string]string, []string) {
	segs := strings.Split(path, "/")
	var allowed []string
	var getRoute *route
	var getParams map[string]string
	for _, r := range rt.routes {
		params, ok := MatchSegments(r.segs, segs)
		if !ok {
			continue
		}
		if r.method == method {
			return r, params, nil
		}
		if method == http.MethodHead && r.method == http.MethodGet && getRoute == nil {
			getRoute, getParams = r, params
		}
		allowed = append(allowed, r.method)
	}
	if getRoute != nil {
		// HEAD falls back to GET as in Django; net/http drops the body.
		return getRoute, getParams, nil
	}
	sort.Strings(allowed)
	return nil, nil, allowed
}

// MatchSegments matches a path split at "/" against a pattern split the
// same way, and returns the values of the pattern's {parameters}.
func MatchSegments(pattern, path []string) (map[string]string, bool) {
	if len(pattern) != len(path) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if path[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = path[i]
			continue
		}
		if p != path[i] {
			return nil, false
		}
	}
	return params, true
}

func redirectSlash() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusMovedPermanently)
	})
}
