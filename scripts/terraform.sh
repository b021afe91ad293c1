#!/usr/bin/env bash
# Runs terraform with the given arguments, isolated from the user's setup:
# no checkpoint (network) call, an empty CLI config, and a clear error when
# terraform is missing or too old. Used by `go generate` and `make fmt`:
#   bash scripts/terraform.sh fmt -recursive ./examples/
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_terraform
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-tf.XXXXXX")
trap 'rm -rf "$work"' EXIT
write_empty_cli_config "$work"
terraform "$@"
