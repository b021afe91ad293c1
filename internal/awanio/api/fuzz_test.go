package api

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// The fuzz targets feed arbitrary answers to the client's decoders: the
// envelope, the objects in it and the lenient scalars. Whatever the
// server sends, the client must return an error or a value, never panic,
// and never repeat the JWT in an error. The seeds below and the files in
// testdata/fuzz run as ordinary tests; `make fuzz` explores further.

// fuzzToken is the JWT of fuzz clients; seeds put it into answers to
// check it is masked in errors.
const fuzzToken = "eyJhbGciOiJIUzI1NiJ9.fuzz-secret-payload-0123456789.fuzz-signature"

func fuzzClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	c, err := NewClient(Config{
		Endpoint: "https://awanio.invalid/v2", Token: fuzzToken,
		Transport: apiclient.Transport{HTTPClient: testutil.CannedClient(status, body), MaxRetries: 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var envelopeSeeds = []string{
	`{"data":{"uuid":"0b0f5c1e-7c2a-4a55-9a55-1b2b3c4d5e6f","name":"Acme","slug":"acme","member_count":"2,","is_default":"true,"},"result":true}`,
	`{"data":[{"uuid":"p1","name":"web","organization_uuid":"o1"}],"meta":{"pagination":{"page":1,"per_page":100,"total":1,"last_page":1}},"result":true}`,
	`{"data":null,"result":true}`,
	`{"data":"deleted","result":true}`,
	`{"error":"NOT FOUND","error_code":"404-1","message":"ORGANIZATION NOT FOUND","result":false}`,
	`{"result":false}`,
	`{"data":{"name":1.27,"uuid":"v1"},"result":true}`,
	`{"data":{"status":"running","kubeconfig":"apiVersion: v1\nclusters: []\n"},"result":true}`,
	`{"data":{"access_key":"AKIA","secret_key":"` + fuzzToken + `"},"result":true}`,
	`{"error":"X","error_code":"500-1","message":"token ` + fuzzToken + ` refused","result":false}`,
	`{"data":{"member_count":"` + fuzzToken + `"},"result":true}`,
	`{"data":{"uuid":"x"},"meta":{"pagination":{"page":"1","last_page":"3"}},"result":"true,"}`,
	`<html><body><h1>502 Bad Gateway</h1></body></html>`,
	`{"data":{"uuid":`,
	``,
	`[]`,
	`{"data":{"uuid":"x"},"result":true}{"trailing":1}`,
}

// FuzzAwanioEnvelope sends one answer to several calls that decode
// different objects out of the envelope.
func FuzzAwanioEnvelope(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add(200, []byte(s))
	}
	f.Add(404, []byte(envelopeSeeds[4]))
	f.Add(500, []byte(envelopeSeeds[12]))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		c := fuzzClient(t, status, body)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		org, proj := OrganizationGroup("o1"), ProjectGroup("p1")
		calls := map[string]func() error{
			"GetOrganization": func() error { _, err := c.GetOrganization(ctx, "o1"); return err },
			"ListProjects":    func() error { _, err := c.ListProjects(ctx); return err },
			"GetVolume":       func() error { _, err := c.GetVolume(ctx, proj, "v1"); return err },
			"GetVM":           func() error { _, err := c.GetVM(ctx, org, "vm1"); return err },
			"GetKubernetesCluster": func() error {
				_, err := c.GetKubernetesCluster(ctx, proj)
				return err
			},
			"ListKubernetesVersions": func() error { _, err := c.ListKubernetesVersions(ctx); return err },
			"GetObjectStorage":       func() error { _, err := c.GetObjectStorage(ctx, proj); return err },
			"KubernetesKubeconfig":   func() error { _, err := c.KubernetesKubeconfig(ctx, proj); return err },
			"DeleteProject":          func() error { return c.DeleteProject(ctx, "p1") },
		}
		for name, call := range calls {
			err := call()
			if err == nil {
				continue
			}
			msg := err.Error()
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: an empty error message", name)
			}
			if strings.Contains(msg, fuzzToken) {
				t.Errorf("%s: the error repeats the JWT: %s", name, msg)
			}
		}
	})
}

// FuzzAwanioLenientScalars decodes any JSON value as each lenient type:
// an error or a value, never a panic, and a value that encodes again.
func FuzzAwanioLenientScalars(f *testing.F) {
	for _, s := range []string{`12`, `"12,"`, `12.5`, `null`, `"true,"`, `true`, `0`, `"x"`, `{}`, `[1]`, `"1e400"`, `-0`, `" , "`, `"NaN"`, `1.27`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var i Int
		var fl Float
		var b Bool
		var s String
		for _, v := range []any{&i, &fl, &b, &s} {
			if err := json.Unmarshal(raw, v); err != nil {
				continue
			}
			if _, err := json.Marshal(v); err != nil {
				// A Float read from "NaN" or "Inf" would not encode.
				t.Errorf("%T from %q does not encode again: %v", v, raw, err)
			}
		}
	})
}

// FuzzAwanioOneOrMany decodes data documented as an object that may be a
// list, and the other way round.
func FuzzAwanioOneOrMany(f *testing.F) {
	for _, s := range []string{`{"uuid":"v1","name":"1.27"}`, `[{"uuid":"v1"},{"uuid":"v2","name":1.28}]`, `null`, ``, `[]`, `"x"`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := oneOrMany[KubernetesVersion](raw)
		if err != nil {
			// Callers that ignore the error (lenient sub-fields) keep the
			// elements decoded before it; nothing more to check.
			return
		}
		for _, v := range got {
			if _, err := json.Marshal(v); err != nil {
				t.Errorf("a decoded version does not encode again: %v", err)
			}
		}
	})
}
