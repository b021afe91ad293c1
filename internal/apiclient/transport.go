package apiclient

import (
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"time"
)

// newHTTPClient builds the client used when Config.HTTPClient is nil. It has
// no overall Timeout because contexts bound each call, including retries.
func newHTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   32, // a plan with many resources polls one API host in parallel
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   15 * time.Second,
			ExpectContinueTimeout: time.Second,
			// A server that accepted the request but never answers would
			// otherwise hold the apply until the context deadline; with this,
			// idempotent requests get retried.
			ResponseHeaderTimeout: 2 * time.Minute,
			TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		},
		CheckRedirect: checkRedirect,
	}
}

// checkRedirect follows redirects only for GET and HEAD: net/http would turn
// a redirected POST into a GET and report the GET's success, so for other
// methods the 3xx is returned to the caller as an *APIError instead.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if m := via[0].Method; m != http.MethodGet && m != http.MethodHead {
		return http.ErrUseLastResponse
	}
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	return nil
}

// NewHTTPClient returns a client with the tuned transport Config uses by
// default, for backends that build several Clients (e.g. one per login
// session) and want them to share connections.
func NewHTTPClient() *http.Client { return newHTTPClient() }
