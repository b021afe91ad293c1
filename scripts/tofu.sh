#!/usr/bin/env bash
# Prints the path of the pinned OpenTofu binary, building it first when the
# cache has none. OpenTofu is built from the Go module proxy (nothing is
# downloaded but Go modules): `go install` refuses the module because its
# go.mod has a replace directive, so it is built inside the module cache.
# A cold build takes about 8 CPU-minutes; later calls cost nothing.
#   scripts/tofu.sh            print the path (build when missing)
#   scripts/tofu.sh version    print the pinned version
# The version is pinned here and only here (OPENTOFU_VERSION).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly OPENTOFU_VERSION=v1.10.6
readonly OPENTOFU_MODULE=github.com/opentofu/opentofu

if [[ "${1:-}" == version ]]; then
  printf '%s\n' "$OPENTOFU_VERSION"
  exit 0
fi

# Beside the Go build cache, outside the repository, like the tools built
# from tools/go.mod; CLOUDORDER_TOOLS_DIR moves it.
tools_dir="${CLOUDORDER_TOOLS_DIR:-$(dirname "$(go env GOCACHE)")/cloudorder-tools}"
dest="$tools_dir/tofu-$OPENTOFU_VERSION"
bin="$dest/tofu"

if [[ ! -x "$bin" ]]; then
  printf 'building OpenTofu %s from the Go module proxy into %s (about 8 CPU-minutes cold)\n' \
    "$OPENTOFU_VERSION" "$dest" >&2
  mod_dir=$(go mod download -json "$OPENTOFU_MODULE@$OPENTOFU_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": *"\(.*\)",*$/\1/p')
  [[ -n "$mod_dir" && -d "$mod_dir" ]] || die "go mod download $OPENTOFU_MODULE@$OPENTOFU_VERSION gave no module directory"
  mkdir -p "$dest"
  tmp="$dest/tofu.tmp.$$"
  trap 'rm -f "$tmp"' EXIT
  # The flags of OpenTofu's own release build: dev=no makes `tofu version`
  # report the release, not <version>-dev.
  (cd "$mod_dir" && CGO_ENABLED=0 GOWORK=off GOFLAGS=-buildvcs=false \
    go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tmp" ./cmd/tofu) || die "could not build OpenTofu $OPENTOFU_VERSION in $mod_dir"
  mv -f "$tmp" "$bin"
fi
printf '%s\n' "$bin"
