package mockcloud_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// benchServer is a seeded mock served without a network, so that the
// benchmarks measure the handlers (routing, auth, store, rendering, the
// request log), not the TCP stack.
type benchServer struct {
	h    http.Handler
	demo cloud.DemoSeed
}

func newBenchServer() benchServer {
	m := cloud.New()
	return benchServer{h: m.Handler(), demo: cloud.SeedDemo(m)}
}

func (s benchServer) do(b *testing.B, method, path string, body []byte, want int) []byte {
	req := httptest.NewRequest(method, "http://mock"+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Token "+s.demo.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	if rec.Code != want {
		b.Fatalf("%s %s: status %d, want %d: %s", method, path, rec.Code, want, rec.Body.String())
	}
	return rec.Body.Bytes()
}

func (s benchServer) orderBody(name string) []byte {
	body, _ := json.Marshal(map[string]any{
		"project":    fmt.Sprintf("http://mock/api/projects/%s/", s.demo.ProjectUUID),
		"offering":   fmt.Sprintf("http://mock/api/marketplace-public-offerings/%s/", s.demo.OfferingUUID),
		"plan":       fmt.Sprintf("http://mock/api/marketplace-public-offerings/%s/plans/%s/", s.demo.OfferingUUID, s.demo.PlanUUID),
		"attributes": map[string]any{"name": name},
	})
	return body
}

// BenchmarkWaldurCreateOrder is POST /api/marketplace-orders/, what every
// created resource costs the mock once.
func BenchmarkWaldurCreateOrder(b *testing.B) {
	s := newBenchServer()
	body := s.orderBody("bench")
	b.ReportAllocs()
	for b.Loop() {
		s.do(b, http.MethodPost, "/api/marketplace-orders/", body, http.StatusCreated)
	}
}

// BenchmarkWaldurGetOrder is the poll and the refresh: GET of one order,
// with 1,000 orders in the store.
func BenchmarkWaldurGetOrder(b *testing.B) {
	s := newBenchServer()
	var uuid string
	for i := range 1000 {
		var o struct{ UUID string }
		_ = json.Unmarshal(s.do(b, http.MethodPost, "/api/marketplace-orders/", s.orderBody(fmt.Sprint("o", i)), http.StatusCreated), &o)
		uuid = o.UUID
	}
	path := "/api/marketplace-orders/" + uuid + "/"
	b.ReportAllocs()
	for b.Loop() {
		s.do(b, http.MethodGet, path, nil, http.StatusOK)
	}
}

// BenchmarkWaldurGetOrderParallel is the same under parallel polling, as
// terraform -parallelism drives it: the store's lock is the contention point.
func BenchmarkWaldurGetOrderParallel(b *testing.B) {
	s := newBenchServer()
	var o struct{ UUID string }
	_ = json.Unmarshal(s.do(b, http.MethodPost, "/api/marketplace-orders/", s.orderBody("o"), http.StatusCreated), &o)
	path := "/api/marketplace-orders/" + o.UUID + "/"
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, "http://mock"+path, nil)
			req.Header.Set("Authorization", "Token "+s.demo.Token)
			rec := httptest.NewRecorder()
			s.h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Errorf("status %d", rec.Code)
				return
			}
		}
	})
}
