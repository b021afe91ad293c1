package provider

import (
	"os"
	"strings"
)

// QuietUnrequestedLogs turns the SDK's and the provider's log output off
// when the user asked for no logs at all (no non-empty TF_LOG* or
// TF_ACC_LOG* variable). Without it, terraform-plugin-go and the framework
// format TRACE lines for every request and attribute, which terraform then
// parses and throws away: a quarter of the provider's CPU time in an apply
// of 200 orders (make bench), and more in terraform
// (hashicorp/terraform-plugin-framework#1269). Call it before serving.
func QuietUnrequestedLogs() {
	if logsRequested(os.Environ()) {
		return
	}
	_ = os.Setenv("TF_LOG_SDK", "OFF")
	_ = os.Setenv("TF_LOG_PROVIDER", "OFF")
}

func logsRequested(environ []string) bool {
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		if v != "" && (strings.HasPrefix(k, "TF_LOG") || strings.HasPrefix(k, "TF_ACC_LOG")) {
			return true
		}
	}
	return false
}
