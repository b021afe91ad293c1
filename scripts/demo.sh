#!/usr/bin/env bash
# End-to-end demo without a cloud account: builds the provider and mockcloud,
# starts the mock on a free loopback port, and runs examples/quickstart (a
# Waldur Kubernetes cluster), examples/quickstart-hostway (a Hostway VPS) and
# examples/quickstart-awanio (an Awanio network, VM and volume) (apply,
# output, destroy) against it. The provider is installed the way users
# install it: its release zip for this platform (the name, flags and contents
# goreleaser gives it) in a packed filesystem mirror, `terraform init`, and a
# lock file; no dev_overrides.
# Everything happens in a temporary directory that is removed on exit;
# no terraform state lands in the repository. Only loopback network is used.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly PROVIDER_HOST="registry.terraform.io"
readonly MOCK_START_TIMEOUT=30 # seconds
VERSION="${VERSION:-dev}"

# mirror_version prints a version terraform can install from a mirror:
# semver in lower case without a leading v (terraform lower-cases a
# pre-release it finds in a mirror), e.g. v1.2.0 -> 1.2.0 and a bare commit
# from `git describe` (79e1105-dirty) -> 0.0.0-dev-79e1105-dirty.
mirror_version() {
  local v=${1#v}
  v=${v,,}
  if [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9a-z]+([.-][0-9a-z]+)*)?$ ]]; then
    printf '%s\n' "$v"
    return
  fi
  [[ "$v" != dev ]] || v=""
  v=$(printf '%s' "$v" | tr -c 'a-z0-9' '-')
  v=${v##-}
  v=${v%%-}
  printf '0.0.0-dev%s\n' "${v:+-$v}"
}
VERSION=$(mirror_version "$VERSION")

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

section "Building the release zip of terraform-provider-cloudorder $VERSION for $(go env GOOS)_$(go env GOARCH), and mockcloud"
mkdir -p "$work/bin"
# distbuild zips the provider as .goreleaser.yml does (a goreleaser cold
# build takes minutes) and lays the zip out as a packed mirror:
# <mirror>/registry.terraform.io/cloudorder/cloudorder/terraform-provider-cloudorder_<version>_<os>_<arch>.zip
go run ./cmd/distbuild -version "$VERSION" -out "$work/dist" -mirror "$work/mirror" -host "$PROVIDER_HOST"
ls "$work/mirror/$PROVIDER_HOST/cloudorder/cloudorder"
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
  CLOUDORDER_AWANIO_ENDPOINT CLOUDORDER_AWANIO_USERNAME CLOUDORDER_AWANIO_PASSWORD \
  CLOUDORDER_AWANIO_ORGANIZATION_UUID CLOUDORDER_AWANIO_PROJECT_UUID; do
  [[ -n "${!var:-}" ]] || die "$var is missing from $env_file"
done
printf 'endpoint: %s\nproject:  %s\noffering: %s\nplan:     %s\nhostway:  %s (account %s, offering %s)\n' \
  "$CLOUDORDER_WALDUR_ENDPOINT" "$WALDUR_PROJECT_UUID" "$WALDUR_OFFERING_UUID" "$WALDUR_PLAN_UUID" \
  "$CLOUDORDER_HOSTWAY_ENDPOINT" "$CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER" "$HOSTWAY_OFFERING"

# As an air-gapped site installs it: cloudorder/* only from the mirror,
# and nothing else is needed (the examples use no other provider).
cat >"$work/terraformrc" <<HCL
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["$PROVIDER_HOST/cloudorder/*"]
  }
  direct {
    exclude = ["$PROVIDER_HOST/cloudorder/*"]
  }
}
HCL
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR
export TF_VAR_waldur_project="$WALDUR_PROJECT_UUID"
export TF_VAR_waldur_offering="$WALDUR_OFFERING_UUID"
export TF_VAR_waldur_plan="$WALDUR_PLAN_UUID"
export TF_VAR_hostway_offering="$HOSTWAY_OFFERING"
export TF_VAR_hostway_server_specification="$HOSTWAY_SERVER_SPECIFICATION"
# The Awanio owner comes from CLOUDORDER_AWANIO_ORGANIZATION_UUID and
# CLOUDORDER_AWANIO_PROJECT_UUID, which the provider reads itself.

# Colours only on a terminal (CI logs stay readable) and unless NO_COLOR is set.
color=()
if [[ ! -t 1 || -n "${NO_COLOR:-}" ]]; then color=(-no-color); fi

# run_example copies examples/$1 to the work directory and runs init,
# apply, output and destroy there. Each terraform command is a new provider
# process: what survives between them is the mock's state.
run_example() {
  local name=$1 dir="$work/$1"
  cp -R "examples/$name" "$dir"
  rm -rf "$dir/.terraform" "$dir/.terraform.lock.hcl" "$dir"/*.tfstate*
  # terraform selects a pre-release (a snapshot or dev build) only when a
  # constraint names it exactly; an override file adds that constraint.
  cat >"$dir/cloudorder_override.tf" <<HCL
terraform {
  required_providers {
    cloudorder = {
      source  = "cloudorder/cloudorder"
      version = "$VERSION"
    }
  }
}
HCL
  section "terraform init (examples/$name): cloudorder/cloudorder $VERSION from the mirror"
  terraform -chdir="$dir" init ${color[@]+"${color[@]}"} -input=false
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
