package api

import (
	"net/url"
	"reflect"
)

// The API paths this client uses, relative to the API root ({endpoint}/api/).
// Collections end in a slash, as Waldur's router expects.
const (
	ordersPath    = "marketplace-orders/"
	resourcesPath = "marketplace-resources/"
	// projectsPath and publicOfferingsPath are the collections whose
	// hyperlinks Waldur takes for project, offering and plan.
	projectsPath        = "projects"
	publicOfferingsPath = "marketplace-public-offerings"
	plansPath           = "plans"
)

// orderPath is an order, or one of its actions: marketplace-orders/{uuid}/{action}/.
func orderPath(uuid string, action ...string) string { return objectPath(ordersPath, uuid, action) }

// resourcePath is a marketplace resource, or one of its actions.
func resourcePath(uuid string, action ...string) string {
	return objectPath(resourcesPath, uuid, action)
}

func objectPath(collection, uuid string, action []string) string {
	p := collection + url.PathEscape(uuid) + "/"
	for _, a := range action {
		p += a + "/"
	}
	return p
}

// filterQuery is the query of a list filter (OrderListFilter,
// ResourceListFilter): each field tagged query:"name" that is set becomes
// name=value; a list field repeats its name (state=OK&state=Erred), as
// Waldur's filters expect. Empty fields are left out.
func filterQuery(filter any) url.Values {
	q := url.Values{}
	v := reflect.ValueOf(filter)
	for i := range v.NumField() {
		name := v.Type().Field(i).Tag.Get("query")
		if name == "" {
			continue
		}
		switch f := v.Field(i).Interface().(type) {
		case string:
			if f != "" {
				q.Set(name, f)
			}
		case []string:
			for _, s := range f {
				q.Add(name, s)
			}
		}
	}
	return q
}
