// Package contract holds the written wire contract of every mocked API and
// checks traffic against it.
//
// Each API has one OpenAPI 3.0 description in its mock package, next to
// the handlers (internal/mockcloud/<api>, see File): Waldur's upstream
// file, and Hostway's and Awanio's contract.yaml written from the seeds and
// shared/docs/api-reference.md, with every operation and field marked
// x-source (seed, docs or inferred). A Checker wraps the mock's handler and
// validates each request a client sends and each answer the mock gives, so
// that neither the provider's client nor the mock can drift from what the
// project believes about the real API.
//
// The package is used by tests and by go generate; the provider binary
// never imports it.
package contract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// files holds each API's contract, embedded by its mock package: the
// directory under internal/mockcloud, the file name and its bytes.
var files = map[string]struct {
	dir, name string
	raw       []byte
}{
	Waldur:  {"waldur", waldurmock.ContractFile, waldurmock.Contract},
	Awanio:  {"awanio", awaniomock.ContractFile, awaniomock.Contract},
	Hostway: {"hostway", hostwaymock.ContractFile, hostwaymock.Contract},
}

// The mocked APIs. Each is served by mockcloud under Prefix on one host.
const (
	Waldur  = "waldur"
	Awanio  = "awanio"
	Hostway = "hostway"
)

// APIs lists every mocked API.
var APIs = []string{Waldur, Awanio, Hostway}

// Extension keys of the contract files.
const (
	// ExtSource says where an operation or field comes from: "seed" (the
	// API's own document in shared/seeds), "docs" (api-reference.md) or
	// "inferred" (no source; a guess).
	ExtSource = "x-source"
	// ExtReason is the one-line reason of an inferred entry.
	ExtReason = "x-reason"
	// ExtClientOnly marks an operation that the acceptance suite does not
	// exercise, with the reason.
	ExtClientOnly = "x-client-only"
	// ExtTerraformTypes lists the Terraform types that use an operation;
	// their docs name what of it is inferred.
	ExtTerraformTypes = "x-terraform-types"
)

// ErrNoContract means the API has no contract file yet.
var ErrNoContract = errors.New("no contract")

// Contract is one API's OpenAPI description, ready to route and validate.
type Contract struct {
	API string
	// Prefix is where mockcloud serves the API; the contract's paths are
	// relative to it.
	Prefix string
	Doc    *openapi3.T
	router routers.Router
	// checkError validates an error answer (status >= 400) where the
	// contract does not describe error bodies (Waldur's OpenAPI); nil
	// means the contract's own responses are used.
	checkError func(status int, header http.Header, body []byte) error
	// scope lists the operations this project uses, for coverage; nil
	// means every operation in the contract.
	scope []string
}

var (
	loadMu sync.Mutex
	loaded = map[string]*loadResult{}
)

type loadResult struct {
	c   *Contract
	err error
}

// Load returns the API's contract, parsed once per process. It returns an
// error wrapping ErrNoContract when the API has no contract file.
func Load(api string) (*Contract, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if r, ok := loaded[api]; ok {
		return r.c, r.err
	}
	c, err := load(api)
	loaded[api] = &loadResult{c, err}
	return c, err
}

// Prefix is the path prefix under which mockcloud serves api.
func Prefix(api string) string {
	switch api {
	case Awanio:
		return awaniomock.AwanioPrefix
	case Hostway:
		return hostwaymock.HostwayPrefix
	default:
		return ""
	}
}

// File is the contract file of api, relative to the repository root: it
// sits in the API's mock package, next to the handlers. It is "" when the
// API has no contract.
func File(api string) string {
	f, ok := files[api]
	if !ok {
		return ""
	}
	return "internal/mockcloud/" + f.dir + "/" + f.name
}

// Source returns the raw contract text of api.
func Source(api string) ([]byte, error) {
	f, ok := files[api]
	if !ok || len(f.raw) == 0 {
		return nil, fmt.Errorf("%s: %w", api, ErrNoContract)
	}
	raw := f.raw
	if strings.HasSuffix(f.name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		return io.ReadAll(zr)
	}
	return raw, nil
}

func load(api string) (*Contract, error) {
	raw, err := Source(api)
	if err != nil {
		return nil, err
	}
	return parse(api, raw)
}

func parse(api string, raw []byte) (*Contract, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("load the %s contract: %w", api, err)
	}
	c := &Contract{API: api, Prefix: Prefix(api), Doc: doc}
	if api == Waldur {
		if err := adaptWaldur(c); err != nil {
			return nil, err
		}
	} else if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the %s contract is not valid OpenAPI: %w", api, err)
	}
	doc.Servers = nil // match any host: the test server's
	c.router, err = gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route the %s contract: %w", api, err)
	}
	return c, nil
}

// Operation is one operation of a contract.
type Operation struct {
	ID, Method, Path string
	Op               *openapi3.Operation
}

// Operations lists the contract's operations in scope, sorted by id.
func (c *Contract) Operations() []Operation {
	inScope := map[string]bool{}
	for _, id := range c.scope {
		inScope[id] = true
	}
	var ops []Operation
	for path, item := range c.Doc.Paths.Map() {
		for method, op := range item.Operations() {
			if c.scope != nil && !inScope[op.OperationID] {
				continue
			}
			ops = append(ops, Operation{ID: op.OperationID, Method: method, Path: path, Op: op})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID })
	return ops
}

// Ext returns the string value of an extension, or "".
func Ext(extensions map[string]any, key string) string {
	s, _ := extensions[key].(string)
	return s
}

// ExtList returns a list-of-strings extension.
func ExtList(extensions map[string]any, key string) []string {
	raw, _ := extensions[key].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// ClientOnly returns why op is not exercised by the acceptance suite, or ""
// when it must be.
func (c *Contract) ClientOnly(op Operation) string {
	if c.API == Waldur {
		return WaldurClientOnly[op.ID]
	}
	return Ext(op.Op.Extensions, ExtClientOnly)
}
