package chaos

import "testing"

// One test per resource type, so that `go test -run` can pick one and the
// summary names it. Each runs runChaos; see scenario_test.go.

func TestAccChaos_WaldurOrder(t *testing.T) { runChaos(t, "cloudorder_waldur_order") }

func TestAccChaos_HostwayVPS(t *testing.T) { runChaos(t, "cloudorder_hostway_vps") }

func TestAccChaos_AwanioVirtualMachine(t *testing.T) {
	runChaos(t, "cloudorder_awanio_virtual_machine")
}

func TestAccChaos_AwanioVolume(t *testing.T) { runChaos(t, "cloudorder_awanio_volume") }

func TestAccChaos_AwanioProject(t *testing.T) { runChaos(t, "cloudorder_awanio_project") }

func TestAccChaos_AwanioVPC(t *testing.T) { runChaos(t, "cloudorder_awanio_vpc") }

func TestAccChaos_AwanioKubernetesCluster(t *testing.T) {
	runChaos(t, "cloudorder_awanio_kubernetes_cluster")
}

func TestAccChaos_WaldurResource(t *testing.T) { runChaos(t, "cloudorder_waldur_resource") }

func TestAccChaos_WaldurKubernetesCluster(t *testing.T) {
	runChaos(t, "cloudorder_waldur_kubernetes_cluster")
}

func TestAccChaos_AwanioBaremetal(t *testing.T) { runChaos(t, "cloudorder_awanio_baremetal") }

func TestAccChaos_AwanioBucket(t *testing.T) { runChaos(t, "cloudorder_awanio_bucket") }

func TestAccChaos_AwanioObjectStorage(t *testing.T) {
	runChaos(t, "cloudorder_awanio_object_storage")
}

func TestAccChaos_AwanioOrganization(t *testing.T) {
	runChaos(t, "cloudorder_awanio_organization")
}

func TestAccChaos_AwanioOrganizationMember(t *testing.T) {
	runChaos(t, "cloudorder_awanio_organization_member")
}
