package awanio

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Object storage (MinIO behind Awanio): one per organization or project,
// with no id of its own; buckets and objects are addressed by name. The
// credentials are shown once, in the answer of the create, as Awanio does:
// a GET shows only the credential's name.

// AwanioObjectStorage is the object storage of one group.
type AwanioObjectStorage struct {
	Seq              uint64                   `json:"seq"`
	UUID             string                   `json:"uuid"`
	GroupType        string                   `json:"group_type"`
	GroupUUID        string                   `json:"group_uuid"`
	OrganizationUUID string                   `json:"organization_uuid"`
	SubdomainName    string                   `json:"subdomain_name"`
	CredentialUUID   string                   `json:"credential_uuid"`
	AccessKey        string                   `json:"access_key"`
	SecretKey        string                   `json:"secret_key"`
	Buckets          map[string]*AwanioBucket `json:"buckets"`
	CreatedAt        time.Time                `json:"created_at"`
	UpdatedAt        time.Time                `json:"updated_at"`
}

// AwanioBucket is a bucket with its objects by name. Policy is a MinIO
// canned policy: none, download, upload or public.
type AwanioBucket struct {
	Name      string                         `json:"name"`
	Policy    string                         `json:"policy"`
	Objects   map[string]*AwanioBucketObject `json:"objects"`
	CreatedAt time.Time                      `json:"created_at"`
}

// AwanioBucketObject is an object in a bucket.
type AwanioBucketObject struct {
	Name        string    `json:"name"`
	Size        int64     `json:"size"`
	ContentType string    `json:"content_type"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// awBucketPolicies are the canned policies the policy endpoint accepts.
var awBucketPolicies = map[string]bool{"none": true, "download": true, "upload": true, "public": true}

// S3 bucket naming rules, as MinIO enforces them.
var awBucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

var awSubdomain = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

func (a *Awanio) routeStorage(rt *mockcloud.Router) {
	const base = "/{group_type}/{uuid}/object-storage"
	awRoute(rt, "POST", base, a.endpoint(a.createObjectStorage))
	awRoute(rt, "GET", base, a.endpoint(a.getObjectStorage))
	awRoute(rt, "DELETE", base, a.endpoint(a.deleteObjectStorage))
	awRoute(rt, "POST", base+"/buckets", a.endpoint(a.createBucket))
	awRoute(rt, "GET", base+"/buckets", a.endpoint(a.listBuckets))
	awRoute(rt, "DELETE", base+"/buckets/{bucket}", a.endpoint(a.deleteBucket))
	awRoute(rt, "PUT", base+"/buckets/{bucket}/policy", a.endpoint(a.putBucketPolicy))
	awRoute(rt, "GET", base+"/buckets/{bucket}/objects", a.endpoint(a.listBucketObjects))
	awRoute(rt, "DELETE", base+"/buckets/{bucket}/objects/{object}", a.endpoint(a.deleteBucketObject))
}

// randomKey is a credential-looking random string of n characters.
func randomKey(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

func (a *Awanio) storageOfCall(c *awCall) (*AwanioObjectStorage, awReply, bool) {
	g, rep, ok := a.groupOfCall(c)
	if !ok {
		return nil, rep, false
	}
	s := a.db.ObjectStorages[g.key()]
	if s == nil {
		return nil, awNotFound("object storage"), false
	}
	return s, awReply{}, true
}

func (a *Awanio) createObjectStorage(c *awCall) awReply {
	g, rep, ok := a.groupOfCall(c)
	if !ok {
		return rep
	}
	var in struct {
		SubdomainName string `json:"subdomain_name"`
		BucketName    string `json:"bucket_name"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if a.db.ObjectStorages[g.key()] != nil {
		return awConflict("OBJECT STORAGE ALREADY EXISTS FOR THIS " + strings.ToUpper(strings.TrimSuffix(g.Type, "s")))
	}
	sub := strings.TrimSpace(in.SubdomainName)
	if !awSubdomain.MatchString(sub) {
		return awBadRequest("SUBDOMAIN_NAME MUST BE 1 TO 63 LOWER CASE LETTERS, DIGITS OR HYPHENS")
	}
	for _, s := range a.db.ObjectStorages {
		if s.SubdomainName == sub+".storage.awanio.com" {
			return awConflict("SUBDOMAIN_NAME IS ALREADY TAKEN")
		}
	}
	if in.BucketName != "" && !awBucketName.MatchString(in.BucketName) {
		return awBadRequest("BUCKET_NAME IS NOT A VALID BUCKET NAME")
	}
	s := &AwanioObjectStorage{
		Seq: a.nextSeq(), UUID: newDashedUUID(), GroupType: g.Type, GroupUUID: g.UUID, OrganizationUUID: g.OrganizationUUID,
		SubdomainName: sub + ".storage.awanio.com", CredentialUUID: newDashedUUID(),
		AccessKey: "AK" + strings.ToUpper(randomKey(18)), SecretKey: randomKey(40),
		Buckets: map[string]*AwanioBucket{}, CreatedAt: c.now, UpdatedAt: c.now,
	}
	if in.BucketName != "" {
		s.Buckets[in.BucketName] = &AwanioBucket{Name: in.BucketName, Policy: "none", Objects: map[string]*AwanioBucketObject{}, CreatedAt: c.now}
	}
	a.db.ObjectStorages[g.key()] = s
	a.changed()
	out := renderObjectStorage(s)
	// Only the create shows the keys.
	out["credentials"] = []any{map[string]any{
		"uuid": s.CredentialUUID, "created_at": awTime(s.CreatedAt), "updated_at": awTime(s.CreatedAt),
		"access_key": s.AccessKey, "secret_key": s.SecretKey,
	}}
	return awOK(out)
}

