package awanio

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// cloudorder_awanio_baremetal, on the compute base (compute.go). Its
// status comes from a status endpoint of its own.

// NewBaremetalResource is the cloudorder_awanio_baremetal resource.
var NewBaremetalResource = newObject[baremetalModel](computeKind[baremetalModel](
	"_awanio_baremetal",
	"An Awanio baremetal server: an operating system deployed on one of the available machines "+
		"(see the `cloudorder_awanio_baremetal_machines` data source). Creating it waits until its status is `Deployed`; "+
		"a failed deployment is kept as tainted. Awanio documents no update, so every argument except `timeouts` replaces it.",
	baremetalAttributes(),
	computeCalls[baremetalModel, baremetalRead]{
		what: "baremetal server", short: "server", object: "Baremetal server", service: "baremetal", defaultUser: defaultBaremetalUsername,
		create: func(c *api.Client, ctx context.Context, g api.Group, m *baremetalModel, password string) (*baremetalRead, error) {
			b, err := c.CreateBaremetal(ctx, g, m.toCreate(password))
			return &baremetalRead{b, api.BaremetalDeploying}, err
		},
		waitReady: func(c *api.Client, ctx context.Context, g api.Group, id string) (*baremetalRead, error) {
			if err := c.WaitForBaremetal(ctx, g, id, api.BaremetalDeployed); err != nil {
				return nil, err
			}
			b, err := readBaremetal(ctx, c, g, id)
			if err != nil {
				return nil, tainted("Could not read the deployed Awanio baremetal server", "Baremetal server "+id, err)
			}
			return b, nil
		},
		get: func(c *api.Client, ctx context.Context, g api.Group, id string) (*baremetalRead, error) {
			return readBaremetal(ctx, c, g, id)
		},
		fromAPI: (*baremetalModel).fromAPI,
		del:     (*api.Client).DeleteBaremetal,
		waitGone: func(c *api.Client, ctx context.Context, g api.Group, id string) error {
			return c.WaitForBaremetal(ctx, g, id, waiter.StateGone)
		},
		notReady: "The Awanio baremetal server was not deployed",
		notGone:  "The Awanio baremetal server was not released",
		// compute_same_config is never returned: recorded as planned.
		keep: func(plan, state *baremetalModel) { state.ComputeSameConfig = plan.ComputeSameConfig },
	},
))

// baremetalRead is a server as the calls read it: the object, and its
// status from the status endpoint.
type baremetalRead struct {
	*api.Baremetal
	status string
}

// readBaremetal reads a server and its status.
func readBaremetal(ctx context.Context, c *api.Client, g api.Group, id string) (*baremetalRead, error) {
	b, err := c.GetBaremetal(ctx, g, id)
	if err != nil {
		return nil, err
	}
	status, err := c.BaremetalStatus(ctx, g, id)
	if err != nil {
		return nil, err
	}
	return &baremetalRead{b, status}, nil
}

// billingPeriods are the price fields a baremetal server can be billed by.
var billingPeriods = []string{"price_per_hour", "price_per_month", "price_per_three_month", "price_per_six_month", "price_per_year"}

// baremetalAttributes are the server's own attributes (computeCalls.attributes
// adds the shared ones).
func baremetalAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"machine_name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of the machine to deploy on, from the `cloudorder_awanio_baremetal_machines` data source " +
				"(Awanio's examples also use `<name>.<pricing uuid>`). Changing it replaces the server.",
			Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
			PlanModifiers: replace,
		},
		"billing_period": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "How the server is billed: `price_per_hour`, `price_per_month`, `price_per_three_month`, `price_per_six_month` or `price_per_year`. Changing it replaces the server.",
			Validators:          []validator.String{stringvalidator.OneOf(billingPeriods...)},
			PlanModifiers:       replace,
		},
		"compute_same_config": schema.Int64Attribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Sent as the seed's `compute_same_config`, an integer Awanio does not explain: its create example " +
				"sends 0 and its answer shows 1 (the default here). Only 0 and 1 are accepted, so that one resource stays one server. " +
				"Awanio never returns it: changing a known value replaces the server.",
			Validators:    []validator.Int64{int64validator.Between(0, 1)},
			PlanModifiers: []planmodifier.Int64{int64DefaultOnCreate(1), replaceIfKnownInt64()},
		},
		"machine_uuid":  stableString("UUID of the machine the server runs on."),
		"instance_type": stableString("Instance type of the machine, for example `bh-a`."),
		"pricing_uuid":  stableString("UUID of the machine's price plan."),
		"vcpu_core":     computedFloat64("CPU cores of the machine."),
		"ram_mb":        computedInt64("Memory of the machine in MB."),
		"storage_gb":    computedInt64("Storage of the machine in GB."),
		"status":        computedString("Status from Awanio's status endpoint: `Deploying`, `Deployed`, `Failed deployment`, ..."),
	}
}

