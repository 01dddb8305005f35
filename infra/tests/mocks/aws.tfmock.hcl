# Realistic values where the configuration computes from them (ARNs in policies, the account in
# conditions); everything else the mock provider invents.

mock_data "aws_caller_identity" {
  defaults = { account_id = "123456789012" }
}

# Only the retraining trigger module still renders policies with this data source.
mock_data "aws_iam_policy_document" {
  defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
}

mock_data "aws_region" {
  defaults = { name = "eu-west-1" }
}

mock_data "aws_vpc" {
  defaults = { id = "vpc-0default" }
}

mock_data "aws_subnets" {
  defaults = { ids = ["subnet-0default1", "subnet-0default2"] }
}

mock_data "aws_subnet" {
  defaults = { vpc_id = "vpc-0custom" }
}

mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::assocrec-test", id = "assocrec-test" }
}

mock_resource "aws_kms_key" {
  defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/alarms", key_id = "alarms" }
}

mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:assocrec-alarms" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::123456789012:role/assocrec-training-job" }
}

mock_resource "aws_ecr_repository" {
  defaults = { repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/assocrec-training" }
}

mock_resource "aws_batch_job_queue" {
  defaults = { arn = "arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue" }
}

mock_resource "aws_launch_template" {
  defaults = { id = "lt-0training" }
}

mock_resource "aws_sfn_state_machine" {
  defaults = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:assocrec-start-training" }
}

mock_resource "aws_sqs_queue" {
  defaults = { arn = "arn:aws:sqs:eu-west-1:123456789012:assocrec-retrain-trigger-dead-letters" }
}
