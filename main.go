// Command terraform-provider-cloudorder is the Terraform provider for
// order-driven cloud APIs: Waldur marketplace (WAYSCloud), Awanio and Hostway.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
)

// Format the examples and generate the registry docs from the schema
// (docs/ is checked in; CI fails when it differs from what this produces).
//go:generate go run ./cmd/apinotes
//go:generate bash scripts/terraform.sh fmt -recursive ./examples/
//go:generate bash scripts/tfplugindocs.sh generate --provider-name cloudorder

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.BoolVar(&showVersion, "version", false, "print the provider version and exit")
	flag.Parse()

	if showVersion {
		fmt.Println(version)
		os.Exit(0)
	}

	provider.QuietUnrequestedLogs()
	err := provider.Serve("registry.terraform.io/cloudorder/cloudorder", version, debug)
	if err != nil {
		log.Fatal(err)
	}
}
