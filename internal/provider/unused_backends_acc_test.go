package provider_test

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

// silentListener accepts connections, counts them and never answers: a
// backend that is contacted would hold the plan until its timeouts, and
// the count tells that it was contacted at all.
type silentListener struct {
	ln       net.Listener
	accepted atomic.Int64
	mu       sync.Mutex
	conns    []net.Conn
}

func newSilentListener(t *testing.T) *silentListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &silentListener{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			l.accepted.Add(1)
			l.mu.Lock()
			l.conns = append(l.conns, c)
			l.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		l.mu.Lock()
		defer l.mu.Unlock()
		for _, c := range l.conns {
			_ = c.Close()
		}
	})
	return l
}

func (l *silentListener) url(path string) string { return "http://" + l.ln.Addr().String() + path }

// unusedBackendsEnv points the credentials of the backends in others at
// silent listeners, through the environment variables that the README's
// mock.env flow exports, and returns a check that none was contacted.
func unusedBackendsEnv(t *testing.T, others ...string) resource.TestCheckFunc {
	t.Helper()
	listeners := map[string]*silentListener{}
	for _, backend := range others {
		l := newSilentListener(t)
		listeners[backend] = l
		switch backend {
		case "waldur":
			t.Setenv("CLOUDORDER_WALDUR_ENDPOINT", l.url("/"))
			t.Setenv("CLOUDORDER_WALDUR_TOKEN", "unused-token")
		case "awanio":
			t.Setenv("CLOUDORDER_AWANIO_ENDPOINT", l.url("/v2"))
			t.Setenv("CLOUDORDER_AWANIO_USERNAME", "unused")
			t.Setenv("CLOUDORDER_AWANIO_PASSWORD", "wrong-password")
			t.Setenv("CLOUDORDER_AWANIO_TOKEN", "")
		case "hostway":
			t.Setenv("CLOUDORDER_HOSTWAY_ENDPOINT", l.url("/"))
			t.Setenv("CLOUDORDER_HOSTWAY_USERNAME", "unused@partner")
			t.Setenv("CLOUDORDER_HOSTWAY_PASSWORD", "wrong-password")
			t.Setenv("CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER", "1000001")
			t.Setenv("CLOUDORDER_HOSTWAY_CURRENCY", "")
			t.Setenv("CLOUDORDER_HOSTWAY_LANGUAGE", "")
		}
	}
	return func(*terraform.State) error {
		for backend, l := range listeners {
			if n := l.accepted.Load(); n != 0 {
				return fmt.Errorf("%s is not used by the configuration, but was contacted (%d connections)", backend, n)
			}
		}
		return nil
	}
}

// Issue 17, item 3: with the other backends' credentials in the
// environment and their endpoints never answering, a plan and an apply of
// a one-backend configuration contact none of them. Had one been
// contacted, the silent listener would have held the plan (that is what
// "takes no longer than without them" comes to), and counted it.
func TestAccProvider_unusedBackendsNeverContacted(t *testing.T) {
	cases := []struct {
		backend string
		others  []string
		config  func(env *acctest.Env) string
	}{
		{"waldur", []string{"awanio", "hostway"}, func(env *acctest.Env) string {
			return env.ProviderConfig() + fmt.Sprintf("data \"cloudorder_waldur_orders\" \"all\" {\n  project = %q\n}\n", env.Seed.ProjectUUID)
		}},
		{"awanio", []string{"waldur", "hostway"}, func(env *acctest.Env) string {
			return env.AwanioProviderConfig() + "data \"cloudorder_awanio_organizations\" \"all\" {}\n"
		}},
		{"hostway", []string{"waldur", "awanio"}, func(env *acctest.Env) string {
			return env.HostwayProviderConfig() + fmt.Sprintf("data \"cloudorder_hostway_offerings\" \"all\" {\n  product_specification = %q\n}\n",
				env.Seed.Hostway.ProductSpecification)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.backend, func(t *testing.T) {
			env := acctest.NewEnv(t)
			untouched := unusedBackendsEnv(t, tc.others...)
			config := tc.config(env)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{
					{Config: config, PlanOnly: true},
					{Config: config, Check: untouched},
				},
				CheckDestroy: untouched,
			})
		})
	}
}
