package waldur

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Lists: DRF's page-number pagination with Waldur's Link header, and
// django-filter's parameter rules and messages.

const (
	defaultPageSize = 10
	maxPageSize     = 300
)

// paginate cuts one page out of items, as DRF's page-number pagination does,
// and returns it with Waldur's X-Result-Count and Link headers. A page out
// of range is DRF's 404 "Invalid page.".
func paginate[T any](c *call, items []T) ([]T, http.Header, reply, bool) {
	q := c.r.URL.Query()
	size := defaultPageSize
	if n, err := strconv.Atoi(q.Get("page_size")); err == nil && n > 0 {
		size = min(n, maxPageSize)
	}
	count := len(items)
	pages := max(1, (count+size-1)/size)
	page := 1
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case s == "last":
			page = pages
		case err != nil || n < 1 || n > pages:
			return nil, nil, detail(http.StatusNotFound, "Invalid page."), false
		default:
			page = n
		}
	}

	self := c.base + c.r.URL.RequestURI()
	var links []string
	addLink := func(p int, rel string) {
		links = append(links, fmt.Sprintf("<%s>; rel=%q", pageURL(self, p, rel == "prev"), rel))
	}
	addLink(1, "first")
	if page > 1 {
		addLink(page-1, "prev")
	}
	if page < pages {
		addLink(page+1, "next")
	}
	addLink(pages, "last")
	header := http.Header{}
	header.Set("Link", strings.Join(links, ", "))
	header.Set("X-Result-Count", strconv.Itoa(count))

	start := (page - 1) * size
	return items[start:min(start+size, count)], header, reply{}, true
}

// listReply renders one page of items.
func listReply[T, V any](c *call, items []T, render func(T) V) reply {
	page, header, rep, ok := paginate(c, items)
	if !ok {
		return rep
	}
	views := make([]V, 0, len(page))
	for _, it := range page {
		views = append(views, render(it))
	}
	return reply{status: http.StatusOK, body: views, header: header}
}

// countReply answers Waldur's HEAD count endpoints: no body, X-Result-Count.
func countReply(n int) reply {
	return reply{status: http.StatusOK, header: http.Header{"X-Result-Count": {strconv.Itoa(n)}}}
}

// listFiltered answers a collection's GET: one page of the items filter
// selects (or filter's 400).
func listFiltered[T, V any](c *call, filter func(*call) ([]T, reply, bool), render func(T) V) reply {
	items, rep, ok := filter(c)
	if !ok {
		return rep
	}
	return listReply(c, items, render)
}

// countFiltered answers a collection's HEAD: how many items filter selects.
func countFiltered[T any](c *call, filter func(*call) ([]T, reply, bool)) reply {
	items, rep, ok := filter(c)
	if !ok {
		return rep
	}
	return countReply(len(items))
}

// pageURL is DRF's replace_query_param (keys sorted), or for the link back
// to page 1 its remove_query_param.
func pageURL(self string, page int, isPrev bool) string {
	u, err := url.Parse(self)
	if err != nil {
		return self
	}
	q := u.Query()
	if isPrev && page == 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(page))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// filters reads list query parameters; empty values are ignored, as
// django-filter does, and bad values collect DRF-shaped errors.
type filters struct {
	q    url.Values
	errs fieldErrors
}

func (c *call) filters() *filters {
	return &filters{q: c.r.URL.Query(), errs: fieldErrors{}}
}

func (f *filters) values(name string, commaSeparated bool) []string {
	var out []string
	for _, v := range f.q[name] {
		parts := []string{v}
		if commaSeparated {
			parts = strings.Split(v, ",")
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func (f *filters) text(name string) string { return strings.TrimSpace(f.q.Get(name)) }

// uuids reads a UUID filter (one value, or several when commaSeparated) and
// returns the hex forms.
func (f *filters) uuids(name string, commaSeparated bool) []string {
	var out []string
	for _, v := range f.values(name, commaSeparated) {
		id, ok := normalizeUUID(v)
		if !ok {
			f.errs.add(name, "Enter a valid UUID.")
			return nil
		}
		out = append(out, id)
	}
	return out
}

func (f *filters) uuid(name string) string {
	ids := f.uuids(name, false)
	if len(ids) == 0 {
		return ""
	}
	return ids[len(ids)-1]
}

func (f *filters) choices(name string, allowed []string, commaSeparated bool) []string {
	vals := f.values(name, commaSeparated)
	for _, v := range vals {
		if !slices.Contains(allowed, v) {
			f.errs.add(name, fmt.Sprintf("Select a valid choice. %s is not one of the available choices.", v))
			return nil
		}
	}
	return vals
}

var filterTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999",
	"2006-01-02 15:04:05.999999Z07:00",
	"2006-01-02 15:04:05.999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	time.DateOnly,
}

// since reads a "created after"-style datetime filter; zero when absent.
func (f *filters) since(name string) time.Time {
	s := f.text(name)
	if s == "" {
		return time.Time{}
	}
	// An unencoded "+" in an offset arrives as a space.
	if i := strings.LastIndex(s, " "); i > 10 && len(s)-i == 6 {
		s = s[:i] + "+" + s[i+1:]
	}
	for _, layout := range filterTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	f.errs.add(name, "Enter a valid date/time.")
	return time.Time{}
}

// ordering reads "o" (comma-separated, "-" for descending).
func (f *filters) ordering(allowed []string) []string {
	var all []string
	for _, a := range allowed {
		all = append(all, a, "-"+a)
	}
	return f.choices("o", all, true)
}

func (f *filters) failed() (reply, bool) {
	if len(f.errs) > 0 {
		return f.errs.reply(), true
	}
	return reply{}, false
}

// sortItems orders items by the "o" keys, then newest first (Waldur's
// default), then by creation sequence so equal timestamps list stably.
func sortItems[T any](items []T, keys []string, by map[string]func(a, b T) int, created func(T) (time.Time, uint64)) {
	slices.SortStableFunc(items, func(a, b T) int {
		for _, k := range keys {
			desc := strings.HasPrefix(k, "-")
			if c := by[strings.TrimPrefix(k, "-")](a, b); c != 0 {
				if desc {
					return -c
				}
				return c
			}
		}
		ta, sa := created(a)
		tb, sb := created(b)
		if c := tb.Compare(ta); c != 0 {
			return c
		}
		return cmp.Compare(sb, sa)
	})
}

func containsFold(haystack, needle string) bool {
	return strings.Contains(strings.ToLower(haystack), strings.ToLower(needle))
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedKeys(m map[string]int) []string { return mapKeys(m) }

// compareDecimal orders decimal strings; "" (null) sorts first, as NULLs
// do in Waldur's ascending orderings.
func compareDecimal(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	case b == "":
		return 1
	}
	return cmp.Compare(decimalFloat(a), decimalFloat(b))
}

func compareTimePtr(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}
