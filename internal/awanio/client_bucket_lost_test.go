package awanio_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// The answer to the bucket's create is lost after the bucket was made and
// the first lookup fails: the create succeeds all the same, without a
// second POST, instead of leaving a bucket that no state tracks.
func TestClientBucketCreateLostAnswerThenFailedLookup(t *testing.T) {
	c, m, seed := mockClient(t)
	g := awanio.ProjectGroup(seed.ProjectUUID)
	if _, err := c.CreateObjectStorage(t.Context(), g, awanio.ObjectStorageCreateRequest{SubdomainName: "lost-bucket"}); err != nil {
		t.Fatal(err)
	}
	path := mockcloud.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/object-storage/buckets"
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: path, DropAfterProcessing: true})
	m.InjectFault(mockcloud.Fault{Method: http.MethodGet, PathPrefix: path, Status: http.StatusInternalServerError})
	if err := c.CreateBucket(t.Context(), g, "lost"); err != nil {
		t.Fatal(err)
	}
	st, ok := m.Awanio().ObjectStorage("projects", seed.ProjectUUID)
	if !ok || st.Buckets["lost"] == nil || len(st.Buckets) != 1 {
		t.Fatalf("mock holds %+v (%v), want the one bucket \"lost\"", st.Buckets, ok)
	}
	if left := m.Faults(); len(left) != 0 {
		t.Fatalf("faults left unused: %+v", left)
	}
}

// A bucket that existed before the create is not adopted: the create
// fails with the API's conflict.
func TestClientBucketCreateDoesNotAdoptAnOlderBucket(t *testing.T) {
	c, _, seed := mockClient(t)
	g := awanio.ProjectGroup(seed.ProjectUUID)
	if _, err := c.CreateObjectStorage(t.Context(), g, awanio.ObjectStorageCreateRequest{SubdomainName: "old-bucket"}); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(t.Context(), g, "taken"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(t.Context(), g, "taken"); err == nil {
		t.Fatal("a second create of an existing bucket succeeded; want the conflict")
	}
}
