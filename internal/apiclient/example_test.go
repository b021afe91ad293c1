package apiclient_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// How a backend package builds its client and creates an object safely.
// (Not run: it needs a server.)
func ExampleClient_Do() {
	token := "secret-token"
	c, err := apiclient.New(apiclient.Config{
		BaseURL:    "https://waldur.example.com/api/",
		Backend:    "waldur",
		UserAgent:  "terraform-provider-cloudorder/1.0.0",
		MaxRetries: 4,
		Authorize: func(req *http.Request) error {
			req.Header.Set("Authorization", "Token "+token)
			return nil
		},
		Secrets: []string{token},
	})
	if err != nil {
		panic(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var created struct{ UUID string }
	_, err = c.Do(ctx, apiclient.Request{
		Method: http.MethodPost,
		Path:   "marketplace-orders/",
		Body:   map[string]any{"offering": "…", "project": "…", "attributes": map[string]any{"name": "k8s-1"}},
	}, &created)
	switch {
	case apiclient.MayHaveBeenProcessed(err):
		// The order may exist: look for it (project + offering + name +
		// created after we started) before placing it again.
	case apiclient.IsStatus(err, http.StatusBadRequest):
		// The API's own message explains which argument is wrong.
		fmt.Println(err)
	case err != nil:
		fmt.Println(err)
	}
}
