#!/usr/bin/env bash
# Runs `go vet` and then ONE `go test -race` run over ./... with TF_ACC=1, so
# unit and acceptance tests (real terraform, in-process mock) run together.
# Extra arguments go to `go test`, e.g. scripts/test.sh -run 'TestAcc'.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_terraform
cd "$(repo_root)"
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
write_empty_cli_config "$work"

export TF_ACC=1
# Use the terraform found on PATH; a TF_ACC_TERRAFORM_VERSION would make
# terraform-plugin-testing download terraform, which fails offline.
export TF_ACC_TERRAFORM_PATH="${TF_ACC_TERRAFORM_PATH:-$(command -v terraform)}"
if [[ -n "${TF_ACC_TERRAFORM_VERSION:-}" ]]; then
  printf 'note: ignoring TF_ACC_TERRAFORM_VERSION=%s (it forces a download)\n' "$TF_ACC_TERRAFORM_VERSION" >&2
  unset TF_ACC_TERRAFORM_VERSION
fi

# 25m: on a cold build cache TestAccMirror_lockEveryPlatform cross-compiles
# the provider for all 13 release platforms (about 10 CPU-minutes; warm, a
# link each).
flags=(-race -count=1 -timeout 25m)
if [[ "$(go env CGO_ENABLED)" != 1 ]]; then
  printf 'warning: cgo is disabled (no C compiler?): running tests without -race\n' >&2
  flags=("${flags[@]:1}")
fi

section "go vet ./..."
go vet ./...

# The chaos suite appends its summary here; go test shows a passing
# package's output only with -v, so it is printed below.
export CLOUDORDER_CHAOS_SUMMARY="$work/chaos-summary.txt"

# Every acceptance test's mock is checked against the APIs' contracts
# (internal/mockcloud/contract); each adds what it saw here, and the
# TestConformance tests below add it up.
export CLOUDORDER_CONTRACT_COVERAGE="$work/contract-coverage"
mkdir -p "$CLOUDORDER_CONTRACT_COVERAGE"

section "go test ${flags[*]} ${*:+$* }./... (TF_ACC=1, $TF_ACC_TERRAFORM_PATH)"
status=0
go test "${flags[@]}" "$@" ./... || status=$?

# Only over a whole run: a -run filter exercises part of the contracts.
if [[ $# -eq 0 ]]; then
  section "contract conformance over the acceptance run"
  CLOUDORDER_CONTRACT_COVERAGE_CHECK="$CLOUDORDER_CONTRACT_COVERAGE" \
    go test -count=1 -v -run '^TestConformance' ./internal/mockcloud/contract/ || status=1
fi
if [[ -s "$CLOUDORDER_CHAOS_SUMMARY" ]]; then
  section "chaos summary (internal/reliability/chaos)"
  cat "$CLOUDORDER_CHAOS_SUMMARY"
fi
exit "$status"
