#!/usr/bin/env bash
# Runs acceptance tests with OpenTofu instead of terraform: plugin-testing
# runs the binary in TF_ACC_TERRAFORM_PATH, and TF_ACC_PROVIDER_HOST makes
# it (and the CLI helpers in internal/acctest) register the provider under
# registry.opentofu.org, the host OpenTofu gives `source = "cloudorder/..."`.
# OpenTofu comes from $TOFU, else it is built once from the Go module proxy
# at the version pinned in scripts/tofu.sh and cached outside the repository.
#   scripts/testacc-tofu.sh                      # every TestAcc* test: make testacc-tofu
#   scripts/testacc-tofu.sh -run 'TestAccX' ./internal/waldur
# Arguments go to `go test`; without package arguments it tests ./... .
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$(repo_root)"
tofu=${TOFU:-}
if [[ -z "$tofu" ]]; then
  tofu=$(bash scripts/tofu.sh) || die "could not build OpenTofu (scripts/tofu.sh)"
fi
[[ -x "$tofu" ]] || die "OpenTofu not found at $tofu (set TOFU to a tofu binary, or unset it to build one)"

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-tofu.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
write_empty_cli_config "$work"

export TF_ACC=1 TF_ACC_TERRAFORM_PATH="$tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org
# A version would make plugin-testing download terraform.
unset TF_ACC_TERRAFORM_VERSION

args=("$@")
has_run=false has_pkg=false
for a in "${args[@]+"${args[@]}"}"; do
  case "$a" in
    -run | -run=*) has_run=true ;;
    ./* | github.com/*) has_pkg=true ;;
  esac
done
$has_run || args=(-run 'TestAcc' "${args[@]+"${args[@]}"}")
$has_pkg || args+=(./...)

section "OpenTofu: $("$tofu" version | head -n 1) ($tofu)"
section "go test -count=1 -timeout 20m ${args[*]} (TF_ACC=1, TF_ACC_PROVIDER_HOST=$TF_ACC_PROVIDER_HOST)"
go test -count=1 -timeout 20m "${args[@]}"