func renderObjectStorage(s *AwanioObjectStorage) map[string]any {
	return map[string]any{
		"uuid": s.UUID, "created_at": awTime(s.CreatedAt), "updated_at": awTime(s.UpdatedAt),
		"size_gb": 0, "subdomain_name": s.SubdomainName, "custom_domain_name": nil,
		"credentials": []any{map[string]any{"name": "root", "creationDate": s.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")}},
	}
}

func (a *Awanio) getObjectStorage(c *awCall) awReply {
	s, rep, ok := a.storageOfCall(c)
	if !ok {
		return rep
	}
	return awOK(renderObjectStorage(s))
}

// deleteObjectStorage is inferred (the seed shows none): it refuses while
// buckets remain, as MinIO refuses to remove a non-empty bucket.
func (a *Awanio) deleteObjectStorage(c *awCall) awReply {
	s, rep, ok := a.storageOfCall(c)
	if !ok {
		return rep
	}
	if n := len(s.Buckets); n > 0 {
		return awConflict(fmt.Sprintf("OBJECT STORAGE STILL HAS %d BUCKETS; DELETE THEM FIRST", n))
	}
	delete(a.db.ObjectStorages, s.GroupType+"/"+s.GroupUUID)
	a.changed()
	return awOK("deleted")
}

func (a *Awanio) createBucket(c *awCall) awReply {
	s, rep, ok := a.storageOfCall(c)
	if !ok {
		return rep
	}
	var in struct {
		BucketName string `json:"bucket_name"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if !awBucketName.MatchString(in.BucketName) {
		return awBadRequest("BUCKET_NAME IS NOT A VALID BUCKET NAME")
	}
	if s.Buckets[in.BucketName] != nil {
		return awConflict("BUCKET " + in.BucketName + " ALREADY EXISTS")
	}
	s.Buckets[in.BucketName] = &AwanioBucket{Name: in.BucketName, Policy: "none", Objects: map[string]*AwanioBucketObject{}, CreatedAt: c.now}
	a.changed()
	return awOK("Bucket " + in.BucketName + " created")
}

func (a *Awanio) listBuckets(c *awCall) awReply {
	s, rep, ok := a.storageOfCall(c)
	if !ok {
		return rep
	}
	names := make([]string, 0, len(s.Buckets))
	for n := range s.Buckets {
		names = append(names, n)
	}
	sort.Strings(names)
	items := make([]any, 0, len(names))
	for _, n := range names {
		b := s.Buckets[n]
		items = append(items, map[string]any{
			"name": b.Name, "creationDate": b.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"), "policy": b.Policy,
		})
	}
	return awList(c, items)
}

func (a *Awanio) bucketOfCall(c *awCall) (*AwanioObjectStorage, *AwanioBucket, awReply, bool) {
	s, rep, ok := a.storageOfCall(c)
	if !ok {
		return nil, nil, rep, false
	}
	b := s.Buckets[c.r.PathValue("bucket")]
	if b == nil {
		return nil, nil, awNotFound("bucket"), false
	}
	return s, b, awReply{}, true
}

func (a *Awanio) deleteBucket(c *awCall) awReply {
	s, b, rep, ok := a.bucketOfCall(c)
	if !ok {
		return rep
	}
	if len(b.Objects) > 0 {
		return awConflict(fmt.Sprintf("BUCKET %s IS NOT EMPTY (%d OBJECTS); DELETE ITS OBJECTS FIRST", b.Name, len(b.Objects)))
	}
	delete(s.Buckets, b.Name)
	a.changed()
	return awOK("Bucket " + b.Name + " deleted")
}

func (a *Awanio) putBucketPolicy(c *awCall) awReply {
	_, b, rep, ok := a.bucketOfCall(c)
	if !ok {
		return rep
	}
	var in struct {
		BucketName string `json:"bucket_name"`
		Policy     string `json:"policy"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if !awBucketPolicies[in.Policy] {
		return awBadRequest("POLICY MUST BE ONE OF none, download, upload, public")
	}
	b.Policy = in.Policy
	a.changed()
	return awOK("Bucket " + b.Name + "'s policy updated")
}

func (a *Awanio) listBucketObjects(c *awCall) awReply {
	_, b, rep, ok := a.bucketOfCall(c)
	if !ok {
		return rep
	}
	names := make([]string, 0, len(b.Objects))
	for n := range b.Objects {
		names = append(names, n)
	}
	sort.Strings(names)
	items := make([]any, 0, len(names))
	for _, n := range names {
		o := b.Objects[n]
		items = append(items, map[string]any{
			"name": o.Name, "updated_at": o.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000Z"),
			// Awanio's documented oddity: sizes as "1001558,".
			"size": fmt.Sprintf("%d,", o.Size), "content_type": o.ContentType, "expires": "0001-01-01T00:00:00Z",
		})
	}
	return awList(c, items)
}

func (a *Awanio) deleteBucketObject(c *awCall) awReply {
	_, b, rep, ok := a.bucketOfCall(c)
	if !ok {
		return rep
	}
	name := c.r.PathValue("object")
	if b.Objects[name] == nil {
		return awNotFound("object")
	}
	delete(b.Objects, name)
	a.changed()
	return awOK("object deleted")
}

// Go API for tests.

// ObjectStorage returns the object storage of a group ("organizations" or
// "projects", uuid).
func (a *Awanio) ObjectStorage(groupType, uuid string) (AwanioObjectStorage, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.db.ObjectStorages[groupKey(groupType, uuid)]
	if s == nil {
		return AwanioObjectStorage{}, false
	}
	return deepCopy(s), true
}

// DeleteObjectStorage removes a group's object storage out of band, with
// its buckets.
func (a *Awanio) DeleteObjectStorage(groupType, uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := groupKey(groupType, uuid)
	if a.db.ObjectStorages[k] == nil {
		return false
	}
	delete(a.db.ObjectStorages, k)
	a.changed()
	return true
}

// PutBucketObject stores an object in a bucket, as a client uploading
// through S3 would.
func (a *Awanio) PutBucketObject(groupType, uuid, bucket, name string, size int64) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.db.ObjectStorages[groupKey(groupType, uuid)]
	if s == nil || s.Buckets[bucket] == nil {
		return fmt.Errorf("mockcloud: no bucket %s in %s/%s", bucket, groupType, uuid)
	}
	s.Buckets[bucket].Objects[name] = &AwanioBucketObject{Name: name, Size: size, ContentType: "application/octet-stream", UpdatedAt: a.now()}
	a.changed()
	return nil
}

// DeleteBucket removes a bucket out of band, objects and all.
func (a *Awanio) DeleteBucket(groupType, uuid, bucket string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.db.ObjectStorages[groupKey(groupType, uuid)]
	if s == nil || s.Buckets[bucket] == nil {
		return false
	}
	delete(s.Buckets, bucket)
	a.changed()
	return true
}
