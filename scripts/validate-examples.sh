#!/usr/bin/env bash
# Runs `terraform validate` on every directory under examples/ that holds .tf
# files, each as its own root module, against a freshly built provider
# through a dev_overrides CLI config (no `terraform init`, no network).
# A resource's examples directory is validated as one module, so its
# import-by-string-id.tf must import the resource that resource.tf declares
# (`<type>.example`). Directories without a terraform block get one that
# declares `source = "cloudorder/cloudorder"`, as a user's configuration would.
# Nothing is written into examples/: each module is copied to a temporary dir.
#   scripts/validate-examples.sh [DIR...]     # default: every examples/ dir
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly PROVIDER_ADDRESS="registry.terraform.io/cloudorder/cloudorder"

require_terraform
cd "$(repo_root)"
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudorder-validate.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if (($# > 0)); then
  dirs=("$@")
else
  mapfile -t dirs < <(find examples -name '*.tf' -printf '%h\n' | sort -u)
fi
((${#dirs[@]} > 0)) || die "no .tf files found under examples/"

section "Building terraform-provider-cloudorder"
mkdir -p "$work/bin"
go build -o "$work/bin/terraform-provider-cloudorder" .

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "$PROVIDER_ADDRESS" = "$work/bin"
  }
  direct {}
}
HCL
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
# Examples must validate without credentials; none may leak in from the caller.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(CLOUDORDER_|TF_VAR_)' || true)

section "terraform validate: ${#dirs[@]} example modules"
failed=()
n=0
for dir in "${dirs[@]}"; do
  n=$((n + 1))
  module="$work/modules/$n"
  mkdir -p "$module"
  cp "$dir"/*.tf "$module/"
  if ! grep -qs 'required_providers' "$module"/*.tf; then
    cat >"$module/zz_required_providers.tf" <<'HCL'
terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}
HCL
  fi
  # terraform validate accepts an import block whose resource is missing
  # (plan could generate it); an example must not rely on that.
  missing=()
  while IFS= read -r addr; do
    [[ -n "$addr" ]] || continue
    grep -qsE "^resource +\"${addr%%.*}\" +\"${addr#*.}\"" "$module"/*.tf || missing+=("$addr")
  done < <(sed -nE 's/^[[:space:]]*to[[:space:]]*=[[:space:]]*([a-z0-9_]+\.[a-z0-9_]+)[[:space:]]*$/\1/p' "$module"/*.tf)
  if ((${#missing[@]} > 0)); then
    printf 'FAIL  %s\n      import block for %s, but no such resource block in the same directory\n' "$dir" "${missing[*]}"
    failed+=("$dir")
    continue
  fi
  if out=$(terraform -chdir="$module" validate -no-color 2>&1); then
    printf 'ok    %s\n' "$dir"
  else
    printf 'FAIL  %s\n' "$dir"
    # Drop terraform's warning about dev_overrides; keep the diagnostics.
    awk '/^Warning: Provider development overrides are in effect/ {skip = 1}
         skip && /releases\.$/ {skip = 0; next}
         !skip' <<<"$out" | sed 's/^/      /'
    failed+=("$dir")
  fi
done

if ((${#failed[@]} > 0)); then
  die "${#failed[@]} of ${#dirs[@]} example modules do not validate: ${failed[*]}"
fi
echo "all ${#dirs[@]} example modules validate."
