package waldur

import _ "embed" // the contract file below

// ContractFile is this API's wire contract, next to the handlers that
// answer to it: Waldur's published OpenAPI 3.0.3 description, gzipped (see
// internal/mockcloud/contract/README.md for its origin and licence).
// Package contract checks the provider's requests and the mock's answers
// against the part of it this project uses.
const ContractFile = "openapi.yaml.gz"

// Contract is the gzipped text of ContractFile. Tests and go generate read
// it through package contract; the mock itself does not.
//
//go:embed openapi.yaml.gz
var Contract []byte
