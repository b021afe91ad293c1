package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// ObjectStorageCreateRequest is the body of POST {group}/object-storage.
type ObjectStorageCreateRequest struct {
	SubdomainName string `json:"subdomain_name"`
	BucketName    string `json:"bucket_name,omitempty"`
}

// ObjectStorage is a group's object storage. The credentials carry keys
// only in the answer of the create; a GET shows their names.
type ObjectStorage struct {
	UUID             string                    `json:"uuid"`
	SizeGB           Float                     `json:"size_gb"`
	SubdomainName    String                    `json:"subdomain_name"`
	CustomDomainName String                    `json:"custom_domain_name"`
	Credentials      []ObjectStorageCredential `json:"-"`
	RawCredentials   json.RawMessage           `json:"credentials"`
	CreatedAt        String                    `json:"created_at"`
	UpdatedAt        String                    `json:"updated_at"`
}

// ObjectStorageCredential is one access key pair. AccessKey and SecretKey
// are secrets: the client registers them for masking as soon as it sees
// them.
type ObjectStorageCredential struct {
	UUID      string `json:"uuid"`
	Name      String `json:"name"`
	AccessKey string `json:"access_key"`
	SecretKey string `json:"secret_key"`
}

// Bucket is an element of the bucket list (MinIO's bucket info).
type Bucket struct {
	Name         string `json:"name"`
	CreationDate String `json:"creationDate"`
	// Policy is not documented in the list; read when present.
	Policy String `json:"policy"`
}

// BucketObject is an element of a bucket's object list.
type BucketObject struct {
	Name        string `json:"name"`
	Size        Int    `json:"size"`
	ContentType String `json:"content_type"`
	UpdatedAt   String `json:"updated_at"`
}

// BucketPolicyRequest is the body of PUT .../buckets/{name}/policy. The seed
// shows only bucket_name; policy (a MinIO canned policy) is inferred.
type BucketPolicyRequest struct {
	BucketName string `json:"bucket_name"`
	Policy     string `json:"policy"`
}

// CreateObjectStorage creates the object storage of g. There is at most one
// per group, so a create whose answer was lost shows up as a conflict on a
// retry, not as a second storage: the caller finds it with GetObjectStorage
// (the keys of such a create are lost, which the error says).
func (c *Client) CreateObjectStorage(ctx context.Context, g Group, req ObjectStorageCreateRequest) (*ObjectStorage, error) {
	var s ObjectStorage
	if _, err := c.post(ctx, g.path(pathGroupObjectStorage), req, &s); err != nil {
		return nil, err
	}
	s.decodeCredentials()
	for _, cr := range s.Credentials {
		c.addSecret(cr.SecretKey)
		c.addSecret(cr.AccessKey)
	}
	return &s, nil
}

// CreateObjectStorageOnce creates g's object storage without leaving one
// that no state tracks: when the answer is lost, the storage is looked for
// (a group has at most one; one that was there before is not adopted)
// before the POST is sent again. A storage found that way comes without
// its keys, which only the create's answer shows: keysLost says so.
func (c *Client) CreateObjectStorageOnce(ctx context.Context, g Group, req ObjectStorageCreateRequest) (s *ObjectStorage, keysLost bool, err error) {
	f := finder[ObjectStorage]{
		what: "object storage",
		list: func(ctx context.Context) ([]ObjectStorage, error) {
			s, err := c.GetObjectStorage(ctx, g)
			if apiclient.IsNotFound(err) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return []ObjectStorage{*s}, nil
		},
		id: func(s ObjectStorage) string { return s.UUID },
		// One per group: after a kill, the journal's entry and the group
		// find exactly the storage the create made (createOnce).
		log:  &c.creates,
		key:  []string{g.String(), req.SubdomainName},
		only: g.String(),
	}
	answered := false
	s, err = createOnce(ctx, f, func(ctx context.Context) (*ObjectStorage, error) {
		s, err := c.CreateObjectStorage(ctx, g, req)
		answered = err == nil
		return s, err
	})
	return s, err == nil && !answered, importHint(err, "the object storage of "+g.String(), g.String())
}

// importHint adds to the conflict of a create of a kind with one object
// per key the import that takes the existing object into the state: it
// was there before the create (or no journal entry of this working
// directory says that a cut-off create made it), so it is not adopted.
func importHint(err error, what, importID string) error {
	if !apiclient.IsConflict(err) {
		return err
	}
	return fmt.Errorf("%w\n\nIf %s already exists and is this configuration's, import it: terraform import <address> %s", err, what, importID)
}

// GetObjectStorage reads the object storage of g.
func (c *Client) GetObjectStorage(ctx context.Context, g Group) (*ObjectStorage, error) {
	var s ObjectStorage
	if _, err := c.get(ctx, g.path(pathGroupObjectStorage), nil, &s); err != nil {
		return nil, err
	}
	s.decodeCredentials()
	return &s, nil
}

