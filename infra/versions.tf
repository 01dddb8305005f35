terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x: SnapStart on aws_lambda_function, ec2_configuration on Batch, EventBridge S3 notifications.
      version = ">= 5.40.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ project = var.name }, var.tags)
  }
}
