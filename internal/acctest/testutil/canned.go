package testutil

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
)

// MaxCannedRequests bounds the requests one canned client answers. After
// it the transport fails instead, so that an answer that announces
// endless pages (a next link, a Link header) costs 50 requests, not the
// client's own bound (thousands of pages), and the fuzzer does not stall.
const MaxCannedRequests = 50

// ErrCannedBudgetSpent is what a canned client's transport fails with
// after MaxCannedRequests requests.
var ErrCannedBudgetSpent = errors.New("fuzz: request budget spent")

// cannedTransport answers every request with the same answer, without a
// network, so that fuzzing runs thousands of inputs a second.
type cannedTransport struct {
	status int
	header http.Header
	body   []byte
	sent   *atomic.Int32
}

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	if c.sent.Add(1) > MaxCannedRequests {
		return nil, ErrCannedBudgetSpent
	}
	return &http.Response{
		StatusCode: c.status, Status: http.StatusText(c.status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: c.header.Clone(), Body: io.NopCloser(bytes.NewReader(c.body)), Request: req,
	}, nil
}

// CannedClient is an HTTP client whose every answer is status and body
// with Content-Type application/json, for at most MaxCannedRequests
// requests. header is pairs of names and values added to each answer
// (e.g. "Location", loc, "Set-Cookie", cookie); pairs with an empty value
// are left out.
func CannedClient(status int, body []byte, header ...string) *http.Client {
	h := http.Header{"Content-Type": []string{"application/json"}}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			h.Set(header[i], header[i+1])
		}
	}
	return &http.Client{Transport: cannedTransport{status: status, header: h, body: body, sent: new(atomic.Int32)}}
}
