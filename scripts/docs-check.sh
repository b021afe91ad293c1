#!/usr/bin/env bash
# Runs `go generate ./...` (terraform fmt of examples/ + tfplugindocs) and
# fails when that changes docs/ or examples/, or adds files to them: the
# committed docs must be exactly what generation produces. Then runs
# `tfplugindocs validate` on docs/, and `terraform validate` on every
# examples/ module (scripts/validate-examples.sh).
# In a git work tree the reference is the last commit (so run it on a clean
# tree, as CI does); elsewhere it is the tree as it was before generating.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$(repo_root)"
paths=(docs examples)
fix_hint='run `make generate` (go generate ./...) and commit docs/ and examples/'

in_git=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  in_git=true
  if [[ -n "$(git status --porcelain -- "${paths[@]}")" ]]; then
    printf 'note: docs/ or examples/ had uncommitted changes before generating; they count as differences\n' >&2
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-docs-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

snapshot() {
  mkdir -p "$1"
  local p
  for p in "${paths[@]}"; do
    if [[ -d "$p" ]]; then cp -R "$p" "$1/"; else mkdir -p "$1/$p"; fi
  done
}
$in_git || snapshot "$work/before"

section "go generate ./..."
go generate ./...

section "checking the generated API notes (internal/*/apinotes_gen.go)"
if $in_git; then
  notes=$(git status --porcelain --untracked-files=all -- ':(glob)internal/*/apinotes_gen.go')
  if [[ -n "$notes" ]]; then
    printf 'error: the API notes differ from what cmd/apinotes makes of the contracts; %s.\n%s\n' "$fix_hint" "$notes" >&2
    git --no-pager diff -- ':(glob)internal/*/apinotes_gen.go' >&2
    exit 1
  fi
fi

section "checking docs/ and examples/ against generated output"
if $in_git; then
  status=$(git status --porcelain --untracked-files=all -- "${paths[@]}")
  if [[ -n "$status" ]]; then
    printf 'error: docs/ or examples/ differ from what `go generate ./...` produces; %s.\n' "$fix_hint" >&2
    printf '\ngit status --porcelain docs examples:\n%s\n\n' "$status" >&2
    git --no-pager diff --stat -- "${paths[@]}" >&2
    git --no-pager diff -- "${paths[@]}" >&2
    # New files do not show in `git diff`; print them as diffs too.
    git ls-files --others --exclude-standard -- "${paths[@]}" | while IFS= read -r f; do
      git --no-pager diff --no-index -- /dev/null "$f" >&2 || true
    done
    exit 1
  fi
else
  snapshot "$work/after"
  if ! (cd "$work" && diff -ruN before after) >"$work/diff" 2>&1; then
    printf 'error: `go generate ./...` changed docs/ or examples/; %s.\n\n' "$fix_hint" >&2
    cat "$work/diff" >&2
    exit 1
  fi
fi
echo "docs/ and examples/ are up to date."

section "tfplugindocs validate"
if ! out=$(bash scripts/tfplugindocs.sh validate --provider-name cloudorder 2>&1); then
  grep -v '\[DEBUG\]' <<<"$out" >&2 || true
  die "tfplugindocs validate found problems in docs/ (see above)"
fi
echo "docs/ passed tfplugindocs validate."

section "terraform validate examples/"
bash scripts/validate-examples.sh
