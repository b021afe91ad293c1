package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// Login and masking: the JWT session, logging in (lazily, once for calls
// that come together, again once after a 401) and the secrets that logs
// and errors must never show.

// session is one JWT and the apiclient that sends it. A new login makes a
// new session, so that the new JWT is masked in logs like the old one.
type session struct {
	api   *apiclient.Client
	token string
}

func (c *Client) setSession(token string) error {
	c.addSecret(token)
	api, err := c.newAPI(token)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.sess = &session{api: api, token: token}
	c.mu.Unlock()
	return nil
}

func (c *Client) addSecret(s string) {
	if s == "" {
		return
	}
	c.maskMu.Lock()
	defer c.maskMu.Unlock()
	for _, known := range c.secrets {
		if known == s {
			return
		}
	}
	c.secrets = append(c.secrets, s)
}

// MaskFromNowOn registers a secret that only becomes known at run time
// (a voucher code, a merchant key, a VM password) and rebuilds the
// session's apiclient, whose masker is fixed when it is built, so that the
// request carrying the secret is masked in logs too. It holds the login
// lock: a login between reading the session and rebuilding it would
// otherwise be undone, putting back the JWT it replaced.
func (c *Client) MaskFromNowOn(s string) error {
	if s == "" {
		return nil
	}
	c.addSecret(s)
	c.loginMu.Lock()
	defer c.loginMu.Unlock()
	if sess := c.session(); sess != nil {
		return c.setSession(sess.token)
	}
	return nil
}

func (c *Client) secretList() []string {
	c.maskMu.RLock()
	defer c.maskMu.RUnlock()
	return append([]string(nil), c.secrets...)
}

// maskSecrets hides the password and JWTs in text this package builds.
func (c *Client) maskSecrets(s string) string {
	for _, secret := range c.secretList() {
		s = strings.ReplaceAll(s, secret, "***")
	}
	return s
}

// canLogin reports whether the client has a password to log in with.
func (c *Client) canLogin() bool { return c.cfg.Password != "" }

// Authenticate logs in when a username and password are configured; with a
// token it does nothing (the token is checked by the first real request).
// Calls log in by themselves when they need to; the provider does not
// call it at configure time, so that a configuration without Awanio
// objects never contacts Awanio.
func (c *Client) Authenticate(ctx context.Context) error {
	if !c.canLogin() {
		return nil
	}
	c.loginMu.Lock()
	defer c.loginMu.Unlock()
	return c.login(ctx)
}

// relogin replaces the session stale with a new login, unless another
// goroutine already did while this one waited.
func (c *Client) relogin(ctx context.Context, stale *session) error {
	c.loginMu.Lock()
	defer c.loginMu.Unlock()
	if cur := c.session(); cur != nil && cur != stale {
		return nil
	}
	if c.refused != nil {
		return c.refused
	}
	return c.login(ctx)
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login (c.loginMu held) exchanges username and password for a JWT.
func (c *Client) login(ctx context.Context) error {
	var user LoginUser
	// Re-sending a login is harmless, so transport retries may repeat it.
	req := apiclient.Request{
		Method: http.MethodPost, Path: pathLogin, RetryNonIdempotent: true,
		Body: loginRequest{Username: c.cfg.Username, Password: c.cfg.Password},
	}
	if _, err := c.send(ctx, c.anon, req, &user); err != nil {
		err = fmt.Errorf("could not log in to Awanio as %q: %w", c.cfg.Username, err)
		if loginRefused(err) {
			c.refused = err
		}
		return err
	}
	if user.Token == "" {
		return fmt.Errorf("logging in to Awanio as %q: the answer carries no token", c.cfg.Username)
	}
	return c.setSession(user.Token)
}

// loginRefused reports an answer to a login that says the credentials are
// wrong (4xx other than throttling), not that Awanio could not answer.
func loginRefused(err error) bool {
	var apiErr *apiclient.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 &&
		apiErr.StatusCode != http.StatusTooManyRequests && apiErr.StatusCode != http.StatusRequestTimeout
}

func (c *Client) session() *session {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sess
}
