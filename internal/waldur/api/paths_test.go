package api

import "testing"

func TestFilterQuery(t *testing.T) {
	t.Parallel()
	got := filterQuery(OrderListFilter{ProjectUUID: "p", States: []string{OrderDone, OrderErred}, Ordering: "-created"}).Encode()
	if want := "o=-created&project_uuid=p&state=done&state=erred"; got != want {
		t.Errorf("order filter query %q, want %q", got, want)
	}
	got = filterQuery(ResourceListFilter{NameExact: "k8s", Query: "x"}).Encode()
	if want := "name_exact=k8s&query=x"; got != want {
		t.Errorf("resource filter query %q, want %q", got, want)
	}
}