// DeleteObjectStorage deletes the object storage of g (inferred: DELETE on
// the object storage path).
func (c *Client) DeleteObjectStorage(ctx context.Context, g Group) error {
	return c.del(ctx, g.path(pathGroupObjectStorage))
}

// decodeCredentials reads credentials, which the seed shows as a list of
// key pairs, a list of names, or a JSON-schema stub ({"type": "array"}).
func (s *ObjectStorage) decodeCredentials() {
	s.Credentials, _ = oneOrMany[ObjectStorageCredential](s.RawCredentials)
}

// CreateBucket creates a bucket in the object storage of g. The POST has no
// idempotency key: when its answer is lost, the bucket is looked for (and
// looked for again when that list fails) before the POST is sent again.
// Names are unique per storage and a bucket that was there before the POST
// is not adopted, so a lost answer neither duplicates nor orphans a bucket.
func (c *Client) CreateBucket(ctx context.Context, g Group, name string) error {
	f := finder[Bucket]{
		what: "bucket",
		list: func(ctx context.Context) ([]Bucket, error) {
			all, err := c.ListBuckets(ctx, g)
			return slices.DeleteFunc(all, func(b Bucket) bool { return b.Name != name }), err
		},
		id: func(b Bucket) string { return b.Name },
		// One per name: after a kill, the journal's entry and the name
		// find exactly the bucket the create made (createOnce).
		log:  &c.creates,
		key:  []string{g.String(), name},
		only: g.String() + "/" + name,
	}
	_, err := createOnce(ctx, f, func(ctx context.Context) (*Bucket, error) {
		if _, err := c.post(ctx, g.path(pathGroupBuckets), map[string]string{"bucket_name": name}, nil); err != nil {
			return nil, err
		}
		return &Bucket{Name: name}, nil
	})
	return importHint(err, "bucket "+name, g.String()+"/"+name)
}

// ListBuckets lists the buckets of g's object storage.
func (c *Client) ListBuckets(ctx context.Context, g Group) ([]Bucket, error) {
	return list[Bucket](ctx, c, g.path(pathGroupBuckets), nil)
}

// GetBucket finds a bucket by name; a missing one is a not-found APIError.
func (c *Client) GetBucket(ctx context.Context, g Group, name string) (*Bucket, error) {
	all, err := c.ListBuckets(ctx, g)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
	}
	return nil, c.notFound(http.MethodGet, g.path(pathGroupBucket, "bucket_name", name), "bucket "+name+" not found")
}

// SetBucketPolicy sets the canned policy of a bucket.
func (c *Client) SetBucketPolicy(ctx context.Context, g Group, name, policy string) error {
	_, err := c.put(ctx, g.path(pathGroupBucketPolicy, "bucket_name", name), BucketPolicyRequest{BucketName: name, Policy: policy}, nil)
	return err
}

// DeleteBucket deletes an empty bucket; Awanio refuses a non-empty one.
func (c *Client) DeleteBucket(ctx context.Context, g Group, name string) error {
	return c.del(ctx, g.path(pathGroupBucket, "bucket_name", name))
}

// ListBucketObjects lists the objects in a bucket.
func (c *Client) ListBucketObjects(ctx context.Context, g Group, bucket string) ([]BucketObject, error) {
	return list[BucketObject](ctx, c, g.path(pathGroupBucketObjects, "bucket_name", bucket), nil)
}

// DeleteBucketObject deletes one object; a missing one is success.
func (c *Client) DeleteBucketObject(ctx context.Context, g Group, bucket, object string) error {
	err := c.del(ctx, g.path(pathGroupBucketObject, "bucket_name", bucket, "object", object))
	if apiclient.IsNotFound(err) {
		return nil
	}
	return err
}

// EmptyBucket deletes every object in a bucket, page by page until the
// list is empty (objects may be added meanwhile; it gives up after a few
// rounds and lets the bucket delete report what is left).
func (c *Client) EmptyBucket(ctx context.Context, g Group, bucket string) (int, error) {
	deleted := 0
	for range 10 {
		objs, err := c.ListBucketObjects(ctx, g, bucket)
		if err != nil {
			return deleted, err
		}
		if len(objs) == 0 {
			return deleted, nil
		}
		for _, o := range objs {
			if err := c.DeleteBucketObject(ctx, g, bucket, o.Name); err != nil {
				return deleted, err
			}
			deleted++
		}
	}
	return deleted, nil
}

// notFound is the error for an object missing from a list, so that
// apiclient.IsNotFound treats it like a 404 of the API.
func (c *Client) notFound(method, path, msg string) error {
	return &apiclient.APIError{Backend: backendName, Method: method, URL: c.logPath(path), StatusCode: http.StatusNotFound, Message: msg}
}
