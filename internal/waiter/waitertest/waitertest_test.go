package waitertest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

func TestFakeClock(t *testing.T) {
	t.Parallel()
	c := waitertest.NewFakeClock()
	start := c.Now()
	if err := c.Sleep(context.Background(), 3*time.Second); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Second)
	if err := c.Sleep(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if got := c.Now().Sub(start); got != 4*time.Second {
		t.Errorf("virtual time advanced %v, want 4s", got)
	}
	if s := c.Sleeps(); len(s) != 2 || s[0] != 3*time.Second || s[1] != 0 {
		t.Errorf("Sleeps() = %v", s)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Second); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a canceled context = %v", err)
	}
	if len(c.Sleeps()) != 2 {
		t.Error("a refused sleep was recorded")
	}
}
