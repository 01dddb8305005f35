terraform {
  required_version = ">= 1.9.0" # variable validations that read other variables

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.60+: compute_environment_order on Batch job queues, logging_config on Lambda. 6.x renames
      # Batch and region attributes used here, so it is held at 5.x until those are migrated.
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ project = var.name }, var.tags)
  }
}
