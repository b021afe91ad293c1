// Package awanio holds the Awanio resources and data sources, on one
// lifecycle: lifecycle.go (every resource), compute.go (VMs and baremetal
// servers), data_source_helpers.go (every data source) and owner.go (owners
// and UUIDs). The API client is the api subpackage. README.md in this
// folder explains the bases and how to add an object.
package awanio

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the Awanio resource types the provider registers.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		NewOrganizationResource,
		NewOrganizationMemberResource,
		NewProjectResource,
		NewVPCResource,
		NewVolumeResource,
		NewObjectStorageResource,
		NewBucketResource,
		NewKubernetesClusterResource,
		// Virtual machines and baremetal servers (issue 5b).
		NewVirtualMachineResource,
		NewBaremetalResource,
	}
}

// DataSources are the Awanio data source types the provider registers.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewOrganizationsDataSource,
		NewProjectsDataSource,
		NewVolumesDataSource,
		NewVPCsDataSource,
		NewInvoicesDataSource,
		NewCataloguesDataSource,
		NewPricingDataSource,
		NewKubernetesVersionsDataSource,
		// Virtual machines and baremetal servers (issue 5b).
		NewVirtualMachinesDataSource,
		NewBaremetalMachinesDataSource,
	}
}

// EphemeralResources are the Awanio ephemeral resource types (Terraform
// 1.10+) the provider registers.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		// Kubernetes (issue 5c).
		NewKubeconfigEphemeralResource,
	}
}
