package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewPricingDataSource is the cloudorder_awanio_pricing data source.
var NewPricingDataSource = newDataSource(&dataKind[pricingDataModel]{
	suffix: "_awanio_pricing",
	description: "Lists Awanio's price plans. Their UUIDs are what resources call `instance_type_uuid` (VMs), " +
		"`pricing_uuid` (volumes, Kubernetes clusters) and so on; `suitable_for` says which.",
	args: map[string]schema.Attribute{
		"suitable_for": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only plans for `vm`, `baremetal`, `volume` or `pods` (Kubernetes). All plans when omitted.",
			Validators: []validator.String{stringvalidator.OneOf(
				api.SuitableForVM, api.SuitableForBaremetal, api.SuitableForVolume, api.SuitableForPods)},
		},
		"instance_type": filterArg("Only the plan(s) with this instance type, for example `s-a`."),
	},
	results: pricingResults,
	read:    readPricing,
	failure: readError("pricings"),
})

var pricingResults = &results[api.Pricing]{"pricings", "The matching plans.", []column[api.Pricing]{
	uuidCol("UUID of the plan.", func(p *api.Pricing) string { return p.UUID }),
	apiTextCol("instance_type", "Instance type, for example `s-a` or `v-10`.", func(p *api.Pricing) api.String { return p.InstanceType }),
	apiTextCol("suitable_for", "`vm`, `baremetal`, `volume` or `pods`.", func(p *api.Pricing) api.String { return p.SuitableFor }),
	apiTextCol("availability", "`available` or not.", func(p *api.Pricing) api.String { return p.Availability }),
	apiTextCol("plans_type", "Plan family, for example `standard` or `ssd`.", func(p *api.Pricing) api.String { return p.PlansType }),
	apiFloatCol("vcpu_core", "vCPU cores.", func(p *api.Pricing) api.Float { return p.VCPUCore }),
	apiFloatCol("ram_mb", "Memory in MB.", func(p *api.Pricing) api.Float { return p.RAMMB }),
	apiFloatCol("storage_gb", "Storage in GB (a volume plan's size).", func(p *api.Pricing) api.Float { return p.StorageGB }),
	apiFloatCol("transfer_tb", "Included transfer in TB.", func(p *api.Pricing) api.Float { return p.TransferTB }),
	apiFloatCol("price_per_month", "Price per month.", func(p *api.Pricing) api.Float { return p.PricePerMonth }),
	apiFloatCol("price_per_hour", "Price per hour.", func(p *api.Pricing) api.Float { return p.PricePerHour }),
	apiFloatCol("price_per_year", "Price per year.", func(p *api.Pricing) api.Float { return p.PricePerYear }),
	apiTextCol("pricing_unit", "Unit the plan is billed by, for example `hour`.", func(p *api.Pricing) api.String { return p.PricingUnit }),
}}

func readPricing(ctx context.Context, client *api.Client, m *pricingDataModel, _ *diag.Diagnostics) error {
	pricings, err := client.ListPricings(ctx, m.SuitableFor.ValueString())
	if err != nil {
		return err
	}
	// The API filters; filter again in case it ignored the parameter.
	m.Pricings = pricingResults.filtered(pricings, func(p *api.Pricing) bool {
		return matches(m.SuitableFor, string(p.SuitableFor)) && matches(m.InstanceType, string(p.InstanceType))
	})
	return nil
}

type pricingDataModel struct {
	SuitableFor  types.String `tfsdk:"suitable_for"`
	InstanceType types.String `tfsdk:"instance_type"`
	Pricings     types.List   `tfsdk:"pricings"`
}
