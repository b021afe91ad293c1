package awanio

import (
	"encoding/binary"

	"net"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// VPCs of an organization (inferred paths). "size" is read as the prefix
// length of the range; ranges are carved out of 10.0.0.0/8 without overlap.

func (a *Awanio) routeVPCs(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/organizations/{uuid}/vpcs", a.endpoint(a.createVPC))
	awRoute(rt, "GET", "/organizations/{uuid}/vpcs", a.endpoint(a.listVPCs))
	awRoute(rt, "GET", "/organizations/{uuid}/vpcs/{vpc_uuid}", a.endpoint(a.getVPC))
	awRoute(rt, "DELETE", "/organizations/{uuid}/vpcs/{vpc_uuid}", a.endpoint(a.deleteVPC))
}

const (
	minVPCPrefix = 16
	maxVPCPrefix = 28
)

func (a *Awanio) createVPC(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	var in struct {
		Label string  `json:"label"`
		Size  flexInt `json:"size"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	label := strings.TrimSpace(in.Label)
	if label == "" {
		return awBadRequest("LABEL IS REQUIRED")
	}
	if !in.Size.set || in.Size.value < minVPCPrefix || in.Size.value > maxVPCPrefix {
		return awBadRequest("SIZE MUST BE A PREFIX LENGTH FROM %d TO %d", minVPCPrefix, maxVPCPrefix)
	}
	cidr, ok := a.allocateVPCRange(in.Size.value)
	if !ok {
		return awConflict("NO FREE ADDRESS RANGE OF THAT SIZE")
	}
	v := &AwanioVPC{
		Seq: a.nextSeq(), UUID: newDashedUUID(), Label: label, OrganizationUUID: o.UUID,
		Size: in.Size.value, CIDR: cidr, CreatedAt: c.now, UpdatedAt: c.now,
	}
	a.db.VPCs[v.UUID] = v
	a.changed()
	return awOK(renderVPC(v))
}

// allocateVPCRange returns the lowest free aligned range of the prefix
// length in 10.0.0.0/8.
func (a *Awanio) allocateVPCRange(prefix int) (string, bool) {
	size := uint32(1) << (32 - prefix)
	base := binary.BigEndian.Uint32(net.IPv4(10, 0, 0, 0).To4())
	var used []*net.IPNet
	for _, v := range a.db.VPCs {
		if _, n, err := net.ParseCIDR(v.CIDR); err == nil {
			used = append(used, n)
		}
	}
	for start := base; start < base+(1<<24); start += size {
		ip := make(net.IP, 4)
		binary.BigEndian.PutUint32(ip, start)
		candidate := &net.IPNet{IP: ip, Mask: net.CIDRMask(prefix, 32)}
		free := true
		for _, n := range used {
			if n.Contains(candidate.IP) || candidate.Contains(n.IP) {
				free = false
				break
			}
		}
		if free {
			return candidate.String(), true
		}
	}
	return "", false
}

func (a *Awanio) listVPCs(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", false)
	if !ok {
		return rep
	}
	var items []any
	for _, v := range sortedBySeq(a.db.VPCs, func(v *AwanioVPC) uint64 { return v.Seq }) {
		if v.OrganizationUUID == o.UUID {
			items = append(items, renderVPC(v))
		}
	}
	return awList(c, items)
}

func (a *Awanio) vpcFor(c *awCall, admin bool) (*AwanioVPC, awReply, bool) {
	o, rep, ok := a.organizationFor(c, "uuid", admin)
	if !ok {
		return nil, rep, false
	}
	id, ok := pathUUID(c, "vpc_uuid")
	v := a.db.VPCs[id]
	if !ok || v == nil || v.OrganizationUUID != o.UUID {
		return nil, awNotFound("vpc"), false
	}
	return v, awReply{}, true
}

func (a *Awanio) getVPC(c *awCall) awReply {
	v, rep, ok := a.vpcFor(c, false)
	if !ok {
		return rep
	}
	return awOK(renderVPC(v))
}

func (a *Awanio) deleteVPC(c *awCall) awReply {
	v, rep, ok := a.vpcFor(c, true)
	if !ok {
		return rep
	}
	delete(a.db.VPCs, v.UUID)
	a.changed()
	return awOK("Successfully delete vpc")
}

func renderVPC(v *AwanioVPC) map[string]any {
	_, n, err := net.ParseCIDR(v.CIDR)
	var first, last string
	var firstInt, lastInt uint32
	if err == nil {
		start := binary.BigEndian.Uint32(n.IP.To4())
		ones, _ := n.Mask.Size()
		end := start + (uint32(1) << (32 - ones)) - 1
		firstInt, lastInt = start+1, end-1
		first, last = uint32IP(firstInt), uint32IP(lastInt)
	}
	return map[string]any{
		"uuid": v.UUID, "label": v.Label,
		"created_at": awTime(v.CreatedAt), "updated_at": awTime(v.UpdatedAt),
		"vpc_ip": map[string]any{
			"uuid": v.UUID, "first_address_int": firstInt, "first_address": first,
			"last_address_int": lastInt, "last_address": last, "cidr": v.Size, "label": v.CIDR,
			"created_at": awTime(v.CreatedAt), "updated_at": awTime(v.UpdatedAt),
		},
	}
}

func uint32IP(n uint32) string {
	ip := make(net.IP, 4)
	binary.BigEndian.PutUint32(ip, n)
	return ip.String()
}
