package awanio

import _ "embed" // the contract file below

// ContractFile is this API's written wire contract, next to the handlers
// that answer to it: an OpenAPI 3.0 description written from
// shared/seeds/awanio-api.txt and shared/docs/api-reference.md §2, every
// operation and field marked x-source (see
// internal/mockcloud/contract/README.md). Package contract checks the
// provider's requests and the mock's answers against it.
const ContractFile = "contract.yaml"

// Contract is the text of ContractFile. Tests and go generate read it
// through package contract; the mock itself does not.
//
//go:embed contract.yaml
var Contract []byte
