package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// twoRuns is one mock and the clients of two provider processes of one
// working directory (one journal directory), each logged in.
func twoRuns(t *testing.T) (first, next *api.Client, firstJ *journal.Journal, mock *testutil.Mock) {
	t.Helper()
	mock = testutil.NewMock(t)
	dir := t.TempDir()
	first, next = demoClient(t, mock, waiter.Options{}), demoClient(t, mock, waiter.Options{})
	firstJ = journal.NewUncached(dir, "default")
	first.SetJournal(firstJ)
	next.SetJournal(journal.NewUncached(dir, "default"))
	return first, next, firstJ, mock
}

// The kinds with one object per key (object storage per group, bucket per
// name, membership per user): a create whose run was killed before
// Terraform recorded it is adopted by the next run's create of the same
// object, without a POST (which would meet the conflict); one that was
// there before any create of this directory is not, and the conflict says
// how to import it.
func TestClientOnePerKeyKindsAdoptThroughTheJournal(t *testing.T) {
	first, next, firstJ, mock := twoRuns(t)
	seed := mock.Seed.Awanio
	g := api.ProjectGroup(seed.ProjectUUID)
	storage := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/object-storage"
	members := awaniomock.AwanioPrefix + "/organizations/" + seed.OrganizationUUID + "/members"
	req := api.ObjectStorageCreateRequest{SubdomainName: "journaled"}

	// The first run makes all three, and is killed before Terraform
	// records them.
	if _, _, err := first.CreateObjectStorageOnce(t.Context(), g, req); err != nil {
		t.Fatal(err)
	}
	if err := first.CreateBucket(t.Context(), g, "kept"); err != nil {
		t.Fatal(err)
	}
	if err := first.AddOrganizationMemberOnce(t.Context(), seed.OrganizationUUID, seed.ColleagueUUID); err != nil {
		t.Fatal(err)
	}
	firstJ.Abandon()

	mock.Server.ResetCounters()
	s, keysLost, err := next.CreateObjectStorageOnce(t.Context(), g, req)
	if err != nil || s == nil || !keysLost {
		t.Fatalf("object storage: %+v, keysLost %v, %v; want the first run's adopted, its keys lost", s, keysLost, err)
	}
	if err := next.CreateBucket(t.Context(), g, "kept"); err != nil {
		t.Fatalf("bucket: %v; want the first run's adopted", err)
	}
	if err := next.AddOrganizationMemberOnce(t.Context(), seed.OrganizationUUID, seed.ColleagueUUID); err != nil {
		t.Fatalf("membership: %v; want the first run's adopted", err)
	}
	for _, path := range []string{storage, storage + "/buckets", members} {
		if n := countRequests(mock.Server, http.MethodPost, path); n != 0 {
			t.Errorf("%d POSTs to %s; want none: adopted through the journal", n, path)
		}
	}

	// Made before (by the first run, whose entries are settled now): not
	// adopted again, and the conflict names the import.
	if err := next.CreateBucket(t.Context(), g, "kept"); !apiclient.IsConflict(err) || !strings.Contains(err.Error(), "terraform import <address> projects/"+seed.ProjectUUID+"/kept") {
		t.Fatalf("bucket made before: %v; want the conflict with the import", err)
	}
	if _, _, err := next.CreateObjectStorageOnce(t.Context(), g, req); !apiclient.IsConflict(err) || !strings.Contains(err.Error(), "terraform import <address> projects/"+seed.ProjectUUID) {
		t.Fatalf("object storage made before: %v; want the conflict with the import", err)
	}
}
