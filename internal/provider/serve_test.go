package provider

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"testing"
	"weak"

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

// ListResource answers with a stream that it produces after it returns,
// under its context, as the framework does.
func (s *keepingServer) ListResource(ctx context.Context, _ *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	s.kept = append(s.kept, ctx)
	return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
		s.during = ctx.Value(ctxKey{})
		yield(tfprotov6.ListResourceResult{DisplayName: "one"})
	}}, nil
}

func TestReleaseContextsKeepsAStreamsContextUntilItIsRead(t *testing.T) {
	inner := &keepingServer{}
	s := releasingServer{inner}
	parent := context.WithValue(context.Background(), ctxKey{}, "request")
	resp, err := s.ListResource(parent, &tfprotov6.ListResourceRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for r := range resp.Results {
		got = append(got, r.DisplayName)
	}
	if len(got) != 1 || inner.during != "request" {
		t.Fatalf("read %v with the context's value %v, want one result read under the parent's", got, inner.during)
	}
	if v := inner.kept[0].Value(ctxKey{}); v != nil || inner.kept[0].Err() == nil {
		t.Errorf("after the stream was read the kept context has %v, err %v; want released", v, inner.kept[0].Err())
	}
}

// payload is what a request's context carries; the test watches whether
// it can be collected.
type payload struct{ _ [1024]byte }

// rpcLeavesContext calls the RPC name of s with a context carrying a
// payload, reads the stream the RPC answers with, ends the context (as
// gRPC does when the RPC ends) and tells whether the payload can still be
// reached afterwards.
func rpcLeavesContext(t *testing.T, s tfprotov6.ProviderServer, name string) bool {
	t.Helper()
	var w weak.Pointer[payload]
	func() {
		p := &payload{}
		w = weak.Make(p)
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, p))
		defer cancel()
		m := reflect.ValueOf(s).MethodByName(name)
		req := reflect.New(m.Type().In(1).Elem())
		// An empty request is enough: the framework registers the context
		// first thing. Some RPCs panic on it (ConfigureProvider reads no
		// config); the context is registered by then all the same.
		defer func() { _ = recover() }()
		out := m.Call([]reflect.Value{reflect.ValueOf(ctx), req})
		switch r := out[0].Interface().(type) {
		case *tfprotov6.ListResourceServerStream:
			for range r.Results {
			}
		case *tfprotov6.InvokeActionServerStream:
			for range r.Events {
			}
		case *tfprotov6.ReadStateBytesStream:
			for range r.Chunks {
			}
		}
	}()
	runtime.GC()
	runtime.GC()
	kept := w.Value() != nil
	runtime.KeepAlive(s) // the server lives as long as the provider does
	return kept
}

// The framework keeps a CancelFunc of every RPC but StopProvider until
// StopProvider, and with it the RPC's context: through the wrapper, no RPC
// keeps what its context carries. The list of RPCs is the protocol's, so
// an RPC a new version adds is checked too (and must be wrapped).
func TestReleaseContextsReleasesEveryRPC(t *testing.T) {
	if !rpcLeavesContext(t, providerserver.NewProtocol6(New("test")())(), "ReadResource") {
		t.Fatal("the framework's own server no longer keeps an RPC's context: the leak ReleaseContexts works around is fixed, remove it")
	}
	rpcs := reflect.TypeFor[fullServer]()
	for i := range rpcs.NumMethod() {
		name := rpcs.Method(i).Name
		if name == "StopProvider" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if rpcLeavesContext(t, ReleaseContexts(providerserver.NewProtocol6(New("test")())()), name) {
				t.Errorf("%s keeps its context after it returned", name)
			}
		})
	}
}
