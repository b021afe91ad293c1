package mockcloud

import "testing"

func TestRequestLogIsBounded(t *testing.T) {
	t.Parallel()
	var m metrics
	for i := range requestLogSize + 5 {
		m.begin(&LoggedRequest{Route: "r", Path: string(rune('a' + i%26)), Status: i})
	}
	log := m.snapshotLog()
	if len(log) != requestLogSize {
		t.Fatalf("log length %d", len(log))
	}
	if log[0].Status != 5 || log[len(log)-1].Status != requestLogSize+4 {
		t.Errorf("oldest %d newest %d", log[0].Status, log[len(log)-1].Status)
	}
	if m.snapshotCounters()["r"] != requestLogSize+5 {
		t.Error("counter is not the full count")
	}
}