// baremetalModel is cloudorder_awanio_baremetal in Terraform.
type baremetalModel struct {
	computeFields
	MachineName       types.String `tfsdk:"machine_name"`
	BillingPeriod     types.String `tfsdk:"billing_period"`
	ComputeSameConfig types.Int64  `tfsdk:"compute_same_config"`
	MachineUUID       types.String `tfsdk:"machine_uuid"`
	machinePlan
	Status types.String `tfsdk:"status"`
}

// machinePlan is what a machine's price plan says of it, in the server
// and in the baremetal_machines data source.
type machinePlan struct {
	PricingUUID  types.String  `tfsdk:"pricing_uuid"`
	InstanceType types.String  `tfsdk:"instance_type"`
	VCPUCore     types.Float64 `tfsdk:"vcpu_core"`
	RAMMB        types.Int64   `tfsdk:"ram_mb"`
	StorageGB    types.Int64   `tfsdk:"storage_gb"`
}

// fromAPI sets the plan's attributes from p, all null when there is none.
func (m *machinePlan) fromAPI(p *api.Pricing) {
	m.PricingUUID, m.InstanceType = types.StringNull(), types.StringNull()
	m.VCPUCore, m.RAMMB, m.StorageGB = types.Float64Null(), types.Int64Null(), types.Int64Null()
	if p != nil {
		m.PricingUUID = stringOrNull(p.UUID)
		m.InstanceType = stringOrNull(string(p.InstanceType))
		m.VCPUCore = types.Float64Value(float64(p.VCPUCore))
		m.RAMMB = types.Int64Value(int64(p.RAMMB))
		m.StorageGB = types.Int64Value(int64(p.StorageGB))
	}
}

// defaultBaremetalUsername is the login the seed's example uses.
const defaultBaremetalUsername = "root"

// fromAPI sets what Awanio returns; status comes from the status endpoint.
func (m *baremetalModel) fromAPI(g api.Group, r *baremetalRead) {
	b := r.Baremetal
	m.computeFields.fromAPI(g, &b.Server)
	m.MachineUUID = types.StringNull()
	m.machinePlan.fromAPI(nil)
	if mc := b.Machine; mc != nil {
		m.MachineUUID = stringOrNull(mc.UUID)
		// The seed's create sends "Dell.<pricing uuid>" for a machine the
		// API then calls "Dell": keep the configured spelling.
		name := m.MachineName.ValueString()
		if name != mc.Name && !strings.HasPrefix(name, mc.Name+".") {
			m.MachineName = types.StringValue(mc.Name)
		}
		m.machinePlan.fromAPI(mc.Pricing)
	}
	if b.BillingPeriod != "" {
		m.BillingPeriod = types.StringValue(string(b.BillingPeriod))
	}
	m.Status = stringOrNull(r.status)
	m.PrivateIPAddress = stringOrNull(string(b.IPPrivate))
	m.ExternalIPAddress = types.StringNull()
	if b.IPAddress != nil {
		m.ExternalIPAddress = stringOrNull(string(b.IPAddress.AddressString))
	}
	m.accessModel.fromAPI(!m.ExternalIPAddress.IsNull())
}

func (m *baremetalModel) toCreate(password string) api.BaremetalCreateRequest {
	return api.BaremetalCreateRequest{
		ServerCreate:      m.serverCreate(password),
		MachineName:       m.MachineName.ValueString(),
		BillingPeriod:     m.BillingPeriod.ValueString(),
		ComputeSameConfig: int(m.ComputeSameConfig.ValueInt64()),
	}
}
