package api

import "net/url"

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
