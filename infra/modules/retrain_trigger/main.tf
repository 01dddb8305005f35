# New event files and a schedule both start a retraining through one small function.
#
# Debounce: the function submits only when the queue holds no active job of the same name, and its
# reserved concurrency of 1 serialises that check-then-submit, so a burst of files (one EventBridge
# event each) yields one job. Events throttled meanwhile are retried by Lambda's async queue and
# then find the job active. No extra state store is needed: Batch's own job list is the truth.

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  job_definition_arns = "arn:aws:batch:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:job-definition/${var.job_definition_name}*"
}

data "aws_iam_policy_document" "trigger" {
  statement {
    sid       = "SubmitTraining"
    effect    = "Allow"
    actions   = ["batch:SubmitJob"]
    resources = [var.job_queue_arn, local.job_definition_arns]
  }

  # ListJobs has no resource-level permissions in IAM; it reveals job names and states only.
  statement {
    sid       = "SeeActiveTraining"
    effect    = "Allow"
    actions   = ["batch:ListJobs"]
    resources = ["*"]
  }
}

module "function" {
  source = "../function"

  name            = "${var.name}-retrain-trigger"
  description     = "Starts a training job on new events or on schedule, unless one is active."
  runtime_kind    = var.runtime_kind
  jvm_zip_path    = var.jvm_zip_path
  native_zip_path = var.native_zip_path
  memory_mb       = 512
  timeout_seconds = 30
  policy_json     = data.aws_iam_policy_document.trigger.json
  alarm_topic_arn = var.alarm_topic_arn

  reserved_concurrency = 1
  alarm_on_throttles   = false

  environment = {
    ASSOCREC_RETRAIN_JOB_QUEUE      = var.job_queue_name
    ASSOCREC_RETRAIN_JOB_DEFINITION = var.job_definition_name
    ASSOCREC_RETRAIN_JOB_NAME       = var.job_name
    ASSOCREC_RETRAIN_BUCKET         = var.bucket_name
    ASSOCREC_RETRAIN_EVENTS_PREFIX  = var.events_prefix
  }
}

resource "aws_lambda_function_event_invoke_config" "trigger" {
  function_name                = module.function.function_name
  qualifier                    = module.function.alias_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600
}

resource "aws_cloudwatch_event_rule" "new_events" {
  name        = "${var.name}-new-events"
  description = "A behaviour event file landed under s3://${var.bucket_name}/${var.events_prefix}"
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail = {
      bucket = { name = [var.bucket_name] }
      object = { key = [{ prefix = var.events_prefix }] }
    }
  })
}

resource "aws_cloudwatch_event_rule" "schedule" {
  count               = var.schedule_expression == null ? 0 : 1
  name                = "${var.name}-retrain-schedule"
  description         = "Periodic retraining"
  schedule_expression = var.schedule_expression
}

locals {
  rules = merge(
    { new_events = aws_cloudwatch_event_rule.new_events },
    var.schedule_expression == null ? {} : { schedule = aws_cloudwatch_event_rule.schedule[0] },
  )
}

resource "aws_cloudwatch_event_target" "trigger" {
  for_each  = local.rules
  rule      = each.value.name
  target_id = "retrain-trigger"
  arn       = module.function.alias_arn
}

resource "aws_lambda_permission" "events" {
  for_each      = local.rules
  statement_id  = "AllowEventBridge-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = module.function.alias_arn
  principal     = "events.amazonaws.com"
  source_arn    = each.value.arn
}
