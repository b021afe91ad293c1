package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// echoingDecoder fails the way custom decoders do: quoting what it read.
type echoingDecoder struct{}

func (*echoingDecoder) UnmarshalJSON(b []byte) error { return fmt.Errorf("cannot read %s", b) }

// A decoding error says where and what kind of value, never the value: an
// answer may carry a password or key that no masker knows about.
func TestDecodeErrorsNeverEchoValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, secret string
		out                any
		want               []string
	}{
		{"number into text", `{"id": 98765432123}`, "98765432123", &struct {
			ID string `json:"id"`
		}{}, []string{`field "id"`, "number", "string"}},
		{"text into number", `{"size": "hunter2-secret"}`, "hunter2-secret", &struct {
			Size int `json:"size"`
		}{}, []string{`field "size"`, "string", "int"}},
		{"broken JSON", `{"token": "abc-secret-token`, "abc-secret-token", &map[string]any{}, []string{"not valid JSON"}},
		{"custom decoder", `{"key": "AKIA-secret-key"}`, "AKIA-secret-key", &struct {
			Key echoingDecoder `json:"key"`
		}{}, []string{"expected type or format"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodGet, Path: "x/"}, tc.out)
			if err == nil {
				t.Fatal("decoding succeeded")
			}
			if strings.Contains(err.Error(), tc.secret) {
				t.Fatalf("the error echoes the value: %v", err)
			}
			for _, w := range append(tc.want, "waldur API", "decoding 200 response") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error %q does not say %q", err, w)
				}
			}
			var de *apiclient.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("the error is not a *DecodeError: %T", err)
			}
		})
	}
}

// Retry-After is honoured but capped: "come back tomorrow" must not hold
// an apply for a day.
func TestRetryAfterIsCapped(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, clock := newClient(t, func(w http.ResponseWriter, _ *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	if _, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodGet, Path: "x/"}, nil); err != nil {
		t.Fatal(err)
	}
	sleeps := clock.Sleeps()
	if len(sleeps) != 1 || sleeps[0] > 2*time.Minute || sleeps[0] <= 0 {
		t.Fatalf("waited %v for Retry-After: 86400, want one wait of at most 2m", sleeps)
	}
}
