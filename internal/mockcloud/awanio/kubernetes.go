package awanio

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Kubernetes clusters: one per organization or project, addressed by the
// group (the seed names no cluster id); the /kubernetes/{cluster_uuid}
// forms are accepted too. A new cluster is pending, then running after the
// provision delay; a delete makes it deleting, then gone.

// AwanioKubernetesCluster is a cluster of a group.
type AwanioKubernetesCluster struct {
	Seq              uint64      `json:"seq"`
	UUID             string      `json:"uuid"`
	GroupType        string      `json:"group_type"`
	GroupUUID        string      `json:"group_uuid"`
	OrganizationUUID string      `json:"organization_uuid"`
	Name             string      `json:"name"`
	ReleaseName      string      `json:"release_name"`
	EnableHA         bool        `json:"enable_ha"`
	VersionUUID      string      `json:"version_uuid"`
	PricingUUID      string      `json:"pricing_uuid"`
	PVPricingUUID    string      `json:"pv_pricing_uuid,omitempty"`
	Tags             []string    `json:"tags"`
	WithExternalIP   bool        `json:"with_external_ip"`
	ExternalIP       string      `json:"external_ip,omitempty"`
	PrivateIP        string      `json:"private_ip"`
	Status           AsyncStatus `json:"status"`
	// Message explains an error status (failure injection).
	Message    string    `json:"message,omitempty"`
	Kubeconfig string    `json:"kubeconfig"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

func (a *Awanio) routeKubernetes(rt *mockcloud.Router) {
	awRoute(rt, "GET", "/kubernetes/versions", a.endpoint(a.getKubernetesVersions))
	const base = "/{group_type}/{uuid}/kubernetes"
	awRoute(rt, "POST", base, a.endpoint(a.createKubernetes))
	awRoute(rt, "GET", base, a.endpoint(a.listKubernetes))
	awRoute(rt, "PUT", base, a.endpoint(a.updateKubernetes))
	awRoute(rt, "DELETE", base, a.endpoint(a.deleteKubernetes))
	// Literal routes first: they would match {cluster_uuid} too.
	awRoute(rt, "GET", base+"/status", a.endpoint(a.kubernetesStatus))
	awRoute(rt, "GET", base+"/metrics", a.endpoint(a.kubernetesMetrics))
	awRoute(rt, "GET", base+"/kubeconfig", a.endpoint(a.kubernetesKubeconfig))
	awRoute(rt, "GET", base+"/{cluster_uuid}", a.endpoint(a.getKubernetes))
	awRoute(rt, "PUT", base+"/{cluster_uuid}", a.endpoint(a.updateKubernetes))
	awRoute(rt, "DELETE", base+"/{cluster_uuid}", a.endpoint(a.deleteKubernetes))
	awRoute(rt, "GET", base+"/{cluster_uuid}/status", a.endpoint(a.kubernetesStatus))
	awRoute(rt, "GET", base+"/{cluster_uuid}/metrics", a.endpoint(a.kubernetesMetrics))
	awRoute(rt, "GET", base+"/{cluster_uuid}/kubeconfig", a.endpoint(a.kubernetesKubeconfig))
}

// The seed answers one object; more than one version is a list.
func (a *Awanio) getKubernetesVersions(*awCall) awReply {
	vs := make([]*AwanioKubeVersion, 0, len(a.db.KubernetesVersions))
	for _, v := range a.db.KubernetesVersions {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Name < vs[j].Name })
	render := func(v *AwanioKubeVersion) map[string]any {
		n := jsonNumberOrString(v.Name)
		return map[string]any{"uuid": v.UUID, "name": n, "api_version": n, "controller_version": n, "etcd_version": n,
			"created_at": "2022-03-01T22:04:34Z", "updated_at": "2022-03-01T22:04:34Z"}
	}
	if len(vs) == 1 {
		return awOK(render(vs[0]))
	}
	items := make([]any, 0, len(vs))
	for _, v := range vs {
		items = append(items, render(v))
	}
	return awOK(items)
}

// jsonNumberOrString renders "1.23" as the number 1.23, as Awanio does.
func jsonNumberOrString(s string) any {
	var f float64
	if _, err := fmt.Sscanf(s, "%g", &f); err == nil && fmt.Sprint(f) == s {
		return f
	}
	return s
}

// clusterOfGroup finds the live cluster of a group (and, in the
// /{cluster_uuid} forms, checks it is that one).
func (a *Awanio) clusterOfCall(c *awCall) (*AwanioKubernetesCluster, awReply, bool) {
	g, rep, ok := a.groupOfCall(c)
	if !ok {
		return nil, rep, false
	}
	k := a.clusterOfGroup(g.key(), c.now)
	if k == nil {
		return nil, awNotFound("kubernetes cluster"), false
	}
	if raw := c.r.PathValue("cluster_uuid"); raw != "" {
		if id, ok := canonicalUUID(raw); !ok || id != k.UUID {
			return nil, awNotFound("kubernetes cluster"), false
		}
	}
	return k, awReply{}, true
}

// clusterOfGroup returns the group's cluster, dropping it once its delete
// has finished.
func (a *Awanio) clusterOfGroup(key string, now time.Time) *AwanioKubernetesCluster {
	for id, k := range a.db.KubernetesClusters {
		if k.GroupType+"/"+k.GroupUUID != key {
			continue
		}
		if k.Status.Gone(now) {
			delete(a.db.KubernetesClusters, id)
			a.changed()
			continue
		}
		return k
	}
	return nil
}

func (a *Awanio) createKubernetes(c *awCall) awReply {
	g, rep, ok := a.groupOfCall(c)
	if !ok {
		return rep
	}
	var in struct {
		Name           string   `json:"name"`
		EnableHA       bool     `json:"enable_ha"`
		Version        string   `json:"version"`
		PricingUUID    string   `json:"pricing_uuid"`
		PVPricingUUID  string   `json:"pv_pricing_uuid"`
		Tags           []string `json:"tags"`
		WithExternalIP bool     `json:"with_external_ip"`
		// Reserve is the seed's list of {is_new, reserved}.
		Reserve []awReserveInput `json:"reserve_external_ip"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if rep, ok := c.require("name", "version", "pricing_uuid"); !ok {
		return rep
	}
	if len(in.Reserve) > 0 && !in.WithExternalIP {
		return awBadRequest("RESERVE_EXTERNAL_IP ONLY APPLIES WITH WITH_EXTERNAL_IP TRUE")
	}
	if a.clusterOfGroup(g.key(), c.now) != nil {
		return awConflict("A KUBERNETES CLUSTER ALREADY EXISTS IN THIS " + strings.ToUpper(strings.TrimSuffix(g.Type, "s")))
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || len(name) > 63 {
		return awBadRequest("NAME IS REQUIRED AND AT MOST 63 CHARACTERS")
	}
	ver, _ := canonicalUUID(in.Version)
	if a.db.KubernetesVersions[ver] == nil {
		return awBadRequest("VERSION %s NOT FOUND", in.Version)
	}
	pr, _ := canonicalUUID(in.PricingUUID)
	if p := a.db.Pricings[pr]; p == nil || p.SuitableFor != "pods" {
		return awBadRequest("PRICING_UUID %s IS NOT A PRICING SUITABLE FOR PODS", in.PricingUUID)
	}
	pv := ""
	if in.PVPricingUUID != "" {
		pv, _ = canonicalUUID(in.PVPricingUUID)
		if p := a.db.Pricings[pv]; p == nil || p.SuitableFor != "volume" {
			return awBadRequest("PV_PRICING_UUID %s IS NOT A PRICING SUITABLE FOR VOLUME", in.PVPricingUUID)
		}
	}
	seq := a.nextSeq()
	k := &AwanioKubernetesCluster{
		Seq: seq, UUID: newDashedUUID(), GroupType: g.Type, GroupUUID: g.UUID, OrganizationUUID: g.OrganizationUUID,
		Name: name, ReleaseName: name, EnableHA: in.EnableHA, VersionUUID: ver, PricingUUID: pr, PVPricingUUID: pv,
		Tags: append([]string{}, in.Tags...), WithExternalIP: in.WithExternalIP,
		PrivateIP: fmt.Sprintf("10.1.%d.%d", seq%250, 10+seq%200),
		Status:    newAsyncStatus(c.now, "pending", AsyncStep{After: a.delays.Provision, Status: "running"}),
		CreatedAt: c.now, UpdatedAt: c.now,
	}
	if in.WithExternalIP {
		k.ExternalIP = fmt.Sprintf("103.15.226.%d", 10+seq%240)
	}
	if f := a.db.KubernetesFailures[g.key()]; f != nil {
		k.Status = newAsyncStatus(c.now, "pending", AsyncStep{After: a.delays.Provision, Status: f.Status})
		k.Message = f.Message
	}
	k.Kubeconfig = newKubeconfig(k)
	a.db.KubernetesClusters[k.UUID] = k
	a.changed()
	// The seed answers a list with the one new cluster.
	return awOK([]any{a.renderCluster(k, c.now)})
}

// newKubeconfig is a kubeconfig with a random, secret-looking client key.
func newKubeconfig(k *AwanioKubernetesCluster) string {
	enc := base64.StdEncoding.EncodeToString
	server := k.PrivateIP
	if k.ExternalIP != "" {
		server = k.ExternalIP
	}
	return fmt.Sprintf(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: %s
    server: https://%s:6443
  name: %s
contexts:
- context:
    cluster: %s
    user: %s-admin
  name: %s-admin@%s
current-context: %s-admin@%s
kind: Config
preferences: {}
users:
- name: %s-admin
  user:
    client-certificate-data: %s
    client-key-data: %s
`, enc([]byte("-----BEGIN CERTIFICATE-----\n"+randomKey(48)+"\n-----END CERTIFICATE-----\n")), server,
		k.ReleaseName, k.ReleaseName, k.ReleaseName, k.ReleaseName, k.ReleaseName, k.ReleaseName, k.ReleaseName, k.ReleaseName,
		enc([]byte("-----BEGIN CERTIFICATE-----\n"+randomKey(48)+"\n-----END CERTIFICATE-----\n")),
		enc([]byte("-----BEGIN RSA PRIVATE KEY-----\n"+randomKey(64)+"\n-----END RSA PRIVATE KEY-----\n")))
}

func (a *Awanio) renderCluster(k *AwanioKubernetesCluster, now time.Time) map[string]any {
	var org map[string]any
	if o := a.db.Organizations[k.OrganizationUUID]; o != nil {
		org = map[string]any{"uuid": o.UUID, "name": o.Name, "slug": o.Slug}
	}
	var project map[string]any
	if k.GroupType == "projects" {
		if p := a.db.Projects[k.GroupUUID]; p != nil {
			project = map[string]any{"uuid": p.UUID, "name": p.Name}
		}
	}
	var version map[string]any
	if v := a.db.KubernetesVersions[k.VersionUUID]; v != nil {
		n := jsonNumberOrString(v.Name)
		version = map[string]any{"uuid": v.UUID, "name": n, "api_version": n, "controller_version": n, "etcd_version": n}
	}
	pv := renderPricing(a.db.Pricings[k.PVPricingUUID])
	if pv == nil {
		pv = map[string]any{"uuid": "00000000-0000-0000-0000-000000000000"}
	}
	ips := []any{}
	if k.ExternalIP != "" {
		ips = append(ips, map[string]any{"id": k.Seq, "source_type": "kubernetes", "ip_address": map[string]any{
			"address_string": k.ExternalIP, "gateway_string": "103.15.226.254", "cidr": 24, "active": true,
		}})
	}
	tags := any(k.Tags)
	if len(k.Tags) == 0 {
		tags = nil // as the seed shows an empty tag list
	}
	status := k.Status.At(now)
	message := ""
	if status != "pending" && status != "running" {
		message = k.Message
	}
	replica := 1
	if k.EnableHA {
		replica = 3
	}
	return map[string]any{
		"uuid": k.UUID, "organization": org, "project": project, "name": k.Name, "release_name": k.ReleaseName,
		"namespace": "k8s-" + k.OrganizationUUID, "version": version, "pvc_name": "data-" + k.ReleaseName + "-etcd-0",
		"service_type": "LoadBalancer", "replica": replica, "enable_ha": k.EnableHA,
		"pricing": renderPricing(a.db.Pricings[k.PricingUUID]), "pv_pricing": pv, "tags": tags,
		"ip_addresses": ips, "private_ip_address_v4": k.PrivateIP, "status": status, "message": message,
		"metrics":    a.renderClusterMetrics(k, status),
		"created_at": awTime(k.CreatedAt), "updated_at": awTime(k.UpdatedAt),
	}
}

func (a *Awanio) renderClusterMetrics(k *AwanioKubernetesCluster, status string) map[string]any {
	nodes, cpu, mem, pods := 0, 0, 0, 0
	if status == "running" {
		nodes, cpu, mem, pods = 1, 3, 25, 1
		if k.EnableHA {
			nodes = 3
		}
	}
	return map[string]any{
		"name": k.Name, "release_name": k.ReleaseName, "namespace": "k8s-" + k.OrganizationUUID, "uuid": k.UUID,
		"total_node": nodes, "total_cpu": map[string]any{"value": cpu, "unit": "milliCPU"},
		"total_memory": map[string]any{"value": mem, "unit": "MB"}, "total_pod": pods, "total_container": pods,
	}
}

// listKubernetes answers the group's cluster as a (paginated) list, as the
// seed shows for GET without an id.
func (a *Awanio) listKubernetes(c *awCall) awReply {
	g, rep, ok := a.groupOfCall(c)
	if !ok {
		return rep
	}
	items := []any{}
	if k := a.clusterOfGroup(g.key(), c.now); k != nil {
		items = append(items, a.renderCluster(k, c.now))
	}
	return awList(c, items)
}

func (a *Awanio) getKubernetes(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	return awOK(a.renderCluster(k, c.now))
}

func (a *Awanio) updateKubernetes(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	var in struct {
		Name     *string `json:"name"`
		EnableHA *bool   `json:"enable_ha"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	switch st := k.Status.At(c.now); st {
	case "running":
	default:
		return awConflict("KUBERNETES CLUSTER IS " + strings.ToUpper(st) + "; TRY AGAIN WHEN IT IS RUNNING")
	}
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if name == "" || len(name) > 63 {
			return awBadRequest("NAME IS REQUIRED AND AT MOST 63 CHARACTERS")
		}
		k.Name = name
	}
	if in.EnableHA != nil && *in.EnableHA != k.EnableHA {
		k.EnableHA = *in.EnableHA
		// Scaling the control plane takes a while.
		k.Status.Restart(c.now, "pending", AsyncStep{After: a.delays.Provision, Status: "running"})
	}
	k.UpdatedAt = c.now
	a.changed()
	return awOK([]any{a.renderCluster(k, c.now)})
}

func (a *Awanio) deleteKubernetes(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	if k.Status.At(c.now) != "deleting" {
		k.Status.Restart(c.now, "deleting", AsyncStep{After: a.delays.Delete, Status: AsyncGone})
		if k.Status.Gone(c.now) {
			delete(a.db.KubernetesClusters, k.UUID)
		}
		a.changed()
	}
	return awOK("deleted")
}

func (a *Awanio) kubernetesStatus(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	return awOK(k.Status.At(c.now))
}

func (a *Awanio) kubernetesMetrics(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	return awOK(a.renderClusterMetrics(k, k.Status.At(c.now)))
}

func (a *Awanio) kubernetesKubeconfig(c *awCall) awReply {
	k, rep, ok := a.clusterOfCall(c)
	if !ok {
		return rep
	}
	if st := k.Status.At(c.now); st != "running" {
		return awConflict("KUBERNETES CLUSTER IS " + strings.ToUpper(st) + "; THE KUBECONFIG IS AVAILABLE WHEN IT IS RUNNING")
	}
	return awOK(k.Kubeconfig)
}

// Go API for tests.

// KubernetesCluster returns the cluster of a group.
func (a *Awanio) KubernetesCluster(groupType, uuid string) (AwanioKubernetesCluster, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := a.clusterOfGroup(groupKey(groupType, uuid), a.now())
	if k == nil {
		return AwanioKubernetesCluster{}, false
	}
	return deepCopy(k), true
}

// DeleteKubernetesCluster removes a group's cluster out of band, at once.
func (a *Awanio) DeleteKubernetesCluster(groupType, uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := a.clusterOfGroup(groupKey(groupType, uuid), a.now())
	if k == nil {
		return false
	}
	delete(a.db.KubernetesClusters, k.UUID)
	a.changed()
	return true
}

// FailKubernetesClusters makes clusters created from now on in the group
// end in status (e.g. "error") with message instead of running; "" stops.
func (a *Awanio) FailKubernetesClusters(groupType, uuid, status, message string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := groupKey(groupType, uuid)
	if status == "" {
		delete(a.db.KubernetesFailures, k)
	} else {
		a.db.KubernetesFailures[k] = &AwanioFailure{Status: status, Message: message}
	}
	a.changed()
}

// AwanioFailure is an injected failure: the status a new object ends in
// and the message the API shows.
type AwanioFailure struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}
