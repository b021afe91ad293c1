package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve runs the provider over protocol 6 like providerserver.Serve, with
// the framework's server wrapped by ReleaseContexts.
func Serve(address, version string, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return ReleaseContexts(providerserver.NewProtocol6(New(version)())())
	}, opts...)
}

// ReleaseContexts works around a leak in terraform-plugin-framework
// (v1.19.0, internal/proto6server/serve.go): every RPC's context is wrapped
// with context.WithCancel and its CancelFunc appended to a slice that only
// StopProvider empties. Each CancelFunc keeps its context's parents alive:
// the gRPC stream, its metadata, and the loggers terraform-plugin-go and the
// framework put into the context, some 10-20 KB per RPC. A command makes
// about four RPCs per resource, so the provider's live heap grew with the
// resources a command touches (31 MB for a refresh of 400 Waldur orders;
// with GOGC's headroom, 174 MB peak RSS at 1,000).
//
// The wrapper gives each per-resource RPC a context that drops its parent
// when the RPC returns, so what the framework keeps is a few small objects.
// Code that keeps the context past its RPC (a goroutine that outlives it)
// then sees a cancelled context without values: tflog calls on it log
// nothing, as on any context without a logger.
func ReleaseContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	if full, ok := s.(fullServer); ok {
		return releasingServer{full}
	}
	return s
}

// fullServer is the framework's server: the protocol and the optional
// interfaces terraform-plugin-go looks for, so that wrapping it hides none.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // tf6server (v0.31.0) still type-asserts it
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // tf6server (v0.31.0) still type-asserts it
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // tf6server (v0.31.0) still type-asserts it
}

type releasingServer struct{ fullServer }

// call runs f with a context that forgets ctx when f returns.
func call[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newReleasable(ctx)
	defer rc.release()
	return f(rc, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, req, s.fullServer.UpgradeResourceState)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, req, s.fullServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, req, s.fullServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, req, s.fullServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, req, s.fullServer.ImportResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, req, s.fullServer.ReadDataSource)
}

// released is what a releasable context becomes: cancelled, no values.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

type ctxBox struct{ context.Context }

// releasable is its parent until release, then the released context.
type releasable struct{ p atomic.Pointer[ctxBox] }

func newReleasable(ctx context.Context) *releasable {
	r := &releasable{}
	r.p.Store(&ctxBox{ctx})
	return r
}

func (r *releasable) release() { r.p.Store(&ctxBox{released}) }

func (r *releasable) Deadline() (time.Time, bool) { return r.p.Load().Deadline() }
func (r *releasable) Done() <-chan struct{}       { return r.p.Load().Done() }
func (r *releasable) Err() error                  { return r.p.Load().Err() }
func (r *releasable) Value(key any) any           { return r.p.Load().Value(key) }
