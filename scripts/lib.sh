# shellcheck shell=bash
# Helpers shared by the scripts in this directory. Source it; do not run it.

# Terraform must never phone home from our scripts (checkpoint runs on every command).
export CHECKPOINT_DISABLE=1

readonly TERRAFORM_REQUIRED_MSG="terraform 1.11+ is required on PATH: https://developer.hashicorp.com/terraform/install"

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

section() {
  printf '\n==> %s\n' "$*"
}

# Absolute, so that it stays right after a cd.
COMMON_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly COMMON_SCRIPTS_DIR

# repo_root prints the repository root (the parent of scripts/).
repo_root() {
  dirname "$COMMON_SCRIPTS_DIR"
}

# require_terraform fails unless terraform >= 1.11 is on PATH.
require_terraform() {
  command -v terraform >/dev/null 2>&1 || die "$TERRAFORM_REQUIRED_MSG"
  local version major minor
  # An empty CLI config keeps terraform from warning about a missing one.
  version=$(TF_CLI_CONFIG_FILE=/dev/null terraform version -json 2>/dev/null |
    sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p') || true
  [[ -n "$version" ]] || die "could not read the version of $(command -v terraform); $TERRAFORM_REQUIRED_MSG"
  IFS=. read -r major minor _ <<<"$version"
  if ((major < 1 || (major == 1 && minor < 11))); then
    die "found terraform $version at $(command -v terraform); $TERRAFORM_REQUIRED_MSG"
  fi
}

# write_empty_cli_config DIR writes an empty terraform CLI config into DIR,
# points TF_CLI_CONFIG_FILE at it, and so ignores the user's ~/.terraformrc.
write_empty_cli_config() {
  : >"$1/terraformrc"
  export TF_CLI_CONFIG_FILE="$1/terraformrc"
}
