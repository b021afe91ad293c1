package awanio

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewObjectStorageResource is the cloudorder_awanio_object_storage resource.
var NewObjectStorageResource = newObject[objectStorageModel](&kind[objectStorageModel]{
	suffix: "_awanio_object_storage",
	what:   "object storage",
	description: "The S3-compatible object storage of an Awanio project or organization (one per group). " +
		"Creating it returns an access key and a secret key, which Awanio never shows again: they are kept in the state, marked sensitive. " +
		"If the answer to the create is lost on the way, the provider finds the new storage and keeps it in the state as tainted " +
		"(its keys came only with that answer), so the next apply replaces it with one whose keys are known. " +
		"Buckets are `cloudorder_awanio_bucket` resources. Destroying it fails while it still has buckets.",
	attributes: objectStorageAttributes,
	ownedAs:    "object storage",
	timeouts:   timeouts.Opts{Create: true, Read: true, Delete: true},
	create: func(ctx context.Context, o *op, m *objectStorageModel) error {
		g, err := m.resolve(o, "object storage")
		if err != nil {
			return err
		}
		s, keysLost, err := o.client.CreateObjectStorageOnce(ctx, g, api.ObjectStorageCreateRequest{SubdomainName: m.SubdomainName.ValueString()})
		if err != nil {
			return err
		}
		m.fromAPI(g, s)
		if keysLost {
			// Tracked, so not orphaned; tainted, so the next apply replaces
			// the new, still empty storage and gets keys with the answer.
			if err := o.save(ctx, m); err != nil {
				return err
			}
			return tainted("The keys of the new Awanio object storage were lost",
				"The object storage of "+g.String(), errors.New("the answer to its create, the only one that shows the keys, was lost"))
		}
		return nil
	},
	read: func(ctx context.Context, o *op, m *objectStorageModel) error {
		g, err := parseGroupID(m.ID.ValueString())
		if err != nil {
			return invalidID("object storage", err)
		}
		// The keys are kept from the create: a GET never shows them.
		return answered(o.client.GetObjectStorage(ctx, g)).into(func(s *api.ObjectStorage) { m.fromAPI(g, s) })
	},
	// No update: every argument but timeouts replaces the object storage.
	del: func(ctx context.Context, o *op, m *objectStorageModel) error {
		g, err := parseGroupID(m.ID.ValueString())
		if err != nil {
			return invalidID("object storage", err)
		}
		return o.client.DeleteObjectStorage(ctx, g)
	},
	importID: importByGroup,
	importHint: "Import an object storage by its group, for example `terraform import cloudorder_awanio_object_storage.example " +
		"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607`",
})

var subdomainRegexp = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

func objectStorageAttributes() map[string]schema.Attribute {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return map[string]schema.Attribute{
		"id": stableString("The owning group, `projects/<uuid>` or `organizations/<uuid>`: an object storage has no id of its own, there is one per group."),
		"subdomain_name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Subdomain of the storage endpoint (`<subdomain_name>.storage.awanio.com`): 1 to 63 lower-case letters, digits or hyphens. " +
				"Changing it replaces the object storage.",
			Validators: []validator.String{stringvalidator.RegexMatches(subdomainRegexp,
				"must be 1 to 63 lower-case letters, digits or hyphens, not starting or ending with a hyphen")},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"endpoint": stableString("Host name of the S3-compatible endpoint, e.g. `mysubdomain.storage.awanio.com`."),
		"access_key": schema.StringAttribute{
			Computed: true, Sensitive: true,
			MarkdownDescription: "S3 access key. Awanio shows it only when the object storage is created, so it is kept from then on; " +
				"it is null after an import.",
			PlanModifiers: stable,
		},
		"secret_key": schema.StringAttribute{
			Computed: true, Sensitive: true,
			MarkdownDescription: "S3 secret key (sensitive). Awanio shows it only when the object storage is created, so it is kept in the state " +
				"from then on (protect the state); it is null after an import.",
			PlanModifiers: stable,
		},
		"created_at": stableString("When the object storage was created (RFC 3339)."),
	}
}

type objectStorageModel struct {
	ID            types.String `tfsdk:"id"`
	SubdomainName types.String `tfsdk:"subdomain_name"`
	Endpoint      types.String `tfsdk:"endpoint"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	CreatedAt     types.String `tfsdk:"created_at"`
	ownerModel
	withTimeouts
}

func (m *objectStorageModel) fromAPI(g api.Group, s *api.ObjectStorage) {
	m.ID = types.StringValue(g.String())
	m.setOwner(g)
	m.Endpoint = stringOrNull(string(s.SubdomainName))
	if m.SubdomainName.IsNull() || m.SubdomainName.IsUnknown() {
		sub, _, _ := strings.Cut(string(s.SubdomainName), ".")
		m.SubdomainName = types.StringValue(sub)
	}
	m.CreatedAt = stringOrNull(string(s.CreatedAt))
	if m.AccessKey.IsUnknown() {
		m.AccessKey = types.StringNull()
	}
	if m.SecretKey.IsUnknown() {
		m.SecretKey = types.StringNull()
	}
	for _, cr := range s.Credentials {
		if cr.SecretKey != "" {
			m.AccessKey = types.StringValue(cr.AccessKey)
			m.SecretKey = types.StringValue(cr.SecretKey)
			break
		}
	}
}
