package api

import "github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"

// RememberRate keeps the rate this client's scheduler learns in dir for
// the next provider process, and starts at the rate a previous one kept
// there (apiclient.RateMemory). The key is the endpoint alone: Waldur's
// only identity is its token, a secret, which goes into no key. It
// returns the rate the client starts at, 0 for none; dir "" keeps
// nothing.
func (c *Client) RememberRate(dir string) float64 {
	return c.api.Scheduler().Remember(apiclient.OpenRateMemory(dir, "waldur", c.base.String(), ""))
}
