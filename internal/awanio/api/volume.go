package api

import (
	"context"
	"net/http"
)

// Pricing is a price plan; SuitableFor says what it prices (vm, baremetal,
// volume, pods). A volume's size is its pricing's storage_gb.
type Pricing struct {
	UUID          string `json:"uuid"`
	InstanceType  String `json:"instance_type"`
	SuitableFor   String `json:"suitable_for"`
	Availability  String `json:"availability"`
	PlansType     String `json:"plans_type"`
	VCPUCore      Float  `json:"vcpu_core"`
	RAMMB         Float  `json:"ram_mb"`
	StorageGB     Float  `json:"storage_gb"`
	TransferTB    Float  `json:"transfer_tb"`
	PricePerMonth Float  `json:"price_per_month"`
	PricePerHour  Float  `json:"price_per_hour"`
	PricePerYear  Float  `json:"price_per_year"`
	PricingUnit   String `json:"pricing_unit"`
	PricePerUnit  Float  `json:"price_per_unit"`
}

// Volume is a block volume of an organization or a project.
type Volume struct {
	UUID         string        `json:"uuid"`
	Label        string        `json:"label"`
	SizeGB       Int           `json:"size_gb"`
	IsUsed       Bool          `json:"is_used"`
	MountPoint   String        `json:"mount_point"`
	PVCName      String        `json:"PVCName"`
	VolumeType   String        `json:"volume_type"`
	Organization *Organization `json:"organization"`
	Project      *ProjectRef   `json:"project"`
	Pricing      *Pricing      `json:"pricing"`
	CreatedAt    String        `json:"created_at"`
	UpdatedAt    String        `json:"updated_at"`
}

// VolumeCreateRequest is the body of a new volume: organization_uuid,
// pricing_uuid and label, as the seed documents it. The seed's create
// table names no group; the group in the path is inferred (api-reference
// §2), and organization_uuid is that group's organization (for a project,
// the project's organization; CreateVolume fills it in).
type VolumeCreateRequest struct {
	OrganizationUUID string `json:"organization_uuid"`
	PricingUUID      string `json:"pricing_uuid"`
	Label            string `json:"label"`
}

// VolumeCloneRequest is the body of a clone: a POST to the same collection.
type VolumeCloneRequest struct {
	SourceVolumeUUID string `json:"source_volume_uuid"`
	Label            string `json:"label"`
}

func volumeUUID(v *Volume) string { return v.UUID }

func (c *Client) volumeFinder(g Group, label string) finder[Volume] {
	return finder[Volume]{
		what: "volume",
		list: func(ctx context.Context) ([]Volume, error) {
			all, err := c.ListVolumes(ctx, g)
			return filter(all, func(v Volume) bool { return v.Label == label }), err
		},
		id:      func(v Volume) string { return v.UUID },
		created: func(v Volume) String { return v.CreatedAt },
		log:     &c.creates,
		key:     []string{g.String(), label},
	}
}

// CreateVolume creates an empty volume in g. A POST whose answer was lost
// is not sent twice: the volume is found by its label in g.
func (c *Client) CreateVolume(ctx context.Context, g Group, req VolumeCreateRequest) (*Volume, error) {
	org, err := c.ownerOrganization(ctx, g)
	if err != nil {
		return nil, err
	}
	req.OrganizationUUID = org
	return createOnce(ctx, c.volumeFinder(g, req.Label), func(ctx context.Context) (*Volume, error) {
		return c.postVolume(ctx, g, req)
	})
}

// CloneVolume creates a copy of another volume of g.
func (c *Client) CloneVolume(ctx context.Context, g Group, req VolumeCloneRequest) (*Volume, error) {
	return createOnce(ctx, c.volumeFinder(g, req.Label), func(ctx context.Context) (*Volume, error) {
		return c.postVolume(ctx, g, req)
	})
}

func (c *Client) postVolume(ctx context.Context, g Group, body any) (*Volume, error) {
	return sendOne(ctx, c, http.MethodPost, g.path(pathGroupVolumes), body, volumeUUID)
}

// ListVolumes lists the volumes of g.
func (c *Client) ListVolumes(ctx context.Context, g Group) ([]Volume, error) {
	return list[Volume](ctx, c, g.path(pathGroupVolumes), nil)
}

// GetVolume reads one volume of g.
func (c *Client) GetVolume(ctx context.Context, g Group, uuid string) (*Volume, error) {
	return getOne[Volume](ctx, c, g.path(pathGroupVolume, "volume_uuid", uuid))
}

// UpdateVolumeLabel renames a volume.
func (c *Client) UpdateVolumeLabel(ctx context.Context, g Group, uuid, label string) (*Volume, error) {
	return c.putVolume(ctx, g, pathGroupVolume, uuid, map[string]string{"label": label})
}

// ResizeVolume moves a volume to another pricing, whose storage_gb is the
// new size. Awanio volumes only grow.
func (c *Client) ResizeVolume(ctx context.Context, g Group, uuid, pricingUUID string) (*Volume, error) {
	return c.putVolume(ctx, g, pathGroupVolumeResize, uuid, map[string]string{"pricing_uuid": pricingUUID})
}

func (c *Client) putVolume(ctx context.Context, g Group, tmpl, uuid string, body any) (*Volume, error) {
	v, err := sendOne(ctx, c, http.MethodPut, g.path(tmpl, "volume_uuid", uuid), body, volumeUUID)
	if err != nil || v != nil {
		return v, err
	}
	return c.GetVolume(ctx, g, uuid)
}

// DeleteVolume deletes a volume.
func (c *Client) DeleteVolume(ctx context.Context, g Group, uuid string) error {
	return c.del(ctx, g.path(pathGroupVolume, "volume_uuid", uuid))
}
