package api

// What VM and baremetal creates share.

// AuthenticationType is the authentication_type object of VM and baremetal
// creates. The seed shows {"id": 1, "key": "awanio", "value": "awanio"}
// for a password login ("key" the user name, "value" the password); the
// SSH key form is inferred: id 2, key the user name, value the public key.
type AuthenticationType struct {
	ID    int    `json:"id"`
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Authentication kinds, inferred (see AuthenticationType).
const (
	AuthPassword = 1
	AuthSSHKey   = 2
)

// ReserveExternalIP is reserve_external_ip: a new address (is_new), kept
// reserved after the server is gone (reserved), or an existing reserved
// address by uuid.
type ReserveExternalIP struct {
	IsNew    bool   `json:"is_new"`
	UUID     string `json:"uuid,omitempty"`
	Reserved bool   `json:"reserved"`
}

// RegisterSecret masks s (a VM or server password, sent as
// authentication_type.value, a key the shared masker does not know) in
// every log and error from now on; see MaskFromNowOn.
func (c *Client) RegisterSecret(s string) error { return c.MaskFromNowOn(s) }
