// Package apiclient is the one HTTP layer shared by every backend client
// (Waldur, Awanio, Hostway). It owns retries and backoff, the typed *APIError,
// and request logging with secrets masked, so that backend packages only map
// their API's objects and errors.
package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

const (
	defaultMinBackoff = time.Second
	defaultMaxBackoff = 30 * time.Second
	defaultUserAgent  = "terraform-provider-cloudorder"

	// maxResponseBytes bounds memory use if a server (or a proxy in front of
	// it) streams something unexpected; real answers are far smaller.
	maxResponseBytes = 64 << 20
)

// Config configures a Client. Only BaseURL and Backend are required.
type Config struct {
	// BaseURL is the API root, e.g. "https://waldur.example.com/api/".
	// A missing trailing slash is added so that relative request paths
	// resolve below it rather than replacing its last segment.
	BaseURL string
	// Backend ("waldur", "awanio", "hostway") names the tflog subsystem and
	// prefixes error messages.
	Backend string
	// HTTPClient defaults to a dedicated client with a tuned transport and no
	// overall timeout: contexts bound requests.
	HTTPClient *http.Client
	// UserAgent defaults to "terraform-provider-cloudorder".
	UserAgent string
	// MaxRetries is the number of retries after the first attempt for
	// retryable failures; 0 disables retries.
	MaxRetries int
	// MinBackoff and MaxBackoff bound the capped exponential backoff with
	// full jitter; defaults 1s and 30s.
	MinBackoff, MaxBackoff time.Duration
	// Authorize adds credentials; it is called on every attempt so that
	// short-lived tokens can be refreshed between retries.
	Authorize func(req *http.Request) error
	// DecodeError fills Code and Message from a backend's error body; nil or a
	// nil result falls back to DefaultDecodeError. The client fills in the
	// request fields, the request id and the masked Body itself.
	DecodeError func(status int, header http.Header, body []byte) *APIError
	// Secrets are literal values (tokens, passwords) masked wherever they
	// might appear: logs, error messages and error bodies.
	Secrets []string
	// Sleep is a test hook; the default waits on a timer and honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand is a test hook for jitter returning values in [0, 1).
	Rand func() float64
	// Scheduler paces the requests of the whole backend: every Client of
	// one backend must share one, so that a quota or a 429 holds back all
	// of them. Nil gives the Client its own unlimited scheduler, which
	// still pauses it on 429 or 503 with Retry-After.
	Scheduler *Scheduler
}

