#!/usr/bin/env bash
# Runs tfplugindocs, pinned in tools/go.mod, from the repository root.
# Called by `go generate` (see main.go):
#   bash scripts/tfplugindocs.sh generate --provider-name cloudorder
# tfplugindocs builds the provider and runs `terraform init` + `terraform
# providers schema -json` in a temporary directory. It uses terraform from
# PATH (never pass --tf-version: that downloads terraform), runs with a
# private TMPDIR so an interrupted run leaves no tfws* folders behind, and
# with an empty CLI config so the user's ~/.terraformrc cannot interfere.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_terraform
cd "$(repo_root)"
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
write_empty_cli_config "$work"
mkdir "$work/tmp"
TMPDIR="$work/tmp" go tool -modfile=tools/go.mod tfplugindocs "$@"
