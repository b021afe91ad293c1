#!/usr/bin/env bash
# End-to-end demo without a cloud account: builds the provider and mockcloud,
# starts the mock on a free loopback port, and runs examples/quickstart (a
# Waldur Kubernetes cluster), examples/quickstart-hostway (a Hostway VPS) and
# examples/quickstart-awanio (an Awanio network, VM and volume) (apply,
# output, destroy) against it through a dev_overrides CLI config.
# Everything happens in a temporary directory that is removed on exit;
# no terraform state lands in the repository. Only loopback network is used.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly PROVIDER_ADDRESS="registry.terraform.io/cloudorder/cloudorder"
readonly MOCK_START_TIMEOUT=30 # seconds
VERSION="${VERSION:-dev}"

require_terraform
cd "$(repo_root)"
[[ -d examples/quickstart ]] || die "examples/quickstart not found in $(pwd)"

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-demo.XXXXXX")
mock_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
    section "Stopping mockcloud (pid $mock_pid)"
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  if ((rc != 0)) && [[ -s "$work/mockcloud.log" ]]; then
    printf '\n==> Demo failed (exit %d); last lines of the mockcloud log:\n' "$rc" >&2
    tail -n 40 "$work/mockcloud.log" >&2 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section "Building terraform-provider-cloudorder ($VERSION) and mockcloud"
mkdir -p "$work/bin"
go build -ldflags "-X main.version=$VERSION" -o "$work/bin/terraform-provider-cloudorder" .
go build -o "$work/bin/mockcloud" ./cmd/mockcloud

section "Starting mockcloud on 127.0.0.1 (seed demo, 2s provisioning delay)"
env_file="$work/mockcloud.env"
"$work/bin/mockcloud" -listen 127.0.0.1:0 -seed demo -delay 2s -env-file "$env_file" \
  >"$work/mockcloud.log" 2>&1 </dev/null &
mock_pid=$!

deadline=$((SECONDS + MOCK_START_TIMEOUT))
until [[ -s "$env_file" ]]; do
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    wait "$mock_pid" && rc=0 || rc=$?
    mock_pid=""
    die "mockcloud exited (status $rc) before writing $env_file"
  fi
  ((SECONDS < deadline)) || die "mockcloud did not write $env_file within ${MOCK_START_TIMEOUT}s"
  sleep 0.2
done
head -n 1 "$work/mockcloud.log"

# The env file holds KEY=VALUE lines; export only well-formed ones.
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
  export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"
done <"$env_file"
for var in CLOUDORDER_WALDUR_ENDPOINT CLOUDORDER_WALDUR_TOKEN WALDUR_PROJECT_UUID WALDUR_OFFERING_UUID WALDUR_PLAN_UUID \
  CLOUDORDER_HOSTWAY_ENDPOINT CLOUDORDER_HOSTWAY_USERNAME CLOUDORDER_HOSTWAY_PASSWORD CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER \
  HOSTWAY_OFFERING HOSTWAY_SERVER_SPECIFICATION \
  CLOUDORDER_AWANIO_ENDPOINT CLOUDORDER_AWANIO_USERNAME CLOUDORDER_AWANIO_PASSWORD AWANIO_ORGANIZATION_UUID AWANIO_PROJECT_UUID; do
  [[ -n "${!var:-}" ]] || die "$var is missing from $env_file"
done
printf 'endpoint: %s\nproject:  %s\noffering: %s\nplan:     %s\nhostway:  %s (account %s, offering %s)\n' \
  "$CLOUDORDER_WALDUR_ENDPOINT" "$WALDUR_PROJECT_UUID" "$WALDUR_OFFERING_UUID" "$WALDUR_PLAN_UUID" \
  "$CLOUDORDER_HOSTWAY_ENDPOINT" "$CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER" "$HOSTWAY_OFFERING"

# dev_overrides makes terraform use the provider we just built, with no
# `terraform init` (which would try to reach the registry).
cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "$PROVIDER_ADDRESS" = "$work/bin"
  }
  direct {}
}
HCL
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
export TF_VAR_waldur_project="$WALDUR_PROJECT_UUID"
export TF_VAR_waldur_offering="$WALDUR_OFFERING_UUID"
export TF_VAR_waldur_plan="$WALDUR_PLAN_UUID"
export TF_VAR_hostway_offering="$HOSTWAY_OFFERING"
export TF_VAR_hostway_server_specification="$HOSTWAY_SERVER_SPECIFICATION"
export TF_VAR_awanio_organization_uuid="$AWANIO_ORGANIZATION_UUID"
export TF_VAR_awanio_project_uuid="$AWANIO_PROJECT_UUID"

# Colours only on a terminal (CI logs stay readable) and unless NO_COLOR is set.
color=()
if [[ ! -t 1 || -n "${NO_COLOR:-}" ]]; then color=(-no-color); fi

# run_example copies examples/$1 to the work directory and runs apply,
# output and destroy there. Each terraform command is a new provider
# process: what survives between them is the mock's state.
run_example() {
  local name=$1 dir="$work/$1"
  cp -R "examples/$name" "$dir"
  rm -rf "$dir/.terraform" "$dir/.terraform.lock.hcl" "$dir"/*.tfstate*
  section "terraform apply (examples/$name)"
  terraform -chdir="$dir" apply ${color[@]+"${color[@]}"} -auto-approve -input=false
  section "terraform output (examples/$name)"
  terraform -chdir="$dir" output ${color[@]+"${color[@]}"}
  section "terraform destroy (examples/$name)"
  terraform -chdir="$dir" destroy ${color[@]+"${color[@]}"} -auto-approve -input=false
}

run_example quickstart
run_example quickstart-hostway
run_example quickstart-awanio

section "Demo finished: a Waldur Kubernetes cluster, a Hostway VPS and Awanio network, VM and volume were created, read back and destroyed against mockcloud"