// Client sends requests to one backend API. It is safe for concurrent use.
type Client struct {
	cfg    Config
	base   *url.URL
	hc     *http.Client
	mask   *masker
	sleep  func(ctx context.Context, d time.Duration) error
	rand   func() float64
	decode func(status int, header http.Header, body []byte) *APIError
	sched  *Scheduler
}

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Backend) == "" {
		return nil, errors.New("apiclient: Backend is required")
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("apiclient: MaxRetries must not be negative, got %d", cfg.MaxRetries)
	}
	if cfg.MinBackoff < 0 || cfg.MaxBackoff < 0 {
		return nil, errors.New("apiclient: MinBackoff and MaxBackoff must not be negative")
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = defaultMinBackoff
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = max(defaultMaxBackoff, cfg.MinBackoff)
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		return nil, fmt.Errorf("apiclient: MaxBackoff (%s) is below MinBackoff (%s)", cfg.MaxBackoff, cfg.MinBackoff)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	c := &Client{
		cfg:    cfg,
		base:   base,
		hc:     cfg.HTTPClient,
		mask:   newMasker(cfg.Secrets),
		sleep:  cfg.Sleep,
		rand:   cfg.Rand,
		decode: cfg.DecodeError,
		sched:  cfg.Scheduler,
	}
	if c.sched == nil {
		c.sched, _ = NewScheduler(SchedulerConfig{Backend: cfg.Backend}) // no rate: cannot fail
	}
	if c.hc == nil {
		c.hc = newHTTPClient()
	}
	if c.sleep == nil {
		c.sleep = waiter.RealClock{}.Sleep
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
	if c.decode == nil {
		c.decode = DefaultDecodeError
	}
	return c, nil
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("apiclient: invalid BaseURL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("apiclient: BaseURL %q must be an absolute http or https URL", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("apiclient: BaseURL %q has no host", raw)
	}
	// Credentials in the URL would end up in logs and error messages.
	if u.User != nil {
		return nil, errors.New("apiclient: BaseURL must not contain credentials; use Authorize")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("apiclient: BaseURL %q must not have a query or fragment", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// Scheduler is the scheduler that paces the client's backend.
func (c *Client) Scheduler() *Scheduler { return c.sched }

// BaseURL returns a copy of the API root the client resolves paths against.
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// Backend returns the backend name given in Config.
func (c *Client) Backend() string { return c.cfg.Backend }

// Request describes one API call.
type Request struct {
	Method string // default GET
	// Path is relative to BaseURL ("marketplace-orders/"), or an absolute URL
	// on the same scheme and host (pagination Link, Location). A path starting
	// with "/" resolves against the host root, as in a browser.
	Path  string
	Query url.Values // added to any query already in Path
	// Body is JSON-encoded unless it is []byte or an io.Reader, which are
	// sent as they are with ContentType.
	Body        any
	ContentType string
	Header      http.Header // extra headers; they override the defaults
	// RetryNonIdempotent tells the client that re-sending this POST or PATCH
	// is safe, e.g. because it carries an idempotency key.
	RetryNonIdempotent bool
	// SecretResponse marks an answer that is a secret as a whole (a
	// kubeconfig): its body is never logged, not even masked, because its
	// values are not known in advance and sit under harmless keys.
	SecretResponse bool
}

// Response is a received HTTP answer with its body fully read.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// prepared is a Request resolved once, so that every attempt sends the
// same bytes.
type prepared struct {
	method      string
	url         *url.URL
	logURL      string // masked path and query, for errors
	logFullURL  string // logURL with scheme and host, for logs
	body        []byte
	contentType string
	header      http.Header
	idempotent  bool
	retryUnsafe bool
	secretResp  bool
}

func (c *Client) prepare(req Request) (*prepared, error) {
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	u, err := c.resolve(req.Path, req.Query)
	if err != nil {
		return nil, fmt.Errorf("%s API: %s %s: %w", c.cfg.Backend, method, c.mask.str(req.Path), err)
	}
	p := &prepared{
		method:      method,
		url:         u,
		logURL:      c.mask.url(u),
		logFullURL:  u.Scheme + "://" + u.Host + c.mask.url(u),
		header:      req.Header,
		contentType: req.ContentType,
		idempotent:  isIdempotent(method),
		retryUnsafe: req.RetryNonIdempotent,
		secretResp:  req.SecretResponse,
	}
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		p.body = b
	case io.Reader:
		// Buffered so that a retry can send it again.
		if p.body, err = io.ReadAll(b); err != nil {
			return nil, fmt.Errorf("%s API: %s %s: reading request body: %w", c.cfg.Backend, method, p.logURL, err)
		}
	default:
		if p.body, err = json.Marshal(b); err != nil {
			return nil, fmt.Errorf("%s API: %s %s: encoding request body: %w", c.cfg.Backend, method, p.logURL, err)
		}
		if p.contentType == "" {
			p.contentType = "application/json"
		}
	}
	if p.body != nil && p.contentType == "" {
		p.contentType = "application/octet-stream"
	}
	return p, nil
}

func (c *Client) resolve(path string, query url.Values) (*url.URL, error) {
	ref, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("invalid request path: %w", err)
	}
	u := c.base.ResolveReference(ref)
	// Authorize would hand our credentials to whatever host a Link or
	// Location header names, so only the API's own origin is followed.
	if !sameOrigin(u, c.base) {
		return nil, fmt.Errorf("refusing to send a request to %s://%s: not the API host %s", u.Scheme, u.Host, c.base.Host)
	}
	u.User = nil
	u.Fragment = ""
	if len(query) > 0 {
		q := u.Query()
		for k, vs := range query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// Do sends req, retrying retryable failures, and decodes a 2xx JSON body into
// out when out is non-nil and the body is not empty (a *[]byte out receives
// the raw body). A non-2xx answer returns both the Response and an *APIError.
func (c *Client) Do(ctx context.Context, req Request, out any) (*Response, error) {
	p, err := c.prepare(req)
	if err != nil {
		return nil, err
	}
	ctx = c.logContext(ctx)

	var (
		lastErr        error
		lastResp       *Response
		maybeProcessed bool // sticky: once an attempt's outcome is unknown, the whole call's is
	)
	for attempt := 0; ; attempt++ {
		sent, err := c.sched.Wait(ctx)
		if err != nil {
			return lastResp, c.rateLimited(p, err, lastErr, maybeProcessed)
		}
		res := c.send(ctx, p, attempt+1)
		if res.err == nil && res.resp.StatusCode >= 200 && res.resp.StatusCode < 300 {
			c.logAttempt(ctx, p, res, nil)
			return res.resp, c.decodeInto(p, res.resp, out)
		}
		if res.fatal {
			c.logAttempt(ctx, p, res, nil)
			if re := (*requestError)(nil); maybeProcessed && errors.As(res.err, &re) {
				re.maybeProcessed = true
			}
			return res.resp, res.err
		}

		v := c.classify(p, res)
		wait := c.backoff(attempt, v)
		if throttled(res.resp, v) {
			// First, before any other work on the answer: every request
			// of the backend that leaves until the scheduler hears of it
			// meets the exhausted quota too. In the bench's quota runs on
			// a loaded machine, 10–124 ms passed between a 429's answer
			// and this call when it came after decoding and masking the
			// error, while other callers kept sending.
			c.sched.Throttled(ctx, sent, wait, res.resp.StatusCode)
		}
		maybeProcessed = maybeProcessed || v.maybeProcessed
		lastResp = res.resp
		lastErr = c.attemptError(p, res, maybeProcessed)
		if !v.retry || attempt >= c.cfg.MaxRetries {
			c.logAttempt(ctx, p, res, nil)
			return lastResp, giveUp(lastErr, attempt+1, "")
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			c.logAttempt(ctx, p, res, nil)
			note := fmt.Sprintf("not retried: waiting %s for the next attempt would pass the context deadline", roundDuration(wait))
			return lastResp, giveUp(lastErr, attempt+1, note)
		}
		c.logAttempt(ctx, p, res, &retryNote{reason: v.reason, wait: wait})
		if err := c.sleep(ctx, wait); err != nil {
			return lastResp, c.canceled(ctx, p, err, lastErr, maybeProcessed)
		}
	}
}

func (c *Client) decodeInto(p *prepared, resp *Response, out any) error {
	if out == nil {
		return nil
	}
	if raw, ok := out.(*[]byte); ok {
		*raw = resp.Body
		return nil
	}
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		// A caller that passes out expects an object. Taking an empty answer
		// (a proxy or a server bug) as a zero object would store empty ids
		// and states; 204 says outright that there is nothing.
		if resp.StatusCode == http.StatusNoContent {
			return nil
		}
		return fmt.Errorf("%s API: %s %s: the %d answer has an empty body where an object was expected", c.cfg.Backend, p.method, p.logURL, resp.StatusCode)
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return fmt.Errorf("%s API: %s %s: decoding %d response: %w", c.cfg.Backend, p.method, p.logURL, resp.StatusCode, &DecodeError{err: err})
	}
	return nil
}

// DecodeError is an answer that does not have the shape its type expects.
// Its message says where and what kind of value, never the value itself:
// encoding/json and custom decoders quote numbers and text from the
// answer, which may be a password, a key or a kubeconfig that no masker
// knows about.
type DecodeError struct{ err error }

func (e *DecodeError) Error() string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(e.err, &typeErr):
		where := typeErr.Field
		if where == "" {
			where = "the answer"
		} else {
			where = "field " + strconv.Quote(where)
		}
		// Value is "number 12", "string", "bool", ...: keep the kind only.
		kind, _, _ := strings.Cut(typeErr.Value, " ")
		return fmt.Sprintf("%s: a JSON %s where %s was expected", where, kind, typeErr.Type)
	case errors.As(e.err, &syntaxErr):
		return fmt.Sprintf("not valid JSON (at byte %d)", syntaxErr.Offset)
	}
	return "a value does not have the expected type or format"
}

// NewDecodeError wraps a decoder's error so that its message echoes no
// value of the answer; backends that decode part of an answer themselves
// use it.
func NewDecodeError(err error) *DecodeError { return &DecodeError{err: err} }

// Unwrap keeps the decoder's error for errors.As; print e, not it.
func (e *DecodeError) Unwrap() error { return e.err }

// canceled reports the context ending while waiting to retry. ctx.Err()
// stays in the chain for errors.Is; the last attempt's error explains what
// was being retried.
func (c *Client) canceled(ctx context.Context, p *prepared, sleepErr, lastErr error, maybeProcessed bool) error {
	cause := sleepErr
	if ctx.Err() != nil {
		cause = ctxError(ctx)
	}
	return &requestError{
		backend:        c.cfg.Backend,
		method:         p.method,
		url:            p.logURL,
		err:            fmt.Errorf("%w while waiting to retry (last attempt: %w)", cause, lastErr),
		maybeProcessed: maybeProcessed,
	}
}

// rateLimited reports the context ending while the request waited for the
// backend's scheduler (its rate limit, or a pause after a 429).
func (c *Client) rateLimited(p *prepared, waitErr, lastErr error, maybeProcessed bool) error {
	if lastErr != nil {
		waitErr = fmt.Errorf("%w (last attempt: %w)", waitErr, lastErr)
	}
	return &requestError{
		backend:        c.cfg.Backend,
		method:         p.method,
		url:            p.logURL,
		err:            waitErr,
		maybeProcessed: maybeProcessed,
	}
}

// throttled says whether an answer asks the whole backend to slow down:
// a 429, or a 503 with Retry-After.
func throttled(resp *Response, v verdict) bool {
	return resp != nil && (resp.StatusCode == http.StatusTooManyRequests ||
		resp.StatusCode == http.StatusServiceUnavailable && v.hasRetryAfter)
}

// giveUp adds how many attempts were made, and why no more, to the final error.
func giveUp(err error, attempts int, note string) error {
	var parts []string
	if attempts > 1 {
		parts = append(parts, fmt.Sprintf("gave up after %d attempts", attempts))
	}
	if note != "" {
		parts = append(parts, note)
	}
	if len(parts) == 0 {
		return err
	}
	return fmt.Errorf("%w (%s)", err, strings.Join(parts, "; "))
}

func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// bodyReader gives each attempt its own reader over the buffered body.
func bodyReader(b []byte) io.Reader {
	if b == nil {
		return nil
	}
	return bytes.NewReader(b)
}
