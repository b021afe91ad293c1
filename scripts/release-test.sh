#!/usr/bin/env bash
# Checks goreleaser's output (default dist/) the way the Terraform registry
# will use it: a zip per platform with the right name and binary, SHA256SUMS
# over every zip and the renamed terraform-registry-manifest.json, protocol
# 6.0 in the manifest, and the host binary's -version matching the build.
# With GPG_FINGERPRINT set it also requires the signature of SHA256SUMS.
#   scripts/release-test.sh [DIST]      # `make release-test`
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$(repo_root)"
dist=${1:-dist}
[[ -f "$dist/metadata.json" ]] || die "$dist/metadata.json not found: run \`make release-snapshot\` first"
flags=(-dist "$dist")
[[ -z "${GPG_FINGERPRINT:-}" ]] || flags+=(-signed)
go run ./cmd/distcheck "${flags[@]}"
