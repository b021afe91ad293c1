package awanio

import (
	"testing"
	"time"
)

func TestAsyncStatus(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newAsyncStatus(t0, "provisioning",
		AsyncStep{After: time.Second, Status: "starting"},
		AsyncStep{After: 3 * time.Second, Status: "running"})
	cases := []struct {
		at      time.Duration
		want    string
		settled bool
	}{
		{0, "provisioning", false},
		{999 * time.Millisecond, "provisioning", false},
		{time.Second, "starting", false},
		{3 * time.Second, "running", true},
		{time.Hour, "running", true},
	}
	for _, tc := range cases {
		now := t0.Add(tc.at)
		if got := s.At(now); got != tc.want {
			t.Errorf("At(+%s) = %q, want %q", tc.at, got, tc.want)
		}
		if got := s.Settled(now); got != tc.settled {
			t.Errorf("Settled(+%s) = %v, want %v", tc.at, got, tc.settled)
		}
	}
	s.Restart(t0.Add(time.Hour), "deleting", AsyncStep{After: time.Second, Status: AsyncGone})
	if s.Gone(t0.Add(time.Hour)) || !s.Gone(t0.Add(time.Hour+time.Second)) {
		t.Error("a restarted delete is gone only after its delay")
	}
	s.Fix("error")
	if got := s.At(t0.Add(2 * time.Hour)); got != "error" || !s.Settled(t0) {
		t.Errorf("fixed status = %q, want error and settled", got)
	}
}

func TestAsyncStatusWithoutDelayIsImmediate(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newAsyncStatus(t0, "pending", AsyncStep{After: 0, Status: "running"})
	if got := s.At(t0); got != "running" {
		t.Fatalf("with a zero delay the status is %q at once, want running", got)
	}
}
