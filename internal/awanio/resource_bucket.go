package awanio

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewBucketResource is the cloudorder_awanio_bucket resource.
//
// The policy is an argument of the bucket rather than a resource of its
// own: Awanio addresses it below the bucket (PUT .../buckets/{name}/policy)
// with no way to delete it (only to set it back to none), so a separate
// resource would have nothing to destroy and could fight the bucket.
var NewBucketResource = newObject[bucketModel](&kind[bucketModel]{
	suffix: "_awanio_bucket",
	what:   "bucket",
	description: "A bucket in the object storage (`cloudorder_awanio_object_storage`) of an Awanio project or organization, " +
		"with its access policy.",
	attributes: bucketAttributes,
	ownedAs:    "bucket",
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	create:     createBucket,
	read: func(ctx context.Context, o *op, m *bucketModel) error {
		g, name, err := parseBucketID(m.ID.ValueString())
		if err != nil {
			return invalidID("bucket", err)
		}
		return answered(o.client.GetBucket(ctx, g, name)).into(func(b *api.Bucket) { m.fromAPI(g, b) })
	},
	update: func(ctx context.Context, o *op, plan, state *bucketModel) error {
		g, name, err := parseBucketID(state.ID.ValueString())
		if err != nil {
			return invalidID("bucket", err)
		}
		if !plan.Policy.Equal(state.Policy) {
			if err := o.client.SetBucketPolicy(ctx, g, name, plan.Policy.ValueString()); err != nil {
				return failed("Could not set the policy of the Awanio bucket", err)
			}
		}
		b, err := o.client.GetBucket(ctx, g, name)
		if err != nil {
			return failed("Could not read the Awanio bucket", err)
		}
		plan.fromAPI(g, b)
		return nil
	},
	del: func(ctx context.Context, o *op, m *bucketModel) error {
		g, name, err := parseBucketID(m.ID.ValueString())
		if err != nil {
			return invalidID("bucket", err)
		}
		if m.ForceDestroy.ValueBool() {
			n, err := o.client.EmptyBucket(ctx, g, name)
			if err != nil && !apiclient.IsNotFound(err) {
				return failed("Could not empty the Awanio bucket before destroying it", err)
			}
			tflog.Info(ctx, "emptied Awanio bucket", map[string]any{"bucket": name, "objects_deleted": n})
		}
		return o.client.DeleteBucket(ctx, g, name)
	},
	importID: func(id string) (map[string]any, error) {
		g, name, err := parseBucketID(id)
		return map[string]any{"id": g.String() + "/" + name}, err
	},
	importHint: "Import a bucket as <group-type>/<uuid>/<name>, for example `terraform import cloudorder_awanio_bucket.example " +
		"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/my-bucket`",
})

// S3 bucket naming rules as MinIO applies them.
var bucketNameRegexp = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// bucketPolicies are MinIO's canned policies.
var bucketPolicies = []string{"none", "download", "upload", "public"}

func bucketAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": stableString("`<group>/<name>`, e.g. `projects/<uuid>/my-bucket`: buckets are addressed by name within their group's object storage."),
		"name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Bucket name: 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit. " +
				"Changing it replaces the bucket.",
			Validators: []validator.String{stringvalidator.RegexMatches(bucketNameRegexp,
				"must be 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit")},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"policy": schema.StringAttribute{
			Optional: true, Computed: true,
			Default: stringdefault.StaticString("none"),
			MarkdownDescription: "Anonymous access policy: `none` (private, the default), `download` (public read), `upload` (public write) " +
				"or `public` (read and write). Changed in place.",
			Validators: []validator.String{stringvalidator.OneOf(bucketPolicies...)},
		},
		"force_destroy": schema.BoolAttribute{
			Optional: true, Computed: true,
			Default: booldefault.StaticBool(false),
			MarkdownDescription: "Delete every object in the bucket before destroying it. Without it (the default), destroying a bucket " +
				"that still holds objects fails with Awanio's error. Set it and apply before destroying.",
		},
		"created_at": stableString("When the bucket was created."),
	}
}

func createBucket(ctx context.Context, o *op, plan *bucketModel) error {
	g, err := plan.resolve(o, "bucket")
	if err != nil {
		return err
	}
	name := plan.Name.ValueString()
	// CreateBucket finds the bucket of a lost answer itself.
	if err := o.client.CreateBucket(ctx, g, name); err != nil {
		return err
	}
	plan.ID = types.StringValue(g.String() + "/" + name)
	plan.setOwner(g)
	plan.CreatedAt = types.StringNull()
	if err := o.save(ctx, plan); err != nil { // saved before the policy call
		return err
	}
	if plan.Policy.ValueString() != "none" {
		if err := o.client.SetBucketPolicy(ctx, g, name, plan.Policy.ValueString()); err != nil {
			return tainted("Could not set the policy of the Awanio bucket", "bucket "+name, err)
		}
	}
	b, err := o.client.GetBucket(ctx, g, name)
	if err != nil {
		return tainted("Could not read the new Awanio bucket", "bucket "+name, err)
	}
	plan.fromAPI(g, b)
	return nil
}

type bucketModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Policy       types.String `tfsdk:"policy"`
	ForceDestroy types.Bool   `tfsdk:"force_destroy"`
	CreatedAt    types.String `tfsdk:"created_at"`
	ownerModel
	withTimeouts
}

func (m *bucketModel) fromAPI(g api.Group, b *api.Bucket) {
	m.ID = types.StringValue(g.String() + "/" + b.Name)
	m.setOwner(g)
	m.Name = types.StringValue(b.Name)
	if b.Policy != "" {
		m.Policy = types.StringValue(string(b.Policy))
	} else if m.Policy.IsNull() || m.Policy.IsUnknown() {
		m.Policy = types.StringValue("none") // not shown: assume the default
	}
	if m.ForceDestroy.IsNull() || m.ForceDestroy.IsUnknown() {
		m.ForceDestroy = types.BoolValue(false)
	}
	m.CreatedAt = stringOrNull(string(b.CreationDate))
}

// parseBucketID reads "<group-type>/<uuid>/<name>".
func parseBucketID(id string) (api.Group, string, error) {
	i := strings.LastIndex(id, "/")
	if i < 0 {
		return api.Group{}, "", fmt.Errorf("%q is not <group-type>/<uuid>/<bucket name>", id)
	}
	g, err := parseGroupID(id[:i])
	if err != nil || id[i+1:] == "" {
		return api.Group{}, "", fmt.Errorf("%q is not <group-type>/<uuid>/<bucket name>", id)
	}
	return g, id[i+1:], nil
}
