package provider

import "testing"

func TestLogsRequested(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  []string
		want bool
	}{
		{nil, false},
		{[]string{"HOME=/root", "TF_CLI_CONFIG_FILE=/x", "TF_IN_AUTOMATION=1"}, false},
		{[]string{"TF_LOG="}, false}, // terraform-exec clears it this way
		{[]string{"TF_LOG=DEBUG"}, true},
		{[]string{"TF_LOG_PROVIDER=TRACE"}, true},
		{[]string{"TF_LOG_PROVIDER_CLOUDORDER_WALDUR=TRACE"}, true},
		{[]string{"TF_LOG_SDK_FRAMEWORK=DEBUG"}, true},
		{[]string{"TF_LOG_PATH=/tmp/tf.log"}, true},
		{[]string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, true},
	} {
		if got := logsRequested(tc.env); got != tc.want {
			t.Errorf("logsRequested(%q) = %v, want %v", tc.env, got, tc.want)
		}
	}
}
