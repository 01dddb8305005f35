#!/usr/bin/env bash
# The checks of infra/ that the build runs (./mvnw verify): formatting, init from the local copy of
# the AWS provider (no network), validate, and `terraform test`, which plans the stack and its modules
# against a mocked AWS provider and asserts on the planned values (tests/*.tftest.hcl).
#
# Needs terraform (>= 1.9) on PATH and a provider plugin directory holding hashicorp/aws 5.100.0:
# TF_PLUGIN_DIR, or else the one found under /opt/tf-plugins. Without either it says so in one line
# and exits 0, so that a machine without Terraform still builds.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly provider_version=5.100.0

if ! command -v terraform >/dev/null 2>&1; then
  echo "infra: terraform is not on PATH: Terraform checks skipped"
  exit 0
fi

# The plugin directory is the one that holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/.
plugin_dir=${TF_PLUGIN_DIR:-}
if [ -z "$plugin_dir" ]; then
  binary=$(find /opt/tf-plugins -path "*/registry.terraform.io/hashicorp/aws/$provider_version/*/terraform-provider-aws_*" \
    -type f 2>/dev/null | head -n 1)
  plugin_dir=${binary%%/registry.terraform.io/*}
fi
if [ -z "$plugin_dir" ] || [ ! -d "$plugin_dir/registry.terraform.io/hashicorp/aws/$provider_version" ]; then
  echo "infra: no hashicorp/aws $provider_version in a plugin directory (set TF_PLUGIN_DIR; looked under ${TF_PLUGIN_DIR:-/opt/tf-plugins}): Terraform checks skipped"
  exit 0
fi

# A CLI configuration named but absent only adds a warning to every command.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

echo "infra: terraform fmt -check -recursive"
terraform fmt -check -recursive -no-color
echo "infra: terraform init (provider from $plugin_dir, lock file read-only)"
terraform init -backend=false -plugin-dir="$plugin_dir" -lockfile=readonly -input=false -no-color >/dev/null
echo "infra: terraform validate"
terraform validate -no-color
echo "infra: terraform test"
terraform test -no-color
