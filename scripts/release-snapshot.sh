#!/usr/bin/env bash
# Builds the release artifacts into dist/ with goreleaser (pinned in
# tools/go.mod), offline: a snapshot never publishes, announces or talks to
# GitHub, and it signs SHA256SUMS only when GPG_FINGERPRINT names a key in
# the local gpg keyring. Then checks dist/ with scripts/release-test.sh.
#   scripts/release-snapshot.sh            # what `make release-snapshot` runs
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$(repo_root)"
skips=announce,publish,validate
if [[ -z "${GPG_FINGERPRINT:-}" ]]; then
  skips+=,sign
  echo "GPG_FINGERPRINT is not set: SHA256SUMS will not be signed" >&2
fi
# GITHUB_TOKEN and friends are not needed for a snapshot; unset them so that
# nothing in goreleaser is tempted to use them.
unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN

section "goreleaser release --snapshot --clean --skip=$skips $*"
go tool -modfile=tools/go.mod goreleaser release --snapshot --clean --skip="$skips" "$@"

section "checking dist/"
bash scripts/release-test.sh dist
