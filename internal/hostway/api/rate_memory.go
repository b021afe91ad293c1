package api

import "github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"

// RememberRate keeps the rate this client's scheduler learns in dir for
// the next provider process, and starts at the rate a previous one kept
// there (apiclient.RateMemory), keyed by the endpoint and the username.
// It returns the rate the client starts at, 0 for none; dir "" keeps
// nothing.
func (c *Client) RememberRate(dir string) float64 {
	return c.api.Scheduler().Remember(apiclient.OpenRateMemory(dir, "hostway", c.base.String(), c.username))
}
