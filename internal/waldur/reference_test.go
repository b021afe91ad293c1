package waldur

import (
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

func TestRefSpellingKeepsEquivalentPrior(t *testing.T) {
	t.Parallel()
	const hex = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
	apiURL := "http://127.0.0.1:1/api/projects/" + hex + "/"
	if got := refSpelling(api.RefProject, "0a1b2c3d-4e5f-6789-0a1b-2c3d4e5f6789", apiURL); got != "0a1b2c3d-4e5f-6789-0a1b-2c3d4e5f6789" {
		t.Errorf("dashed prior not kept: %q", got)
	}
	if got := refSpelling(api.RefProject, "", apiURL); got != hex {
		t.Errorf("import should store the bare hex UUID, got %q", got)
	}
	if got := refSpelling(api.RefProject, "ffffffffffffffffffffffffffffffff", apiURL); got != hex {
		t.Errorf("drift should show the API's object, got %q", got)
	}
}

func TestCheckPlanOffering(t *testing.T) {
	t.Parallel()
	const o1 = "11111111111111111111111111111111"
	const o2 = "22222222222222222222222222222222"
	plan := "https://h/api/marketplace-public-offerings/" + o1 + "/plans/33333333333333333333333333333333/"
	if _, ok := api.OfferingOfPlanURL(plan); !ok {
		t.Fatal("offering not found in plan URL")
	}
	if err := checkPlanOffering(strValue(plan), strValue(o1)); err != nil {
		t.Errorf("matching offering rejected: %v", err)
	}
	if err := checkPlanOffering(strValue(plan), strValue(o2)); err == nil {
		t.Error("plan of another offering accepted")
	}
}
