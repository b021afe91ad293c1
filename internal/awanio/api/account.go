package api

import (
	"context"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// RegisterRequest is the body of POST accounts/register.
type RegisterRequest struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Password string `json:"password"`
}

// UserDetail is data of GET accounts/me: the user the JWT belongs to, with
// their organizations and projects.
type UserDetail struct {
	UUID          string `json:"uuid"`
	Username      string `json:"username"`
	Name          string `json:"name"`
	Email         String `json:"email"`
	Status        String `json:"status"`
	Kind          String `json:"kind"`
	LastLogin     String `json:"last_login"`
	CreatedAt     String `json:"created_at"`
	Organizations []struct {
		Organization Organization `json:"organization"`
		UserLevel    Int          `json:"user_level"`
		IsDefault    Bool         `json:"is_default"`
	} `json:"organizations"`
	Projects []struct {
		Project   ProjectRef `json:"project"`
		UserLevel Int        `json:"user_level"`
		IsDefault Bool       `json:"is_default"`
	} `json:"projects"`
	PrimaryOrganization *struct {
		UUID           string      `json:"uuid"`
		Name           string      `json:"name"`
		PrimaryProject *ProjectRef `json:"primary_project"`
	} `json:"primary_organization"`
}

// ProjectRef is a project as other objects embed it.
type ProjectRef struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
	Slug String `json:"slug"`
}

// Register creates a user account. Awanio e-mails a verification code;
// the account can log in once Verify has been called with it. It needs no
// JWT.
func (c *Client) Register(ctx context.Context, req RegisterRequest) (*LoginUser, error) {
	var u LoginUser
	_, err := c.send(ctx, c.anon, apiclient.Request{Method: http.MethodPost, Path: pathRegister, Body: req}, &u)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Verify confirms a registration with the code Awanio e-mailed.
func (c *Client) Verify(ctx context.Context, email, code string) error {
	body := map[string]string{"email": email, "verification_code": code}
	_, err := c.send(ctx, c.anon, apiclient.Request{Method: http.MethodPost, Path: pathVerify, Body: body, RetryNonIdempotent: true}, nil)
	return err
}

// CurrentUser returns the user the provider acts as. It is read once per
// client and cached: resources use it to leave the provider's own
// membership out of member lists.
func (c *Client) CurrentUser(ctx context.Context) (*UserDetail, error) {
	c.meMu.Lock()
	defer c.meMu.Unlock()
	if c.me != nil {
		return c.me, nil
	}
	me, err := c.UserDetail(ctx)
	if err != nil {
		return nil, err
	}
	c.me = me
	return me, nil
}

// UserDetail reads the user the JWT belongs to (not cached).
func (c *Client) UserDetail(ctx context.Context) (*UserDetail, error) {
	return getOne[UserDetail](ctx, c, pathUserDetail)
}

// LoginUser is data of POST accounts/login.
type LoginUser struct {
	ID        Int    `json:"id"`
	UUID      string `json:"uuid"`
	Username  string `json:"username"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	CreatedAt String `json:"created_at"`
	LastLogin String `json:"last_login"`
	// Token is the JWT. It is never logged (apiclient masks "token" keys)
	// and never stored in Terraform state.
	Token string `json:"token"`
}

// UserRef is a user as member lists and other objects embed it.
type UserRef struct {
	UUID     string `json:"uuid"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Status   String `json:"status"`
}
