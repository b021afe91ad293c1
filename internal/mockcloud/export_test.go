package mockcloud

// Internals for the tests of package mockcloud_test, which run the shared
// server with the APIs mounted (package cloud).

// Validate is validate.
func (f Fault) Validate() error { return f.validate() }

// RouterFor is routerFor.
func (s *Server) RouterFor(path string) *Router { return s.routerFor(path) }

// StateHeader is the start of a state file.
type StateHeader = stateHeader

// StateFormat is what a state file's "format" says.
const StateFormat = stateFormat
