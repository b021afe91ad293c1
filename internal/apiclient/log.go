package apiclient

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logLevelEnvPrefix lets a user change one backend's HTTP logging alone, e.g.
// TF_LOG_PROVIDER_CLOUDORDER_WALDUR=TRACE.
const logLevelEnvPrefix = "TF_LOG_PROVIDER_CLOUDORDER"

// maxLoggedBody keeps TRACE logs usable when an API returns a huge list.
const maxLoggedBody = 64 << 10

// logContext adds the backend's subsystem logger. tflog's own masking of the
// literal secrets is a second line of defence behind the masker, which has
// already cleaned every value we log.
func (c *Client) logContext(ctx context.Context) context.Context {
	sub := c.cfg.Backend
	ctx = tflog.NewSubsystem(ctx, sub, tflog.WithLevelFromEnv(logLevelEnvPrefix, sub))
	if len(c.mask.literals) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, sub, c.mask.literals...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, sub, c.mask.literals...)
	}
	return ctx
}

// logRequest writes the request as sent, after Authorize, at TRACE.
func (c *Client) logRequest(ctx context.Context, p *prepared, req *http.Request, attempt int) {
	if !tflog.SubsystemIsTrace(ctx, c.cfg.Backend) {
		return // masking bodies costs more than the log call
	}
	tflog.SubsystemTrace(ctx, c.cfg.Backend, "sending API request", map[string]any{
		"method":          p.method,
		"url":             p.logFullURL,
		"attempt":         attempt,
		"request_headers": c.mask.headers(req.Header),
		"request_body":    truncate(c.mask.body(p.body, p.contentType), maxLoggedBody),
	})
}

type retryNote struct {
	reason string
	wait   time.Duration
}

// logAttempt writes one DEBUG line per attempt, and the response at TRACE.
func (c *Client) logAttempt(ctx context.Context, p *prepared, r result, retry *retryNote) {
	sub := c.cfg.Backend
	fields := map[string]any{
		"method":      p.method,
		"url":         p.logFullURL,
		"attempt":     r.attempt,
		"duration_ms": r.duration.Milliseconds(),
	}
	msg := "API request finished"
	if r.err != nil || r.resp.StatusCode < 200 || r.resp.StatusCode > 299 {
		msg = "API request failed"
	}
	if r.resp != nil {
		fields["status_code"] = r.resp.StatusCode
		if tflog.SubsystemIsTrace(ctx, sub) {
			body := truncate(c.mask.body(r.resp.Body, r.resp.Header.Get("Content-Type")), maxLoggedBody)
			if p.secretResp && r.resp.StatusCode >= 200 && r.resp.StatusCode <= 299 {
				body = fmt.Sprintf("[%d bytes, secret: not logged]", len(r.resp.Body))
			}
			tflog.SubsystemTrace(ctx, sub, "received API response", map[string]any{
				"method":           p.method,
				"url":              p.logFullURL,
				"status_code":      r.resp.StatusCode,
				"response_headers": c.mask.headers(r.resp.Header),
				"response_body":    body,
			})
		}
	}
	if r.err != nil {
		fields["error"] = c.mask.str(r.err.Error())
	}
	if retry != nil {
		msg += ", retrying"
		fields["retry_reason"] = c.mask.str(retry.reason)
		fields["retry_in"] = roundDuration(retry.wait).String()
	}
	tflog.SubsystemDebug(ctx, sub, msg, fields)
}
