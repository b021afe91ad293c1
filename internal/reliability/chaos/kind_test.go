package chaos

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Object is one live object of a kind in the mock: something a user pays for
// and that Terraform must track exactly once.
type Object struct {
	ID string
	// Name is what the configuration named it (objectName(i)); two live
	// objects with one name are a duplicate.
	Name string
	// Inert marks an object that exists but holds nothing, such as an erred
	// order: a state entry may track it, but left behind it is no orphan.
	Inert bool
	// AltID is another id a state entry may track the object by, e.g. the
	// Hostway order that placed a product before the product's id is known.
	AltID string
}

// Kind is what the suite needs to know about one resource type. Each kind
// lives in its own kind_<type>_test.go and registers itself in init.
type Kind struct {
	// Name is the Terraform resource type, e.g. "cloudorder_awanio_vpc".
	Name string
	// Config returns the provider block and n resources of the type, named
	// resourceName(i), whose objects are named objectName(i). It is called
	// once per test and may prepare the mock (e.g. add projects).
	Config func(env *acctest.Env, n int) string
	// Live lists the objects of this type that exist in the mock (being
	// deleted counts as existing: it is not gone yet).
	Live func(env *acctest.Env) []Object
	// StateID returns the mock's id of the object a state entry tracks;
	// nil means the "id" attribute.
	StateID func(attrs map[string]any) string
	// Delete removes an object out of band, as a user in the web console.
	Delete func(env *acctest.Env, id string) bool
	// Create matches the request that creates an object (Method, PathPrefix
	// and BodyContains only); lost answers and slow answers are aimed at it.
	Create func(env *acctest.Env) mockcloud.Fault
	// Fail, when set, makes the creation of the object named name end in an
	// error (an order that errs) until undo is called.
	Fail func(env *acctest.Env, name string) (undo func())
	// ReusesID is set when an object's id is its name or owner (a bucket,
	// an object storage): the object recreated after an out-of-band
	// delete has the deleted one's id, so the suite checks only that it
	// is live and tracked again.
	ReusesID bool
	// Options are extra mock options, e.g. delays.
	Options []mockcloud.Option
}

var kinds = map[string]Kind{}

// Register adds a kind; a second kind of the same type is a bug.
func Register(k Kind) {
	if k.Name == "" || k.Config == nil || k.Live == nil || k.Delete == nil || k.Create == nil {
		panic("chaos: Register: Name, Config, Live, Delete and Create are required")
	}
	if _, dup := kinds[k.Name]; dup {
		panic("chaos: Register: " + k.Name + " registered twice")
	}
	kinds[k.Name] = k
}

// forEachKind runs test for every registered kind, as a subtest named
// after the type, in a stable order.
func forEachKind(t *testing.T, test func(t *testing.T, kindName string)) {
	names := make([]string, 0, len(kinds))
	for name := range kinds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { test(t, name) })
	}
}

func lookup(name string) Kind {
	k, ok := kinds[name]
	if !ok {
		panic("chaos: no kind " + name)
	}
	return k
}

// resourceName is the Terraform name of the i-th resource.
func resourceName(i int) string { return fmt.Sprintf("r%d", i) }

// objectName is the name (title, label, hostname ...) of the i-th object.
// It is short and DNS-safe so that every API accepts it.
func objectName(i int) string { return fmt.Sprintf("chaos-%d", i) }

// canonicalID compares ids the way the APIs do: UUIDs with or without
// dashes, in any case.
func canonicalID(id string) string { return strings.ToLower(strings.ReplaceAll(id, "-", "")) }

// stringAttr reads a string attribute of a state entry.
func stringAttr(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	return s
}
