package api

// AccountSettings says which account orders go to: an existing one
// (AccountNumber), or a new one created by each order (Currency, Language).
type AccountSettings struct {
	AccountNumber string
	Currency      string
	Language      string
}

// NewAccount reports whether orders create a new account.
func (a AccountSettings) NewAccount() bool { return a.AccountNumber == "" }
