package awanio

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Awanio is the mocked Awanio API: its data and its HTTP handlers, mounted
// at AwanioPrefix. One mutex guards it; every request holds it for its
// whole (short) run. Objects that change by themselves (VMs, baremetal,
// Kubernetes) keep an AsyncStatus that the injected clock advances.
type Awanio struct {
	clock  mockcloud.Clock
	delays AwanioDelays

	mu      sync.Mutex
	version uint64 // bumped on every change, for autosave
	db      awanioDB
	// projectAnswersNull makes project create and update answer
	// "data": null, as Awanio's documentation shows (see
	// SetProjectAnswersNull).
	projectAnswersNull bool
	// seenFinal reports answers that show a VM or server final (poll lag).
	seenFinal mockcloud.FinalHook
}

// AwanioDelays says how long Awanio objects take to change by themselves.
// The zero value (the default) makes every change immediate.
type AwanioDelays struct {
	// Provision is how long a new asynchronous object (VM, baremetal,
	// Kubernetes cluster) stays in its first, pending status.
	Provision time.Duration `json:"provision,omitempty"`
	// Delete is how long an object that is deleted asynchronously stays
	// visible in its deleting status.
	Delete time.Duration `json:"delete,omitempty"`
}

// awanioDB is everything the Awanio mock stores; it is also the saved
// state. Maps are keyed by UUID (vouchers by code).
type awanioDB struct {
	Seq                uint64                           `json:"seq"`
	Users              map[string]*AwanioUser           `json:"users"`
	Tokens             map[string]string                `json:"tokens"` // JWT → user uuid
	Organizations      map[string]*AwanioOrganization   `json:"organizations"`
	Projects           map[string]*AwanioProject        `json:"projects"`
	Catalogues         map[string]*AwanioCatalogue      `json:"catalogues"`
	Pricings           map[string]*AwanioPricing        `json:"pricings"`
	KubernetesVersions map[string]*AwanioKubeVersion    `json:"kubernetes_versions"`
	Machines           map[string]*AwanioMachine        `json:"machines"`
	Volumes            map[string]*AwanioVolume         `json:"volumes"`
	VPCs               map[string]*AwanioVPC            `json:"vpcs"`
	Invoices           map[string]*AwanioInvoice        `json:"invoices"`
	Vouchers           map[string]*AwanioVoucher        `json:"vouchers"`
	PaymentGateways    map[string]*AwanioPaymentGateway `json:"payment_gateways"`
	PaymentMethods     map[string]*AwanioPaymentMethod  `json:"payment_methods"`
	TopUps             map[string]*AwanioTopUp          `json:"top_ups"` // by reference number

	// Object storage and Kubernetes (issue 5c).
	ObjectStorages     map[string]*AwanioObjectStorage     `json:"object_storages"`     // by group key "projects/<uuid>"
	KubernetesClusters map[string]*AwanioKubernetesCluster `json:"kubernetes_clusters"` // by cluster uuid
	KubernetesFailures map[string]*AwanioFailure           `json:"kubernetes_failures"` // by group key
	// Virtual machines and baremetal servers (issue 5b).
	VMs        map[string]*AwanioVM        `json:"vms"`
	Baremetals map[string]*AwanioBaremetal `json:"baremetals"`
	// FailHostnames makes the next VM or baremetal server with that
	// hostname fail provisioning with the message (failure injection).
	FailHostnames map[string]string `json:"fail_hostnames,omitempty"`
}

func (db *awanioDB) ensureMaps() {
	ensureMap(&db.Users)
	ensureMap(&db.Tokens)
	ensureMap(&db.Organizations)
	ensureMap(&db.Projects)
	ensureMap(&db.Catalogues)
	ensureMap(&db.Pricings)
	ensureMap(&db.KubernetesVersions)
	ensureMap(&db.Machines)
	ensureMap(&db.Volumes)
	ensureMap(&db.VPCs)
	ensureMap(&db.Invoices)
	ensureMap(&db.Vouchers)
	ensureMap(&db.PaymentGateways)
	ensureMap(&db.PaymentMethods)
	ensureMap(&db.TopUps)
	// Object storage and Kubernetes (issue 5c).
	ensureMap(&db.ObjectStorages)
	ensureMap(&db.KubernetesClusters)
	ensureMap(&db.KubernetesFailures)
	// Virtual machines and baremetal servers (issue 5b).
	ensureMap(&db.VMs)
	ensureMap(&db.Baremetals)
	ensureMap(&db.FailHostnames)
}

