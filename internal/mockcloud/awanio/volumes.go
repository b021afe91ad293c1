package awanio

import (
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Volumes of an organization or a project: /{group_type}/{uuid}/volumes
// (inferred). A POST with pricing_uuid creates an empty volume, one with
// source_volume_uuid clones; a PUT changes the label and/or the pricing
// (resize; volumes only grow).

func (a *Awanio) routeVolumes(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/{group_type}/{uuid}/volumes", a.endpoint(a.createVolume))
	awRoute(rt, "GET", "/{group_type}/{uuid}/volumes", a.endpoint(a.listVolumes))
	awRoute(rt, "GET", "/{group_type}/{uuid}/volumes/{volume_uuid}", a.endpoint(a.getVolume))
	awRoute(rt, "PUT", "/{group_type}/{uuid}/volumes/{volume_uuid}", a.endpoint(a.updateVolume))
	awRoute(rt, "DELETE", "/{group_type}/{uuid}/volumes/{volume_uuid}", a.endpoint(a.deleteVolume))
}

// awGroup is the organization or project a group-scoped path names.
type awGroup struct {
	orgUUID     string
	projectUUID string // "" for an organization
}

func (g awGroup) owns(orgUUID, projectUUID string) bool {
	return g.orgUUID == orgUUID && g.projectUUID == projectUUID
}

// groupFor resolves /{group_type}/{uuid} for the caller; manage requires
// admin rights (organization admin, or project/organization admin).
func (a *Awanio) groupFor(c *awCall, manage bool) (awGroup, awReply, bool) {
	switch c.r.PathValue("group_type") {
	case "organizations":
		o, rep, ok := a.organizationFor(c, "uuid", false)
		if !ok {
			return awGroup{}, rep, false
		}
		return awGroup{orgUUID: o.UUID}, awReply{}, true
	case "projects":
		p, rep, ok := a.projectFor(c, manage)
		if !ok {
			return awGroup{}, rep, false
		}
		return awGroup{orgUUID: p.OrganizationUUID, projectUUID: p.UUID}, awReply{}, true
	}
	return awGroup{}, awErr(404, "404-0", "NOT FOUND", "GROUP TYPE MUST BE ORGANIZATIONS OR PROJECTS"), false
}

func (a *Awanio) createVolume(c *awCall) awReply {
	g, rep, ok := a.groupFor(c, true)
	if !ok {
		return rep
	}
	// A create is {organization_uuid, pricing_uuid, label} and a clone
	// {source_volume_uuid, label}, as the seed shows them; the owner is the
	// group in the path (inferred).
	var in struct {
		PricingUUID      string `json:"pricing_uuid"`
		SourceVolumeUUID string `json:"source_volume_uuid"`
		Label            string `json:"label"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if in.SourceVolumeUUID == "" {
		if rep, ok := c.requireOrganization(g.orgUUID); !ok {
			return rep
		}
	}
	label := strings.TrimSpace(in.Label)
	if label == "" {
		return awBadRequest("LABEL IS REQUIRED")
	}
	v := &AwanioVolume{
		Seq: a.nextSeq(), UUID: newDashedUUID(), Label: label, OrganizationUUID: g.orgUUID, ProjectUUID: g.projectUUID,
		UserUUID: c.user.UUID, CreatedAt: c.now, UpdatedAt: c.now,
	}
	switch {
	case in.SourceVolumeUUID != "":
		id, _ := canonicalUUID(in.SourceVolumeUUID)
		src := a.db.Volumes[id]
		if src == nil || !g.owns(src.OrganizationUUID, src.ProjectUUID) {
			return awNotFound("source volume")
		}
		v.PricingUUID, v.SizeGB, v.SourceVolumeUUID = src.PricingUUID, src.SizeGB, src.UUID
	case in.PricingUUID != "":
		p, rep, ok := a.volumePricing(in.PricingUUID)
		if !ok {
			return rep
		}
		v.PricingUUID, v.SizeGB = p.UUID, p.StorageGB
	default:
		return awBadRequest("PRICING_UUID OR SOURCE_VOLUME_UUID IS REQUIRED")
	}
	a.db.Volumes[v.UUID] = v
	a.changed()
	return awOK(a.renderVolume(v))
}

func (a *Awanio) volumePricing(id string) (*AwanioPricing, awReply, bool) {
	uid, _ := canonicalUUID(id)
	p := a.db.Pricings[uid]
	if p == nil {
		return nil, awNotFound("pricing"), false
	}
	if p.SuitableFor != "volume" {
		return nil, awBadRequest("PRICING %s IS FOR %s, NOT FOR VOLUMES", p.UUID, strings.ToUpper(p.SuitableFor)), false
	}
	return p, awReply{}, true
}

func (a *Awanio) listVolumes(c *awCall) awReply {
	g, rep, ok := a.groupFor(c, false)
	if !ok {
		return rep
	}
	var items []any
	for _, v := range sortedBySeq(a.db.Volumes, func(v *AwanioVolume) uint64 { return v.Seq }) {
		if g.owns(v.OrganizationUUID, v.ProjectUUID) {
			items = append(items, a.renderVolume(v))
		}
	}
	return awList(c, items)
}

func (a *Awanio) volumeFor(c *awCall, manage bool) (*AwanioVolume, awReply, bool) {
	g, rep, ok := a.groupFor(c, manage)
	if !ok {
		return nil, rep, false
	}
	id, ok := pathUUID(c, "volume_uuid")
	v := a.db.Volumes[id]
	if !ok || v == nil || !g.owns(v.OrganizationUUID, v.ProjectUUID) {
		return nil, awNotFound("volume"), false
	}
	return v, awReply{}, true
}

func (a *Awanio) getVolume(c *awCall) awReply {
	v, rep, ok := a.volumeFor(c, false)
	if !ok {
		return rep
	}
	return awOK(a.renderVolume(v))
}

func (a *Awanio) updateVolume(c *awCall) awReply {
	v, rep, ok := a.volumeFor(c, true)
	if !ok {
		return rep
	}
	var in struct {
		Label       *string `json:"label"`
		PricingUUID *string `json:"pricing_uuid"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	label, pricing, size := v.Label, v.PricingUUID, v.SizeGB
	if in.Label != nil {
		if label = strings.TrimSpace(*in.Label); label == "" {
			return awBadRequest("LABEL MUST NOT BE EMPTY")
		}
	}
	if in.PricingUUID != nil {
		p, rep, ok := a.volumePricing(*in.PricingUUID)
		if !ok {
			return rep
		}
		if p.StorageGB < v.SizeGB {
			return awBadRequest("A VOLUME CAN ONLY GROW: %d GB IS SMALLER THAN %d GB", p.StorageGB, v.SizeGB)
		}
		pricing, size = p.UUID, p.StorageGB
	}
	v.Label, v.PricingUUID, v.SizeGB, v.UpdatedAt = label, pricing, size, c.now
	a.changed()
	return awOK(a.renderVolume(v))
}

func (a *Awanio) deleteVolume(c *awCall) awReply {
	v, rep, ok := a.volumeFor(c, true)
	if !ok {
		return rep
	}
	delete(a.db.Volumes, v.UUID)
	a.changed()
	return awOK("Delete Volume Success")
}

func (a *Awanio) renderVolume(v *AwanioVolume) map[string]any {
	var org, project, user any
	if o := a.db.Organizations[v.OrganizationUUID]; o != nil {
		r := a.renderOrganization(o, nil)
		delete(r, "organization_member")
		org = r
	}
	if p := a.db.Projects[v.ProjectUUID]; p != nil {
		project = map[string]any{"uuid": p.UUID, "name": p.Name, "slug": p.Slug}
	}
	if u := a.db.Users[v.UserUUID]; u != nil {
		user = map[string]any{"uuid": u.UUID, "username": u.Username, "name": u.Name, "status": u.Status, "avatar": nil}
	}
	return map[string]any{
		"uuid": v.UUID, "organization": org, "project": project, "user": user,
		"pricing": renderPricing(a.db.Pricings[v.PricingUUID]),
		"is_used": false, "size_gb": v.SizeGB, "label": v.Label, "mount_point": nil, "PVCName": v.UUID,
		"instance_has_volumes": []any{}, "volume_type": "external",
		"created_at": awTime(v.CreatedAt), "updated_at": awTime(v.UpdatedAt),
	}
}
