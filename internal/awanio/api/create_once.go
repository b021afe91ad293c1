package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// finder lists the objects a create may have made: those that match what
// was asked for (usually by name within the owner).
type finder[T any] struct {
	// what names the object kind in messages ("organization").
	what string
	// list returns the current candidates.
	list func(ctx context.Context) ([]T, error)
	// id returns an object's UUID.
	id func(T) string
}

// snapshot records the candidates that exist before a create, so that an
// object found afterwards is known to be new, never an older namesake. A
// failed list is tried again: giving up here fails an apply for a 500.
func (f finder[T]) snapshot(ctx context.Context) (map[string]bool, error) {
	objs, err := f.listAgain(ctx)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(objs))
	for _, o := range objs {
		seen[f.id(o)] = true
	}
	return seen, nil
}

// createAttempts bounds how often a create whose answer was lost is sent.
const createAttempts = 3

// lookupAttempts bounds the lists that look for the object of a lost
// answer. A list is a read and safe to repeat: the HTTP layer already
// retried throttling and gateway errors, but giving up after a 500 would
// leave an object that exists and is tracked nowhere.
const lookupAttempts = 3

// listAgain is list, tried again after a failure.
func (f finder[T]) listAgain(ctx context.Context) ([]T, error) {
	var err error
	for attempt := 1; attempt <= lookupAttempts; attempt++ {
		var objs []T
		if objs, err = f.list(ctx); err == nil || ctx.Err() != nil {
			return objs, err
		}
		tflog.Warn(ctx, "listing failed while looking for the object of a lost answer; listing again",
			map[string]any{"kind": f.what, "error": err.Error()})
	}
	return nil, err
}

// findNew returns the one candidate not in before; nil when there is none,
// and an error when there are several, because guessing could adopt an
// object another run is creating.
func (f finder[T]) findNew(ctx context.Context, before map[string]bool) (*T, error) {
	objs, err := f.listAgain(ctx)
	if err != nil {
		return nil, err
	}
	var found []T
	for _, o := range objs {
		if !before[f.id(o)] {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, o := range found {
		ids[i] = f.id(o)
	}
	return nil, fmt.Errorf("found %d new %ss that match (%s) and cannot tell which one this run created; "+
		"import the right one and delete the others", len(found), f.what, strings.Join(ids, ", "))
}

// createOnce sends a create that has no idempotency key without ever making
// two objects: when the outcome of the POST is unknown (the answer was lost
// or a 5xx came back), it looks for the object among the candidates that
// were not there before, adopts it if found, and only otherwise sends the
// POST once more.
//
// create returns (nil, nil) when the API confirmed the create but did not
// return the object ("data": null); the new object is then found the same
// way, by what it was created with.
func createOnce[T any](ctx context.Context, f finder[T], create func(ctx context.Context) (*T, error)) (*T, error) {
	before, err := f.snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing %ss before creating one: %w", f.what, err)
	}
	obj, err := create(ctx)
	for attempt := 1; err != nil && apiclient.MayHaveBeenProcessed(err); attempt++ {
		// Look also after the last attempt: it may be the one that
		// created the object.
		tflog.Warn(ctx, "the answer to a create was lost; looking for the object",
			map[string]any{"kind": f.what, "error": err.Error()})
		found, ferr := f.findNew(ctx, before)
		if ferr != nil {
			return nil, fmt.Errorf("%w; looking for the %s it may have created: %w", err, f.what, ferr)
		}
		if found != nil {
			return found, nil
		}
		if attempt >= createAttempts {
			return nil, fmt.Errorf("%w; no %s that it may have created was found", err, f.what)
		}
		obj, err = create(ctx)
	}
	if err != nil || obj != nil {
		return obj, err
	}
	found, err := f.findNew(ctx, before)
	if err != nil {
		return nil, fmt.Errorf("the %s was created, but the answer did not include it: %w", f.what, err)
	}
	if found == nil {
		return nil, fmt.Errorf("the %s was created, but the answer did not include it and it cannot be found by name", f.what)
	}
	return found, nil
}