// AwanioUser is a user account.
type AwanioUser struct {
	ID               uint64    `json:"id"`
	UUID             string    `json:"uuid"`
	Username         string    `json:"username"`
	Name             string    `json:"name"`
	Email            string    `json:"email"`
	Password         string    `json:"password"`
	Status           string    `json:"status"` // active, inactive (not verified yet)
	VerificationCode string    `json:"verification_code,omitempty"`
	CreatedAt        time.Time `json:"created_at"`
	LastLogin        time.Time `json:"last_login"`
}

// AwanioMembership is a user's place in an organization or project.
type AwanioMembership struct {
	UUID      string    `json:"uuid"`
	UserLevel int       `json:"user_level"` // 1 admin, 2 member
	IsDefault bool      `json:"is_default"` // default organization / primary project
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// AwanioOrganization is an organization with its members by user UUID.
type AwanioOrganization struct {
	Seq          uint64                       `json:"seq"`
	UUID         string                       `json:"uuid"`
	Name         string                       `json:"name"`
	Slug         string                       `json:"slug"`
	Icon         string                       `json:"icon,omitempty"`
	Balance      float64                      `json:"balance"`
	PaymentPlans string                       `json:"payment_plans"`
	Members      map[string]*AwanioMembership `json:"members"`
	CreatedAt    time.Time                    `json:"created_at"`
	UpdatedAt    time.Time                    `json:"updated_at"`
}

// AwanioProject is a project of an organization, with its members.
type AwanioProject struct {
	Seq              uint64                       `json:"seq"`
	UUID             string                       `json:"uuid"`
	Name             string                       `json:"name"`
	Slug             string                       `json:"slug"`
	Icon             string                       `json:"icon,omitempty"`
	OrganizationUUID string                       `json:"organization_uuid"`
	Members          map[string]*AwanioMembership `json:"members"`
	CreatedAt        time.Time                    `json:"created_at"`
	UpdatedAt        time.Time                    `json:"updated_at"`
}

// AwanioCatalogue is an image or template (OS) offered for VMs or baremetal.
type AwanioCatalogue struct {
	UUID         string `json:"uuid"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Type         string `json:"type"`    // os
	Group        string `json:"group"`   // Ubuntu, baremetal, ...
	Service      string `json:"service"` // compute, baremetal
	MinStorageGB int    `json:"min_storage_gb"`
	Visibility   string `json:"visibility"`
}

// AwanioPricing is a price plan ("instance type"); SuitableFor is vm,
// baremetal, volume or pods.
type AwanioPricing struct {
	UUID          string  `json:"uuid"`
	InstanceType  string  `json:"instance_type"`
	SuitableFor   string  `json:"suitable_for"`
	Availability  string  `json:"availability"`
	PlansType     string  `json:"plans_type"`
	VCPUCore      float64 `json:"vcpu_core"`
	RAMMB         float64 `json:"ram_mb"`
	StorageGB     int     `json:"storage_gb"`
	TransferTB    float64 `json:"transfer_tb"`
	PricePerMonth float64 `json:"price_per_month"`
	PricePerHour  float64 `json:"price_per_hour"`
	PricePerYear  float64 `json:"price_per_year"`
	PricingUnit   string  `json:"pricing_unit"`
}

// AwanioKubeVersion is a Kubernetes version clusters can run.
type AwanioKubeVersion struct {
	UUID string `json:"uuid"`
	Name string `json:"name"` // "1.23"; rendered as a number, as Awanio does
}

// AwanioMachine is a baremetal machine that can be deployed.
type AwanioMachine struct {
	UUID        string `json:"uuid"`
	Name        string `json:"name"` // machine_name in a create request
	PricingUUID string `json:"pricing_uuid"`
	Zone        string `json:"zone"`
	Available   bool   `json:"available"`
}

// AwanioVolume is a block volume of an organization or project.
type AwanioVolume struct {
	Seq              uint64    `json:"seq"`
	UUID             string    `json:"uuid"`
	Label            string    `json:"label"`
	OrganizationUUID string    `json:"organization_uuid"`
	ProjectUUID      string    `json:"project_uuid,omitempty"`
	PricingUUID      string    `json:"pricing_uuid"`
	SizeGB           int       `json:"size_gb"`
	SourceVolumeUUID string    `json:"source_volume_uuid,omitempty"`
	UserUUID         string    `json:"user_uuid"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// AwanioVPC is a private network of an organization.
type AwanioVPC struct {
	Seq              uint64    `json:"seq"`
	UUID             string    `json:"uuid"`
	Label            string    `json:"label"`
	OrganizationUUID string    `json:"organization_uuid"`
	Size             int       `json:"size"` // prefix length, e.g. 20 for /20
	CIDR             string    `json:"cidr"` // 10.253.208.0/20
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// AwanioInvoice is an invoice of an organization.
type AwanioInvoice struct {
	Seq              uint64    `json:"seq"`
	UUID             string    `json:"uuid"`
	OrganizationUUID string    `json:"organization_uuid"`
	Number           string    `json:"number,omitempty"`
	Status           string    `json:"status"` // paid, unpaid
	Amount           float64   `json:"amount"`
	Currency         string    `json:"currency"`
	BilledTo         string    `json:"billed_to"`
	DueDate          time.Time `json:"due_date"`
	PeriodStart      time.Time `json:"period_start"`
	PeriodEnd        time.Time `json:"period_end"`
	CreatedAt        time.Time `json:"created_at"`
}

// AwanioVoucher is a code that adds Amount to an organization's balance once.
type AwanioVoucher struct {
	Code       string  `json:"code"`
	Amount     float64 `json:"amount"`
	RedeemedBy string  `json:"redeemed_by,omitempty"` // organization uuid
}

// AwanioPaymentGateway is a payment provider (duitku, ...).
type AwanioPaymentGateway struct {
	ID           uint64 `json:"id"`
	UUID         string `json:"uuid"`
	Name         string `json:"name"`
	MerchantCode string `json:"merchant_code"`
	MerchantKey  string `json:"merchant_key"`
	URL          string `json:"url"`
	OutputType   string `json:"output_type"`
	VAT          int    `json:"vat"`
}

// AwanioPaymentMethod is a way to pay through a gateway.
type AwanioPaymentMethod struct {
	ID             uint64  `json:"id"`
	UUID           string  `json:"uuid"`
	Name           string  `json:"name"`
	Description    string  `json:"description"`
	ServiceFee     float64 `json:"service_fee"`
	MinimumAmount  float64 `json:"minimum_amount"`
	PaymentGateway string  `json:"payment_gateway"` // gateway name
}

// AwanioTopUp is a balance top-up waiting for payment.
type AwanioTopUp struct {
	UUID              string    `json:"uuid"`
	ReferenceNumber   string    `json:"reference_number"`
	OrganizationUUID  string    `json:"organization_uuid"`
	PaymentMethodUUID string    `json:"payment_method_uuid"`
	Amount            float64   `json:"amount"`
	Status            string    `json:"status"` // pending
	CreatedAt         time.Time `json:"created_at"`
}

func newAwanio(clock mockcloud.Clock, delays AwanioDelays) *Awanio {
	a := &Awanio{clock: clock, delays: delays}
	a.reset(emptyAwanioDB())
	return a
}

func emptyAwanioDB() awanioDB {
	var db awanioDB
	db.ensureMaps()
	return db
}

// reset replaces the whole store (a.mu held or a not yet shared).
func (a *Awanio) reset(db awanioDB) {
	db.ensureMaps()
	for _, o := range db.Organizations {
		ensureMap(&o.Members)
	}
	for _, p := range db.Projects {
		ensureMap(&p.Members)
	}
	// Object storage (issue 5c).
	for _, s := range db.ObjectStorages {
		ensureMap(&s.Buckets)
		for _, b := range s.Buckets {
			ensureMap(&b.Objects)
		}
	}
	a.db = db
	a.version++
}

func (a *Awanio) stateVersion() uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.version
}

// now is the store's time, in UTC to the second as Awanio shows it.
func (a *Awanio) now() time.Time { return a.clock.Now().UTC().Truncate(time.Second) }

func (a *Awanio) nextSeq() uint64 {
	a.db.Seq++
	return a.db.Seq
}

// changed records a change for autosave.
func (a *Awanio) changed() { a.version++ }

// newDashedUUID is a UUID the way Awanio shows it: dashed, lower case.
func newDashedUUID() string { return uuid.NewString() }

// canonicalUUID accepts any spelling of a UUID and returns the dashed form.
func canonicalUUID(s string) (string, bool) {
	u, err := uuid.Parse(s)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// newJWT returns a token that looks like a JWT (three base64url parts), so
// that clients that inspect its shape accept it. It is not signed.
func newJWT(userUUID string, now time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"sub": userUUID, "iat": now.Unix(), "jti": uuid.NewString()})
	sig := make([]byte, 32)
	_, _ = rand.Read(sig)
	return header + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
}

// awSlugify is how Awanio derives slugs from names.
func awSlugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// uniqueSlug makes slug unique among taken by appending -2, -3, ...
func uniqueSlug(slug string, taken func(string) bool) string {
	if slug == "" {
		slug = "org"
	}
	candidate := slug
	for i := 2; taken(candidate); i++ {
		candidate = fmt.Sprintf("%s-%d", slug, i)
	}
	return candidate
}
