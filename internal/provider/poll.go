package provider

import (
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// defaultPoll is how waiters poll unless a test says otherwise: a first
// poll after half a second, intervals growing by half up to 10 s. Growth
// by 1.5 rather than 2 overshoots the end of a wait by less; the learner
// (see pollOptions) makes most waits of a busy apply take one or two polls.
var defaultPoll = waiter.Options{MinInterval: 500 * time.Millisecond, MaxInterval: 10 * time.Second, Multiplier: 1.5}

// pollOptions are the waiter options every backend client gets: the
// configured ones (tests pass fast polling), else defaultPoll, with the
// provider's learner.
func (p *cloudorderProvider) pollOptions() waiter.Options {
	o := defaultPoll
	if p.settings.pollSet {
		o = p.settings.poll
	}
	if o.Learner == nil && !p.settings.noLearning {
		o.Learner = p.learner
	}
	return o
}
