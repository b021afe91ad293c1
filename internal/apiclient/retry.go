package apiclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// result is the outcome of one attempt.
type result struct {
	attempt  int
	resp     *Response // nil when no complete answer was read
	err      error     // transport error, or a fatal error when fatal is set
	fatal    bool      // err ends Do at once: the context ended or the request could not be built
	duration time.Duration
	// connected is set once a connection was handed to the request: from
	// then on the server may have received it, so a non-idempotent request
	// can no longer be re-sent blindly.
	connected bool
}

func (c *Client) send(ctx context.Context, p *prepared, attempt int) result {
	r := result{attempt: attempt}
	var connected atomic.Bool
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { connected.Store(true) }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), p.method, p.url.String(), bodyReader(p.body))
	if err != nil {
		r.err, r.fatal = c.requestError(p, err, false), true
		return r
	}
	c.setHeaders(req, p)
	if c.cfg.Authorize != nil {
		if err := c.cfg.Authorize(req); err != nil {
			r.err, r.fatal = c.requestError(p, fmt.Errorf("authorizing request: %w", err), false), true
			return r
		}
	}
	c.logRequest(ctx, p, req, attempt)

	start := time.Now()
	httpResp, err := c.hc.Do(req)
	if err == nil {
		var body []byte
		body, err = readBody(httpResp)
		if err == nil {
			r.resp = &Response{StatusCode: httpResp.StatusCode, Header: httpResp.Header, Body: body}
		} else if errors.Is(err, errBodyTooLarge) {
			r.fatal = true
		}
	}
	r.duration = time.Since(start)
	r.connected = connected.Load()
	if err != nil {
		r.err = unwrapURLError(err)
		if ctx.Err() != nil {
			r.err, r.fatal = ctxError(ctx), true
		}
		if r.fatal {
			r.err = c.requestError(p, r.err, !p.idempotent && r.connected)
		}
	}
	return r
}

func (c *Client) setHeaders(req *http.Request, p *prepared) {
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	if p.body != nil {
		req.Header.Set("Content-Type", p.contentType)
	}
	for k, vs := range p.header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
}

var errBodyTooLarge = fmt.Errorf("response body exceeds %d MiB", maxResponseBytes>>20)

func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	if len(body) > maxResponseBytes {
		return nil, errBodyTooLarge
	}
	return body, nil
}

// unwrapURLError drops *url.Error's "Get \"https://host/path?query\"" prefix:
// our messages name the request themselves, with secrets masked.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// ctxError keeps ctx.Err() in the chain for errors.Is and adds a custom
// cause (context.WithTimeoutCause) when there is one.
func ctxError(ctx context.Context) error {
	err := ctx.Err()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
		return fmt.Errorf("%w: %w", err, cause)
	}
	return err
}

// verdict says whether a failed attempt may be retried and how.
type verdict struct {
	retry          bool
	reason         string
	retryAfter     time.Duration
	hasRetryAfter  bool
	maybeProcessed bool
}

func (c *Client) classify(p *prepared, r result) verdict {
	if r.err != nil {
		v := verdict{reason: describeTransportError(r.err)}
		switch {
		case !retryableTransportError(r.err):
		case !r.connected:
			// Nothing was sent (connection refused, DNS): safe for any method.
			v.retry = true
		case p.idempotent || p.retryUnsafe:
			v.retry, v.maybeProcessed = true, !p.idempotent
		default:
			v.maybeProcessed = true
		}
		return v
	}

	status := r.resp.StatusCode
	v := verdict{reason: fmt.Sprintf("status %d", status)}
	switch status {
	case http.StatusTooManyRequests:
		// The server refused without acting, so even a POST can be re-sent.
		v.retry = true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		v.retry = p.idempotent || p.retryUnsafe
		v.maybeProcessed = !p.idempotent
	default:
		v.maybeProcessed = !p.idempotent && outcomeUnknown(status)
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		v.retryAfter, v.hasRetryAfter = parseRetryAfter(r.resp.Header.Get("Retry-After"), time.Now())
	}
	return v
}

// outcomeUnknown: a 5xx may come after the server committed the change (or
// from a proxy that lost the answer); 501 and 505 reject the request itself.
func outcomeUnknown(status int) bool {
	return status >= 500 && status <= 599 &&
		status != http.StatusNotImplemented && status != http.StatusHTTPVersionNotSupported
}

// retryableTransportError rejects failures that another attempt cannot fix:
// a certificate the client does not trust, or TLS spoken to a plain-HTTP port.
func retryableTransportError(err error) bool {
	var (
		verifyErr   *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
		recordErr   tls.RecordHeaderError
	)
	return !errors.As(err, &verifyErr) && !errors.As(err, &unknownAuth) &&
		!errors.As(err, &hostErr) && !errors.As(err, &invalidErr) && !errors.As(err, &recordErr)
}

func describeTransportError(err error) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "connection closed before the answer was complete"
	}
	return err.Error()
}

// maxRetryAfter caps the wait that a Retry-After header asks for: a server
// (or a proxy) that answers "Retry-After: 86400" must not hold an apply
// for a day. A longer outage shows as the error of the last attempt.
const maxRetryAfter = 2 * time.Minute

// backoff is the wait before retry n (0-based): Retry-After when the server
// sent one (capped at maxRetryAfter, or MaxBackoff when that is longer), otherwise full jitter over min(MaxBackoff, MinBackoff·2^n).
func (c *Client) backoff(n int, v verdict) time.Duration {
	if v.hasRetryAfter {
		return min(v.retryAfter, max(maxRetryAfter, c.cfg.MaxBackoff))
	}
	ceiling := math.Min(float64(c.cfg.MinBackoff)*math.Pow(2, float64(n)), float64(c.cfg.MaxBackoff))
	return time.Duration(c.rand() * ceiling)
}

// parseRetryAfter reads delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(math.MaxInt64/time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
