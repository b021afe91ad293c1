package acctest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// make testacc-tofu runs the acceptance tests with OpenTofu, whose version
// numbers are its own: OpenTofu 1.10 reports 1.10.x but has no ephemeral
// resources (they came in OpenTofu 1.11), so tfversion.SkipBelow alone
// would run a Terraform 1.10 test on a binary that cannot run it.

// IsOpenTofu reports whether the binary the tests run is OpenTofu, from
// the first line of its `version` output; it asks once per test binary.
func IsOpenTofu() bool { return isOpenTofu() }

var isOpenTofu = sync.OnceValue(func() bool {
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		bin = "terraform"
	}
	out, err := exec.CommandContext(context.Background(), bin, "version").Output() // #nosec G204 -- the binary under test
	return err == nil && strings.HasPrefix(string(out), "OpenTofu")
})

// openTofuEphemeral is the first OpenTofu release with ephemeral resources.
var openTofuEphemeral = version.Must(version.NewVersion("1.11.0"))

// EphemeralResources skips the test where ephemeral resources are missing:
// Terraform below 1.10 and OpenTofu below 1.11.
func EphemeralResources() tfversion.TerraformVersionCheck {
	return ephemeralCheck{}
}

type ephemeralCheck struct{}

func (ephemeralCheck) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if !isOpenTofu() {
		tfversion.SkipBelow(tfversion.Version1_10_0).CheckTerraformVersion(ctx, req, resp)
		return
	}
	if req.TerraformVersion == nil || req.TerraformVersion.Core().LessThan(openTofuEphemeral) {
		resp.Skip = fmt.Sprintf("OpenTofu %s has no ephemeral resources (OpenTofu %s and later have them)", req.TerraformVersion, openTofuEphemeral)
	}
}
