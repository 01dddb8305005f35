# Retraining starts through one small function, which never holds the training job's rights:
#
#   event file ─▶ trigger: move the one-time "quiet period" schedule to now + quiet period
#   schedule fires (uploads stopped) ─┐
#   one of our Batch jobs ended ──────┼─▶ trigger: ListJobs once; none active and an event file newer
#   nightly schedule ─────────────────┘   than the last job's start (always, for the nightly one)
#                                          ─▶ StartExecution ─▶ state machine ─▶ batch:SubmitJob
#   hourly check ─▶ trigger: age of models/current as a metric ─▶ stale-model alarm
#
# The state machine fixes queue, job definition and job name and passes only the cause text on, so
# the trigger needs no batch:SubmitJob (whose container overrides IAM cannot restrict). Reserved
# concurrency 1 serialises the check-then-start. Failed or expired async events land in an
# encrypted dead-letter queue that alarms.

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  region        = data.aws_region.current.name
  account_id    = data.aws_caller_identity.current.account_id
  function_name = "${var.name}-retrain-trigger"
  # Built from names: the function's own settings name its alias, which cannot refer to itself.
  function_alias_arn  = "arn:aws:lambda:${local.region}:${local.account_id}:function:${local.function_name}:live"
  quiet_schedule_name = "quiet-period"
  state_machine_name  = "${var.name}-start-training"
  bucket_arn          = "arn:aws:s3:::${var.bucket_name}"
  alarm_actions       = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  # Submitting by name runs the latest active revision; IAM sees the name with and without it.
  job_definition_arns = [
    "arn:aws:batch:${local.region}:${local.account_id}:job-definition/${var.job_definition_name}",
    "arn:aws:batch:${local.region}:${local.account_id}:job-definition/${var.job_definition_name}:*",
  ]
}

# --- Service roles: the state machine (the only holder of batch:SubmitJob) and the schedule. ---

locals {
  # Each assumed by its service, on behalf of this account only, with one permission.
  service_roles = { start-training = "states.amazonaws.com", retrain-scheduler = "scheduler.amazonaws.com" }
  service_role_permissions = {
    start-training    = { Sid = "SubmitTraining", Action = ["batch:SubmitJob"], Resource = concat([var.job_queue_arn], local.job_definition_arns) }
    retrain-scheduler = { Sid = "InvokeTrigger", Action = ["lambda:InvokeFunction"], Resource = [module.function.alias_arn] }
  }
}

resource "aws_iam_role" "service" {
  for_each = local.service_roles
  name     = "${var.name}-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = each.value }
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "service" {
  for_each = local.service_role_permissions
  name     = each.value.Sid
  role     = aws_iam_role.service[each.key].id
  policy   = jsonencode({ Version = "2012-10-17", Statement = [merge({ Effect = "Allow" }, each.value)] })
}

resource "aws_sfn_state_machine" "start_training" {
  name     = local.state_machine_name
  role_arn = aws_iam_role.service["start-training"].arn
  type     = "STANDARD"

  definition = jsonencode({
    Comment = "Submits one training job; only the cause comes from the caller."
    StartAt = "SubmitTrainingJob"
    States = {
      SubmitTrainingJob = {
        Type     = "Task"
        Resource = "arn:aws:states:::batch:submitJob"
        Parameters = {
          JobName       = var.job_name
          JobQueue      = var.job_queue_arn
          JobDefinition = var.job_definition_name
          ContainerOverrides = {
            Environment = [{ Name = "ASSOCREC_TRIGGER", "Value.$" = "$.cause" }]
          }
        }
        ResultSelector = { "JobId.$" = "$.JobId", "JobName.$" = "$.JobName" }
        # Throttling and transient Batch errors; about 14 s in all, within the trigger's wait.
        Retry = [{ ErrorEquals = ["States.TaskFailed"], IntervalSeconds = 2, MaxAttempts = 3, BackoffRate = 2 }]
        End   = true
      }
    }
  })
}

# --- The quiet period: a one-time schedule in a group of its own (destroyed with the stack). ---

resource "aws_scheduler_schedule_group" "retrain" {
  name = "${var.name}-retrain"
}

# --- Failed events: retried twice, then kept (encrypted, 14 days) in a queue that alarms. ---

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${var.name}-retrain-trigger-dead-letters"
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 1209600
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  alarm_name          = "${var.name}-retrain-trigger-dead-letters"
  alarm_description   = "A retraining event failed or expired and is in ${aws_sqs_queue.dead_letters.name}; no training started for it. See infra/README.md, section Retraining trigger."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dead_letters.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- The function. ---

locals {
  trigger_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "StartTraining", Effect = "Allow", Action = ["states:StartExecution"], Resource = [aws_sfn_state_machine.start_training.arn] },
      {
        Sid      = "WatchTrainingStart"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution"]
        Resource = ["arn:aws:states:${local.region}:${local.account_id}:execution:${local.state_machine_name}:*"]
      },
      # ListJobs has no resource-level permissions in IAM; it reveals job names and states only.
      { Sid = "SeeTrainingJobs", Effect = "Allow", Action = ["batch:ListJobs"], Resource = ["*"] },
      {
        Sid      = "MoveQuietPeriod"
        Effect   = "Allow"
        Action   = ["scheduler:CreateSchedule", "scheduler:UpdateSchedule"]
        Resource = ["arn:aws:scheduler:${local.region}:${local.account_id}:schedule/${aws_scheduler_schedule_group.retrain.name}/${local.quiet_schedule_name}"]
      },
      {
        Sid       = "HandTheScheduleItsRole"
        Effect    = "Allow"
        Action    = ["iam:PassRole"]
        Resource  = [aws_iam_role.service["retrain-scheduler"].arn]
        Condition = { StringEquals = { "iam:PassedToService" = "scheduler.amazonaws.com" } }
      },
      {
        Sid       = "SeeNewEventFiles"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [local.bucket_arn]
        Condition = { StringLike = { "s3:prefix" = ["${var.events_prefix}*"] } }
      },
      # HeadObject: the pointer's LastModified, for the model's age.
      { Sid = "SeeCurrentPointer", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["${local.bucket_arn}/${var.current_key}"] },
      { Sid = "KeepFailedEvents", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = [aws_sqs_queue.dead_letters.arn] },
    ]
  })
}

