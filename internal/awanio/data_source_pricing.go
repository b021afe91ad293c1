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
	attributes: pricingAttributes,
	read:       readPricing,
	failure:    readError("pricings"),
})

func pricingAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"suitable_for": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only plans for `vm`, `baremetal`, `volume` or `pods` (Kubernetes). All plans when omitted.",
			Validators: []validator.String{stringvalidator.OneOf(
				api.SuitableForVM, api.SuitableForBaremetal, api.SuitableForVolume, api.SuitableForPods)},
		},
		"instance_type": filterArg("Only the plan(s) with this instance type, for example `s-a`."),
		"pricings": resultList("The matching plans.", map[string]schema.Attribute{
			"uuid":            listedString("UUID of the plan."),
			"instance_type":   listedString("Instance type, for example `s-a` or `v-10`."),
			"suitable_for":    listedString("`vm`, `baremetal`, `volume` or `pods`."),
			"availability":    listedString("`available` or not."),
			"plans_type":      listedString("Plan family, for example `standard` or `ssd`."),
			"vcpu_core":       listedFloat64("vCPU cores."),
			"ram_mb":          listedFloat64("Memory in MB."),
			"storage_gb":      listedFloat64("Storage in GB (a volume plan's size)."),
			"transfer_tb":     listedFloat64("Included transfer in TB."),
			"price_per_month": listedFloat64("Price per month."),
			"price_per_hour":  listedFloat64("Price per hour."),
			"price_per_year":  listedFloat64("Price per year."),
			"pricing_unit":    listedString("Unit the plan is billed by, for example `hour`."),
		}),
	}
}

func readPricing(ctx context.Context, client *api.Client, m *pricingDataModel, diags *diag.Diagnostics) error {
	pricings, err := client.ListPricings(ctx, m.SuitableFor.ValueString())
	if err != nil {
		return err
	}
	// The API filters; filter again in case it ignored the parameter.
	keep := func(p *api.Pricing) bool {
		return matches(m.SuitableFor, string(p.SuitableFor)) && matches(m.InstanceType, string(p.InstanceType))
	}
	m.Pricings = collect(pricings, keep, func(p *api.Pricing) pricingItemModel {
		return pricingItemModel{
			UUID: types.StringValue(p.UUID), InstanceType: str(p.InstanceType), SuitableFor: str(p.SuitableFor),
			Availability: str(p.Availability), PlansType: str(p.PlansType), VCPUCore: float64Value(p.VCPUCore),
			RAMMB: float64Value(p.RAMMB), StorageGB: float64Value(p.StorageGB), TransferTB: float64Value(p.TransferTB),
			PricePerMonth: float64Value(p.PricePerMonth), PricePerHour: float64Value(p.PricePerHour),
			PricePerYear: float64Value(p.PricePerYear), PricingUnit: str(p.PricingUnit),
		}
	})
	return nil
}

type pricingDataModel struct {
	SuitableFor  types.String       `tfsdk:"suitable_for"`
	InstanceType types.String       `tfsdk:"instance_type"`
	Pricings     []pricingItemModel `tfsdk:"pricings"`
}

type pricingItemModel struct {
	UUID          types.String  `tfsdk:"uuid"`
	InstanceType  types.String  `tfsdk:"instance_type"`
	SuitableFor   types.String  `tfsdk:"suitable_for"`
	Availability  types.String  `tfsdk:"availability"`
	PlansType     types.String  `tfsdk:"plans_type"`
	VCPUCore      types.Float64 `tfsdk:"vcpu_core"`
	RAMMB         types.Float64 `tfsdk:"ram_mb"`
	StorageGB     types.Float64 `tfsdk:"storage_gb"`
	TransferTB    types.Float64 `tfsdk:"transfer_tb"`
	PricePerMonth types.Float64 `tfsdk:"price_per_month"`
	PricePerHour  types.Float64 `tfsdk:"price_per_hour"`
	PricePerYear  types.Float64 `tfsdk:"price_per_year"`
	PricingUnit   types.String  `tfsdk:"pricing_unit"`
}
