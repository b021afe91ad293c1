package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The framework's server must take the wrapper: if a new framework version
// stopped implementing one of fullServer's interfaces, the leak's fix
// would silently switch off.
func TestReleaseContextsWrapsTheFrameworkServer(t *testing.T) {
	s := ReleaseContexts(providerserver.NewProtocol6(New("test")())())
	if _, ok := s.(releasingServer); !ok {
		t.Fatalf("ReleaseContexts returned %T, want releasingServer", s)
	}
}

type ctxKey struct{}

// keepingServer keeps every context it is given, as the framework does.
type keepingServer struct {
	fullServer
	during any
	kept   []context.Context
}

func (s *keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	child, cancel := context.WithCancel(ctx)
	_ = cancel // kept, as the framework keeps it, and never called
	s.during = child.Value(ctxKey{})
	s.kept = append(s.kept, ctx, child)
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestReleaseContextsDropsTheParentWhenTheRPCReturns(t *testing.T) {
	inner := &keepingServer{}
	s := releasingServer{inner}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "request"))
	defer cancel()

	if _, err := s.ReadResource(parent, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	if inner.during != "request" {
		t.Errorf("during the RPC the context's value = %v, want the parent's", inner.during)
	}
	if parent.Err() != nil {
		t.Error("releasing cancelled the parent")
	}
	cancel() // gRPC cancels the stream's context when the RPC ends
	for i, ctx := range inner.kept {
		if v := ctx.Value(ctxKey{}); v != nil {
			t.Errorf("kept context %d still reaches its parent's value %v after the RPC", i, v)
		}
		if ctx.Err() == nil {
			t.Errorf("kept context %d is not done after the RPC", i)
		}
	}
}

func TestReleasableFollowsItsParentUntilReleased(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	r := newReleasable(parent)
	if r.Done() != parent.Done() || r.Err() != nil {
		t.Fatal("a releasable is not its parent before release")
	}
	cancel()
	if !errors.Is(r.Err(), context.Canceled) {
		t.Errorf("Err = %v after the parent's cancel, want context.Canceled", r.Err())
	}
	r.release()
	select {
	case <-r.Done():
	default:
		t.Error("Done is open after release")
	}
}
