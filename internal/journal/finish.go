package journal

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// errUncertain marks the error of a create that may have made an object.
var errUncertain = errors.New("the create may have made an object")

type uncertain struct{ error }

func (u uncertain) Is(target error) bool { return target == errUncertain }
func (u uncertain) Unwrap() error        { return u.error }

// Uncertain marks err as the error of a create that may have made an
// object (an answer was lost before it): Finish keeps its entry even when
// err itself is a refusal.
func Uncertain(err error) error {
	if err == nil {
		return nil
	}
	return uncertain{err}
}

// Finish ends the create of p once the create returned: with the ids of
// what it made (the entry stays until they are seen in a Read), or with
// err: an entry of a create the API refused (and that lost no answer
// before) is removed, since it made nothing; any other stays, for the
// next run to settle.
func (p *Pending) Finish(ctx context.Context, err error, ids ...string) {
	if p == nil {
		return
	}
	switch {
	case err == nil:
		if aerr := p.Answered(ids...); aerr != nil {
			tflog.Warn(ctx, "could not record the created object in the journal", map[string]any{"error": aerr.Error()})
		}
	case !errors.Is(err, errUncertain) && apiclient.Refused(err):
		p.Discard()
	}
}
