package waldur

import (
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Order states, as Waldur spells them.
const (
	OrderPendingConsumer  = "pending-consumer"
	OrderPendingProvider  = "pending-provider"
	OrderPendingProject   = "pending-project"
	OrderPendingStartDate = "pending-start-date"
	OrderExecuting        = "executing"
	OrderDone             = "done"
	OrderErred            = "erred"
	OrderCanceled         = "canceled"
	OrderRejected         = "rejected"
)

// Order types.
const (
	OrderTypeCreate    = "Create"
	OrderTypeUpdate    = "Update"
	OrderTypeTerminate = "Terminate"
	OrderTypeRestore   = "Restore"
)

// Marketplace resource states.
const (
	ResourceCreating    = "Creating"
	ResourceOK          = "OK"
	ResourceErred       = "Erred"
	ResourceUpdating    = "Updating"
	ResourceTerminating = "Terminating"
	ResourceTerminated  = "Terminated"
)

// WaldurDelays says how long an order stays in each state that it leaves by
// itself. Approval states never end by themselves.
type WaldurDelays struct {
	// Executing is how long an order executes before it is done (or erred).
	Executing time.Duration `json:"executing,omitempty"`
	// PendingStartDate is how long after midnight UTC of its start_date an
	// order leaves pending-start-date (Waldur checks start dates periodically).
	PendingStartDate time.Duration `json:"pending_start_date,omitempty"`
}

// ApprovalMode says who must approve an offering's orders before they run.
type ApprovalMode string

const (
	// ApprovalAuto: orders go straight to executing.
	ApprovalAuto ApprovalMode = "auto"
	// ApprovalConsumer: pending-consumer until approve_by_consumer.
	ApprovalConsumer ApprovalMode = "consumer"
	// ApprovalProvider: pending-provider until approve_by_provider.
	ApprovalProvider ApprovalMode = "provider"
	// ApprovalConsumerAndProvider: pending-consumer, then pending-provider.
	ApprovalConsumerAndProvider ApprovalMode = "consumer_and_provider"
)

func (a ApprovalMode) valid() bool {
	switch a {
	case "", ApprovalAuto, ApprovalConsumer, ApprovalProvider, ApprovalConsumerAndProvider:
		return true
	}
	return false
}

func (a ApprovalMode) needsConsumer() bool {
	return a == ApprovalConsumer || a == ApprovalConsumerAndProvider
}

func (a ApprovalMode) needsProvider() bool {
	return a == ApprovalProvider || a == ApprovalConsumerAndProvider
}

// OrderOutcome is how an offering's executing orders end: OutcomeDone (the
// default), OutcomeErred{Message: ...} or OutcomeStuck.
type OrderOutcome interface {
	spec() outcomeSpec
}

type outcomeDone struct{}
type outcomeStuck struct{}

// OutcomeErred makes executing orders end in erred with this message.
type OutcomeErred struct {
	Message   string
	Traceback string
}

var (
	// OutcomeDone makes executing orders end in done.
	OutcomeDone OrderOutcome = outcomeDone{}
	// OutcomeStuck keeps orders executing forever.
	OutcomeStuck OrderOutcome = outcomeStuck{}
)

func (outcomeDone) spec() outcomeSpec  { return outcomeSpec{Kind: "done"} }
func (outcomeStuck) spec() outcomeSpec { return outcomeSpec{Kind: "stuck"} }
func (o OutcomeErred) spec() outcomeSpec {
	return outcomeSpec{Kind: "erred", ErrorMessage: o.Message, ErrorTraceback: o.Traceback}
}

// outcomeSpec is OrderOutcome as stored and as sent to /_mock/.
type outcomeSpec struct {
	Kind           string `json:"outcome"` // done, erred, stuck
	ErrorMessage   string `json:"error_message,omitempty"`
	ErrorTraceback string `json:"error_traceback,omitempty"`
}

func outcomeOf(o OrderOutcome) outcomeSpec {
	if o == nil {
		return outcomeSpec{Kind: "done"}
	}
	return o.spec()
}

func (s outcomeSpec) outcome() OrderOutcome {
	switch s.Kind {
	case "erred":
		return OutcomeErred{Message: s.ErrorMessage, Traceback: s.ErrorTraceback}
	case "stuck":
		return OutcomeStuck
	default:
		return OutcomeDone
	}
}

// Waldur is the mocked Waldur marketplace: its data and its HTTP handlers.
// One mutex guards it; every request holds it for its whole (short) run.
type Waldur struct {
	clock  mockcloud.Clock
	delays WaldurDelays

	mu      sync.Mutex
	version uint64 // bumped on every change, for autosave
	seq     uint64 // creation counter: orders lists stably by it
	db      waldurDB
	// moving holds the orders that can change state by themselves
	// (pending-start-date, executing); tick looks only at these.
	moving map[string]bool
	// seenFinal reports answers that show an order final (poll lag).
	seenFinal mockcloud.FinalHook
}

// waldurDB is everything Waldur stores; it is also the saved state.
type waldurDB struct {
	Users     map[string]*userRec     `json:"users"`
	Tokens    map[string]string       `json:"tokens"` // token → user uuid
	Customers map[string]*customerRec `json:"customers"`
	Projects  map[string]*projectRec  `json:"projects"`
	Offerings map[string]*offeringRec `json:"offerings"`
	Plans     map[string]*planRec     `json:"plans"`
	Orders    map[string]*orderRec    `json:"orders"`
	Resources map[string]*resourceRec `json:"resources"`
}

type userRec struct {
	UUID     string    `json:"uuid"`
	Username string    `json:"username"`
	FullName string    `json:"full_name"`
	Staff    bool      `json:"is_staff"`
	Created  time.Time `json:"created"`
	// CustomerOwner and ProjectManager are the user's roles (UUIDs).
	CustomerOwner  []string `json:"customer_owner,omitempty"`
	ProjectManager []string `json:"project_manager,omitempty"`
}

type customerRec struct {
	Seq     uint64    `json:"seq"`
	UUID    string    `json:"uuid"`
	Name    string    `json:"name"`
	Slug    string    `json:"slug"`
	Created time.Time `json:"created"`
}

type projectRec struct {
	Seq          uint64    `json:"seq"`
	UUID         string    `json:"uuid"`
	Name         string    `json:"name"`
	Slug         string    `json:"slug"`
	Description  string    `json:"description"`
	CustomerUUID string    `json:"customer_uuid"`
	Created      time.Time `json:"created"`
}

type offeringRec struct {
	Seq           uint64          `json:"seq"`
	UUID          string          `json:"uuid"`
	Name          string          `json:"name"`
	Slug          string          `json:"slug"`
	Description   string          `json:"description"`
	Type          string          `json:"type"`
	CustomerUUID  string          `json:"customer_uuid"`
	CategoryUUID  string          `json:"category_uuid"`
	CategoryTitle string          `json:"category_title"`
	Approval      ApprovalMode    `json:"approval"`
	Outcome       outcomeSpec     `json:"outcome"`
	PlanUUIDs     []string        `json:"plan_uuids"`
	Components    []ComponentSpec `json:"components"`
	Options       []OptionSpec    `json:"options"`
	Created       time.Time       `json:"created"`
	// RequirePlanAndName: see OfferingSpec.
	RequirePlanAndName bool `json:"require_plan_and_name,omitempty"`
}

type planRec struct {
	UUID         string `json:"uuid"`
	OfferingUUID string `json:"offering_uuid"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	Unit         string `json:"unit"`
	UnitPrice    string `json:"unit_price"` // decimal, as given
}

type orderRec struct {
	Seq          uint64    `json:"seq"`
	UUID         string    `json:"uuid"`
	Slug         string    `json:"slug"`
	Type         string    `json:"type"`
	State        string    `json:"state"`
	StateSince   time.Time `json:"state_since"` // drives automatic progress
	OfferingUUID string    `json:"offering_uuid"`
	PlanUUID     string    `json:"plan_uuid,omitempty"`
	OldPlanUUID  string    `json:"old_plan_uuid,omitempty"` // switch_plan orders
	ProjectUUID  string    `json:"project_uuid"`
	// ResourceUUID is the marketplace resource; BackendResourceUUID is
	// Waldur's resource_uuid (the backend object), set once done.
	ResourceUUID        string `json:"resource_uuid"`
	BackendResourceUUID string `json:"backend_resource_uuid,omitempty"`
	// PrevResourceState is restored when an Update or Terminate order is
	// canceled or rejected.
	PrevResourceState  string          `json:"prev_resource_state,omitempty"`
	Attributes         json.RawMessage `json:"attributes"`
	Limits             map[string]int  `json:"limits"`
	RequestComment     *string         `json:"request_comment"`
	CallbackURL        *string         `json:"callback_url"`
	StartDate          string          `json:"start_date,omitempty"` // YYYY-MM-DD
	Cost               string          `json:"cost,omitempty"`       // "" is null
	CreatedBy          string          `json:"created_by"`           // user uuid
	ConsumerReviewedBy string          `json:"consumer_reviewed_by,omitempty"`
	ConsumerReviewedAt *time.Time      `json:"consumer_reviewed_at,omitempty"`
	ProviderReviewedBy string          `json:"provider_reviewed_by,omitempty"`
	ProviderReviewedAt *time.Time      `json:"provider_reviewed_at,omitempty"`
	Created            time.Time       `json:"created"`
	Modified           time.Time       `json:"modified"`
	CompletedAt        *time.Time      `json:"completed_at,omitempty"`
	ErrorMessage       string          `json:"error_message"`
	ErrorTraceback     string          `json:"error_traceback"`
	Output             string          `json:"output"`
	BackendID          string          `json:"backend_id"`
	Attachment         string          `json:"attachment,omitempty"` // file name
}

type resourceRec struct {
	Seq               uint64          `json:"seq"`
	UUID              string          `json:"uuid"`
	Slug              string          `json:"slug"`
	Name              string          `json:"name"`
	State             string          `json:"state"`
	OfferingUUID      string          `json:"offering_uuid"`
	PlanUUID          string          `json:"plan_uuid,omitempty"`
	ProjectUUID       string          `json:"project_uuid"`
	Attributes        json.RawMessage `json:"attributes"`
	Limits            map[string]int  `json:"limits"`
	BackendUUID       string          `json:"backend_uuid,omitempty"` // resource_uuid
	BackendID         string          `json:"backend_id"`
	ErrorMessage      string          `json:"error_message"`
	ErrorTraceback    string          `json:"error_traceback"`
	CreationOrderUUID string          `json:"creation_order_uuid"`
	Endpoints         []endpointRec   `json:"endpoints,omitempty"`
	Created           time.Time       `json:"created"`
	Modified          time.Time       `json:"modified"`
}

// endpointRec is an access endpoint of a resource (Waldur's NestedEndpoint).
type endpointRec struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

func newWaldur(clock mockcloud.Clock, delays WaldurDelays) *Waldur {
	w := &Waldur{clock: clock, delays: delays}
	w.reset(emptyWaldurDB())
	return w
}

func emptyWaldurDB() waldurDB {
	var db waldurDB
	db.ensureMaps()
	return db
}

// ensureMaps gives db an empty map wherever it has none.
func (db *waldurDB) ensureMaps() {
	ensureMap(&db.Users)
	ensureMap(&db.Tokens)
	ensureMap(&db.Customers)
	ensureMap(&db.Projects)
	ensureMap(&db.Offerings)
	ensureMap(&db.Plans)
	ensureMap(&db.Orders)
	ensureMap(&db.Resources)
}

func ensureMap[K comparable, V any](m *map[K]V) {
	if *m == nil {
		*m = map[K]V{}
	}
}

// reset replaces the whole store (w.mu held or w not yet shared).
func (w *Waldur) reset(db waldurDB) {
	w.db = db
	w.moving = map[string]bool{}
	w.seq = 0
	for _, o := range db.Orders {
		w.seq = max(w.seq, o.Seq)
		if o.State == OrderPendingStartDate || o.State == OrderExecuting {
			w.moving[o.UUID] = true
		}
	}
	for _, r := range db.Resources {
		w.seq = max(w.seq, r.Seq)
	}
	for _, c := range db.Customers {
		w.seq = max(w.seq, c.Seq)
	}
	for _, p := range db.Projects {
		w.seq = max(w.seq, p.Seq)
	}
	for _, o := range db.Offerings {
		w.seq = max(w.seq, o.Seq)
	}
	w.version++
}

func (w *Waldur) stateVersion() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.version
}

// now is the store's time: UTC, cut to microseconds like Waldur's database,
// so that what the API shows and what filters compare are the same instant.
func (w *Waldur) now() time.Time {
	return w.clock.Now().UTC().Truncate(time.Microsecond)
}

func (w *Waldur) nextSeq() uint64 {
	w.seq++
	return w.seq
}

// newUUID returns a fresh UUID the way Waldur shows it: 32 lower-case hex.
func newUUID() string {
	u := uuid.New()
	return hex.EncodeToString(u[:])
}

// normalizeUUID accepts the hex and the dashed spelling (as Django's UUID
// handling does) and returns the hex one.
func normalizeUUID(s string) (string, bool) {
	u, err := uuid.Parse(s)
	if err != nil {
		return "", false
	}
	return hex.EncodeToString(u[:]), true
}
