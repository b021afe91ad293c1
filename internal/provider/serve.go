package provider

import (
	"context"
	"iter"
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
// Every RPC but StopProvider goes through registerContext, so the wrapper
// gives each of them a context that drops its parent when the RPC returns
// (for an RPC that answers with a stream, when the stream has been read),
// so what the framework keeps is a few small objects. The per-resource
// RPCs are most of a command's RPCs; the others (provider, function,
// ephemeral resource, list, action and state store RPCs) keep as much each.
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

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, req, s.fullServer.MoveResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, req, s.fullServer.UpgradeResourceIdentity)
}

func (s releasingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return call(ctx, req, s.fullServer.GenerateResourceConfig)
}

func (s releasingServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return call(ctx, req, s.fullServer.GetMetadata)
}

func (s releasingServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return call(ctx, req, s.fullServer.GetProviderSchema)
}

func (s releasingServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return call(ctx, req, s.fullServer.GetResourceIdentitySchemas)
}

func (s releasingServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateProviderConfig)
}

func (s releasingServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return call(ctx, req, s.fullServer.ConfigureProvider)
}

func (s releasingServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return call(ctx, req, s.fullServer.GetFunctions)
}

func (s releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(ctx, req, s.fullServer.CallFunction)
}

func (s releasingServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateEphemeralResourceConfig)
}

func (s releasingServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return call(ctx, req, s.fullServer.OpenEphemeralResource)
}

func (s releasingServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return call(ctx, req, s.fullServer.RenewEphemeralResource)
}

func (s releasingServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return call(ctx, req, s.fullServer.CloseEphemeralResource)
}

func (s releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateListResourceConfig)
}

func (s releasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateActionConfig)
}

func (s releasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return call(ctx, req, s.fullServer.PlanAction)
}

func (s releasingServer) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return call(ctx, req, s.fullServer.ValidateStateStoreConfig)
}

func (s releasingServer) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return call(ctx, req, s.fullServer.ConfigureStateStore)
}

func (s releasingServer) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return call(ctx, req, s.fullServer.GetStates)
}

func (s releasingServer) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return call(ctx, req, s.fullServer.DeleteState)
}

func (s releasingServer) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return call(ctx, req, s.fullServer.LockState)
}

func (s releasingServer) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return call(ctx, req, s.fullServer.UnlockState)
}

// WriteStateBytes reads its request stream before it returns.
func (s releasingServer) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return call(ctx, req, s.fullServer.WriteStateBytes)
}

// The RPCs that answer with a stream produce it after they return, under
// their context: it is released when the stream has been read.

func (s releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return callStream(ctx, req, s.fullServer.ListResource, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] {
		return &r.Results
	})
}

func (s releasingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return callStream(ctx, req, s.fullServer.InvokeAction, func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] {
		return &r.Events
	})
}

func (s releasingServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return callStream(ctx, req, s.fullServer.ReadStateBytes, func(r *tfprotov6.ReadStateBytesStream) *iter.Seq[tfprotov6.ReadStateByteChunk] {
		return &r.Chunks
	})
}

// callStream runs f with a context that forgets ctx when the stream of
// f's answer (the sequence stream points to) has been read.
func callStream[Req, Resp, T any](ctx context.Context, req Req, f func(context.Context, Req) (*Resp, error), stream func(*Resp) *iter.Seq[T]) (*Resp, error) {
	rc := newReleasable(ctx)
	resp, err := f(rc, req)
	if resp == nil {
		rc.release()
		return resp, err
	}
	seq := stream(resp)
	*seq = releaseAfter(*seq, rc)
	return resp, err
}

// releaseAfter is seq, releasing rc when it has been read (at once when
// there is nothing to read).
func releaseAfter[T any](seq iter.Seq[T], rc *releasable) iter.Seq[T] {
	if seq == nil {
		rc.release()
		return nil
	}
	return func(yield func(T) bool) {
		defer rc.release()
		seq(yield)
	}
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