module "function" {
  source = "../function"

  name            = local.function_name
  description     = "Starts a training job when uploads stop, after a job that missed files, or on schedule; reports the model's age."
  runtime_kind    = var.runtime_kind
  jvm_zip_path    = var.jvm_zip_path
  native_zip_path = var.native_zip_path
  memory_mb       = 512
  timeout_seconds = 60
  policy_json     = local.trigger_policy
  alarm_topic_arn = var.alarm_topic_arn

  reserved_concurrency = 1
  alarm_on_throttles   = false

  environment = {
    ASSOCREC_RETRAIN_JOB_QUEUE                 = var.job_queue_name
    ASSOCREC_RETRAIN_JOB_NAME                  = var.job_name
    ASSOCREC_RETRAIN_STATE_MACHINE_ARN         = aws_sfn_state_machine.start_training.arn
    ASSOCREC_RETRAIN_BUCKET                    = var.bucket_name
    ASSOCREC_RETRAIN_EVENTS_PREFIX             = var.events_prefix
    ASSOCREC_RETRAIN_CURRENT_KEY               = var.current_key
    ASSOCREC_RETRAIN_STACK_NAME                = var.name
    ASSOCREC_RETRAIN_QUIET_SCHEDULE_PERIOD     = "${var.quiet_period_minutes}m"
    ASSOCREC_RETRAIN_QUIET_SCHEDULE_GROUP      = aws_scheduler_schedule_group.retrain.name
    ASSOCREC_RETRAIN_QUIET_SCHEDULE_NAME       = local.quiet_schedule_name
    ASSOCREC_RETRAIN_QUIET_SCHEDULE_TARGET_ARN = local.function_alias_arn
    ASSOCREC_RETRAIN_QUIET_SCHEDULE_ROLE_ARN   = aws_iam_role.service["retrain-scheduler"].arn
  }
}

# Every caller (EventBridge rules, the quiet-period schedule) invokes asynchronously. Events throttled
# behind the one running invocation wait in Lambda's queue up to max_event_age_seconds.
resource "aws_lambda_function_event_invoke_config" "trigger" {
  function_name                = module.function.function_name
  qualifier                    = module.function.alias_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = var.max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }
  }
}

# --- What invokes it. ---

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

resource "aws_cloudwatch_event_rule" "job_ended" {
  name        = "${var.name}-training-ended"
  description = "A training job ended: start one follow-up if event files arrived while it ran."
  event_pattern = jsonencode({
    source        = ["aws.batch"]
    "detail-type" = ["Batch Job State Change"]
    detail = {
      status   = ["SUCCEEDED", "FAILED"]
      jobQueue = [var.job_queue_arn]
      jobName  = [var.job_name]
    }
  })
}

resource "aws_cloudwatch_event_rule" "model_age" {
  name                = "${var.name}-model-age-check"
  description         = "Reports the age of models/current (metric assocrec/CurrentModelAgeHours)."
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_rule" "schedule" {
  count               = var.schedule_expression == null ? 0 : 1
  name                = "${var.name}-retrain-schedule"
  description         = "Periodic retraining"
  schedule_expression = var.schedule_expression
}

locals {
  rules = merge(
    {
      new_events = aws_cloudwatch_event_rule.new_events
      job_ended  = aws_cloudwatch_event_rule.job_ended
      model_age  = aws_cloudwatch_event_rule.model_age
    },
    var.schedule_expression == null ? {} : { schedule = aws_cloudwatch_event_rule.schedule[0] },
  )
}

resource "aws_cloudwatch_event_target" "trigger" {
  for_each  = local.rules
  rule      = each.value.name
  target_id = "retrain-trigger"
  arn       = module.function.alias_arn

  # The hourly check says what it is; the function reads it as a "Model age check" event.
  dynamic "input_transformer" {
    for_each = each.key == "model_age" ? ["check"] : []
    content {
      input_paths    = { id = "$.id", time = "$.time" }
      input_template = "{\"source\":\"assocrec.retrain\",\"detail-type\":\"Model age check\",\"id\":<id>,\"time\":<time>,\"detail\":{}}"
    }
  }
}

resource "aws_lambda_permission" "events" {
  for_each      = local.rules
  statement_id  = "AllowEventBridge-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = module.function.alias_arn
  principal     = "events.amazonaws.com"
  source_arn    = each.value.arn
}

# --- The serving model went stale: current has not moved for too long, or nobody measures it. ---

resource "aws_cloudwatch_metric_alarm" "model_stale" {
  alarm_name          = "${var.name}-model-stale"
  alarm_description   = "models/current is older than ${var.stale_model_hours} h, or its hourly age check stopped reporting (also the case before the first model). See infra/README.md, section Retraining trigger."
  namespace           = "assocrec"
  metric_name         = "CurrentModelAgeHours"
  dimensions          = { Stack = var.name }
  statistic           = "Maximum"
  period              = 3600
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  threshold           = var.stale_model_hours
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
