package serverclock

import (
	"net/http"
	"testing"
	"time"
)

func TestNotBefore(t *testing.T) {
	sent := time.Now()
	server := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	if _, ok := NotBefore(sent, Observation{}); ok {
		t.Fatal("a bound without any Date")
	}
	// Read before sending: that Date had passed already.
	before := Observation{Date: server, Received: sent.Add(-time.Minute)}
	if b, ok := NotBefore(sent, before); !ok || !b.Equal(server.Add(-Tolerance)) {
		t.Fatalf("before: %v %v", b, ok)
	}
	// Read 3 s after sending, showing a minute later: the server's time at
	// sending was no earlier than that Date less 3 s, the closer bound.
	after := Observation{Date: server.Add(time.Minute), Received: sent.Add(3 * time.Second)}
	if b, ok := NotBefore(sent, before, after); !ok || !b.Equal(server.Add(57*time.Second-Tolerance)) {
		t.Fatalf("after: %v %v", b, ok)
	}
}

func TestClockKeepsTheLatestDate(t *testing.T) {
	var c Clock
	now := time.Now()
	c.Observe(http.Header{}, now) // no Date: ignored
	if c.Latest().Known() {
		t.Fatal("an answer without Date was observed")
	}
	d1 := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	c.Observe(http.Header{"Date": {d1.Format(http.TimeFormat)}}, now)
	// An answer read earlier (a slow concurrent one) does not go back.
	c.Observe(http.Header{"Date": {d1.Add(-time.Hour).Format(http.TimeFormat)}}, now.Add(-time.Second))
	if got := c.Latest(); !got.Date.Equal(d1) || !got.Received.Equal(now) {
		t.Fatalf("latest %+v", got)
	}
}
