package provider

import (
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

func TestPollOptions(t *testing.T) {
	t.Parallel()
	p := New("test")().(*cloudorderProvider)
	got := p.pollOptions()
	if got.Multiplier != 1.5 || got.MinInterval != 500*time.Millisecond || got.MaxInterval != 10*time.Second {
		t.Errorf("default poll = %+v, want 0.5s growing by 1.5 to 10s", got)
	}
	if got.Learner == nil || got.Learner != p.pollOptions().Learner {
		t.Error("the backends do not share one learner")
	}

	fast := waiter.Options{MinInterval: 20 * time.Millisecond, MaxInterval: 200 * time.Millisecond, Multiplier: 2}
	p = New("test", WithPollOptions(fast))().(*cloudorderProvider)
	got = p.pollOptions()
	if got.MinInterval != fast.MinInterval || got.MaxInterval != fast.MaxInterval || got.Multiplier != 2 {
		t.Errorf("WithPollOptions(fast) gave %+v", got)
	}
	if got.Learner == nil {
		t.Error("fast polling in tests should learn too")
	}
	if other := New("test")().(*cloudorderProvider); other.learner == p.learner {
		t.Error("two provider instances share a learner")
	}
}
