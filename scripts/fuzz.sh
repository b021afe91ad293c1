#!/usr/bin/env bash
# Runs every Fuzz target of the module briefly: the seed corpus (f.Add and
# testdata/fuzz, which `go test` also runs as ordinary tests) plus
# FUZZTIME of generated inputs per target. Each package's test binary is
# built once with fuzzing instrumentation and run once per target (go test
# -fuzz would link it again for every target, which costs more than the
# fuzzing). Generated inputs go to a fresh cache, so every run starts from
# the committed corpus alone. A failing input is written to the package's
# testdata/fuzz/<target>/ and the script fails: commit it with the fix so
# that it stays a regression test.
#   FUZZTIME       per target, default 3s
#   FUZZ_PARALLEL  fuzzing workers, default 2
#   FUZZ_PKGS      packages to search, default ./...
#   FUZZMINIMIZE   -fuzzminimizetime, default 100x: Go's default (60s) lets
#                  a worker spend a whole short run shrinking one input that
#                  found new coverage (FuzzWaldurDecoders: ~2,000 calls for
#                  ~30 counted execs in 3 s); 100 tries keep most of the
#                  shrinking at a fraction of the cost.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(repo_root)"

fuzztime=${FUZZTIME:-3s}
parallel=${FUZZ_PARALLEL:-2}
minimize=${FUZZMINIMIZE:-100x}
read -r -a pkgs <<<"${FUZZ_PKGS:-./...}"
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

targets=0
start=$SECONDS
# Packages whose tests define Fuzz targets, as ./relative directories.
dirs=()
while read -r dir; do
  if grep -q -E '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' "$dir"/*_test.go 2>/dev/null; then
    dirs+=(".${dir#"$PWD"}")
  fi
done < <(go list -f '{{.Dir}}' "${pkgs[@]}")
((${#dirs[@]} > 0)) || die "no Fuzz targets found in ${pkgs[*]}"

for dir in "${dirs[@]}"; do
  bin="$work/$(echo "$dir" | tr '/.' '__').test"
  section "build $dir with fuzzing instrumentation"
  go test -c -fuzz=. -o "$bin" "$dir"
  mapfile -t names < <(cd "$dir" && "$bin" -test.list '^Fuzz')
  for target in "${names[@]}"; do
    [[ "$target" == Fuzz* ]] || continue
    targets=$((targets + 1))
    t0=$SECONDS
    # Run in the package directory: the binary reads and writes testdata/fuzz there.
    if ! out=$(cd "$dir" && "$bin" -test.run='^$' -test.fuzz="^${target}\$" -test.fuzztime="$fuzztime" \
      -test.fuzzminimizetime="$minimize" -test.parallel="$parallel" -test.fuzzcachedir="$work/cache" 2>&1); then
      printf '%s\n' "$out"
      die "$dir $target failed; the failing input is in $dir/testdata/fuzz/$target/"
    fi
    execs=$(printf '%s\n' "$out" | sed -n 's/^fuzz: elapsed: [0-9]*s, execs: \([0-9]*\).*/\1/p' | tail -1)
    printf -- '--- %-28s ok: %6s inputs in %ds\n' "$target" "${execs:-?}" "$((SECONDS - t0))"
  done
done

section "fuzzed $targets targets for $fuzztime each in $((SECONDS - start))s"
