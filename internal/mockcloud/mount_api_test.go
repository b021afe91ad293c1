package mockcloud_test

import (
	"testing"

	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

func TestAwanioIsMountedAtItsPrefix(t *testing.T) {
	s := cloud.New()
	if got := s.RouterFor(awaniomock.AwanioPrefix + "/accounts/login"); got == s.RouterFor("/api/projects/") {
		t.Fatal("Awanio paths go to the Waldur router")
	}
}
