package api_test

import (
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// The answer to the bucket's create is lost after the bucket was made and
// the first lookup fails: the create succeeds all the same, without a
// second POST, instead of leaving a bucket that no state tracks.
func TestClientBucketCreateLostAnswerThenFailedLookup(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	if _, err := c.CreateObjectStorage(t.Context(), g, api.ObjectStorageCreateRequest{SubdomainName: "lost-bucket"}); err != nil {
		t.Fatal(err)
	}
	loseCreateAnswer(m, "/projects/"+seed.ProjectUUID+"/object-storage/buckets", true)
	if err := c.CreateBucket(t.Context(), g, "lost"); err != nil {
		t.Fatal(err)
	}
	st, ok := m.Awanio().ObjectStorage("projects", seed.ProjectUUID)
	if !ok || st.Buckets["lost"] == nil || len(st.Buckets) != 1 {
		t.Fatalf("mock holds %+v (%v), want the one bucket \"lost\"", st.Buckets, ok)
	}
	noFaultsLeft(t, m)
}

// A bucket that existed before the create is not adopted: the create
// fails with the API's conflict.
func TestClientBucketCreateDoesNotAdoptAnOlderBucket(t *testing.T) {
	c, _, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	if _, err := c.CreateObjectStorage(t.Context(), g, api.ObjectStorageCreateRequest{SubdomainName: "old-bucket"}); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(t.Context(), g, "taken"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(t.Context(), g, "taken"); err == nil {
		t.Fatal("a second create of an existing bucket succeeded; want the conflict")
	}
}

// The answer to the object storage's create is lost after it was made: the
// storage is found without a second POST and reported as having lost its
// keys, which only that answer showed.
func TestClientObjectStorageCreateLostAnswer(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	loseCreateAnswer(m, "/projects/"+seed.ProjectUUID+"/object-storage", false)
	s, keysLost, err := c.CreateObjectStorageOnce(t.Context(), g, api.ObjectStorageCreateRequest{SubdomainName: "lost-store"})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := m.Awanio().ObjectStorage("projects", seed.ProjectUUID)
	if !ok || got.UUID != s.UUID || !keysLost {
		t.Fatalf("mock holds %+v (%v), returned %s with keysLost %v; want the one storage, keys lost", got, ok, s.UUID, keysLost)
	}
	// Answered normally, the keys come with it.
	g2 := api.OrganizationGroup(seed.OrganizationUUID)
	if _, keysLost, err := c.CreateObjectStorageOnce(t.Context(), g2, api.ObjectStorageCreateRequest{SubdomainName: "org-store"}); err != nil || keysLost {
		t.Fatalf("keysLost %v, err %v; want the keys, no error", keysLost, err)
	}
}

// The answer to adding a member is lost after the user was added: the add
// succeeds all the same, without a second POST, instead of leaving a
// membership that no state tracks.
func TestClientOrganizationMemberAddLostAnswer(t *testing.T) {
	c, m, seed := mockClient(t)
	loseCreateAnswer(m, "/organizations/"+seed.OrganizationUUID+"/members", false)
	if err := c.AddOrganizationMemberOnce(t.Context(), seed.OrganizationUUID, seed.ColleagueUUID); err != nil {
		t.Fatal(err)
	}
	o, _ := m.Awanio().Organization(seed.OrganizationUUID)
	if _, ok := o.Members[seed.ColleagueUUID]; !ok {
		t.Fatalf("members %v, want the colleague", o.Members)
	}
	noFaultsLeft(t, m)
	// Adding an existing member again is the API's conflict, not adopted.
	if err := c.AddOrganizationMemberOnce(t.Context(), seed.OrganizationUUID, seed.ColleagueUUID); err == nil {
		t.Fatal("adding an existing member succeeded; want the conflict")
	}
}
