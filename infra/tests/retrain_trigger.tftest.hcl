# The retraining trigger as planned in the whole stack (run "stack") and on its own (the other runs),
# against a mocked AWS provider: no batch:SubmitJob for the function, Step Functions submits with a
# fixed queue/definition/name, failed events reach an encrypted dead-letter queue that alarms, and
# the stale-model alarm watches the age metric the function writes.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

# The stack's variables, then the module's (for the runs that plan modules/retrain_trigger alone);
# each run takes the ones its configuration declares.
variables {
  bucket_name       = "assocrec-test"
  training_image    = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  recommend_jvm_zip = "tests/fixtures/function.zip"
  trigger_jvm_zip   = "tests/fixtures/function.zip"

  name                = "assocrec"
  job_queue_arn       = "arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue"
  job_queue_name      = "assocrec-training-queue"
  job_definition_name = "assocrec-training-train"
  job_name            = "assocrec-retrain"
  jvm_zip_path        = "tests/fixtures/function.zip"
  alarm_topic_arn     = "arn:aws:sns:eu-west-1:123456789012:assocrec-alarms"
}

run "stack" {
  command = plan

  assert {
    condition     = !contains(flatten([for s in jsondecode(module.retrain_trigger.trigger_policy_json).Statement : s.Action]), "batch:SubmitJob")
    error_message = "the trigger must not hold batch:SubmitJob (container overrides would give it the training role's rights): ${module.retrain_trigger.trigger_policy_json}"
  }
  assert {
    condition = [for s in jsondecode(module.retrain_trigger.trigger_policy_json).Statement : s.Resource if contains(s.Action, "states:StartExecution")] == [
      ["arn:aws:states:eu-west-1:123456789012:stateMachine:assocrec-start-training"]
    ]
    error_message = "the trigger may start exactly the training state machine: ${module.retrain_trigger.trigger_policy_json}"
  }
  assert {
    condition     = alltrue([for s in jsondecode(module.retrain_trigger.trigger_policy_json).Statement : s.Action == ["batch:ListJobs"] if contains(s.Resource, "*")])
    error_message = "only batch:ListJobs (which has no resource-level permissions) may name every resource"
  }
  assert {
    condition = [for s in jsondecode(module.retrain_trigger.trigger_policy_json).Statement : s.Resource if contains(s.Action, "s3:GetObject")] == [
      ["arn:aws:s3:::assocrec-test/models/current"]
    ]
    error_message = "the trigger may read the current pointer and no other object"
  }
  assert {
    condition = [for s in jsondecode(module.retrain_trigger.trigger_policy_json).Statement : {
      resources = length(s.Resource), any = contains(s.Resource, "*"), service = s.Condition.StringEquals["iam:PassedToService"]
    } if contains(s.Action, "iam:PassRole")] == [{ resources = 1, any = false, service = "scheduler.amazonaws.com" }]
    error_message = "the trigger may pass one role (the schedule's), only to EventBridge Scheduler"
  }
  assert {
    condition     = module.retrain_trigger.failure_destination == module.retrain_trigger.dead_letter_queue_arn
    error_message = "failed trigger events must go to the dead-letter queue"
  }
  assert {
    condition     = module.retrain_trigger.alarm_names == { dead_letters = "assocrec-retrain-trigger-dead-letters", model_stale = "assocrec-model-stale" }
    error_message = "the dead-letter and model-stale alarms must exist"
  }
}

run "module" {
  command = plan

  module {
    source = "./modules/retrain_trigger"
  }

  # The state machine submits a fixed job; only the cause comes from the caller.
  assert {
    condition = jsondecode(aws_sfn_state_machine.start_training.definition).States.SubmitTrainingJob == merge(
      jsondecode(aws_sfn_state_machine.start_training.definition).States.SubmitTrainingJob, {
        Type     = "Task"
        Resource = "arn:aws:states:::batch:submitJob"
        Parameters = {
          JobName            = "assocrec-retrain"
          JobQueue           = "arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue"
          JobDefinition      = "assocrec-training-train"
          ContainerOverrides = { Environment = [{ Name = "ASSOCREC_TRIGGER", "Value.$" = "$.cause" }] }
        }
    })
    error_message = "the state machine must submit the fixed job (request-response, not .sync) with the cause as ASSOCREC_TRIGGER only"
  }
  assert {
    condition = jsondecode(aws_iam_role_policy.service["start-training"].policy).Statement == [{
      Effect = "Allow"
      Sid    = "SubmitTraining"
      Action = ["batch:SubmitJob"]
      Resource = [
        "arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue",
        "arn:aws:batch:eu-west-1:123456789012:job-definition/assocrec-training-train",
        "arn:aws:batch:eu-west-1:123456789012:job-definition/assocrec-training-train:*",
      ]
    }]
    error_message = "the state machine's role may submit to the training queue and definition only"
  }

  # Dead letters: encrypted, kept 14 days, alarmed on the first one.
  assert {
    condition     = aws_sqs_queue.dead_letters.sqs_managed_sse_enabled && aws_sqs_queue.dead_letters.message_retention_seconds == 1209600
    error_message = "the dead-letter queue must be encrypted and keep messages 14 days"
  }
  assert {
    condition = (aws_cloudwatch_metric_alarm.dead_letters.metric_name == "ApproximateNumberOfMessagesVisible"
      && aws_cloudwatch_metric_alarm.dead_letters.dimensions.QueueName == aws_sqs_queue.dead_letters.name
      && aws_cloudwatch_metric_alarm.dead_letters.threshold == 0
    && aws_cloudwatch_metric_alarm.dead_letters.alarm_actions == toset(["arn:aws:sns:eu-west-1:123456789012:assocrec-alarms"]))
    error_message = "the dead-letter alarm must fire on the first visible message and notify the alarm topic"
  }
  assert {
    condition = (aws_lambda_function_event_invoke_config.trigger.maximum_event_age_in_seconds == 21600
    && aws_lambda_function_event_invoke_config.trigger.maximum_retry_attempts == 2)
    error_message = "events wait up to 6 h (throttled behind the one invocation) and are retried twice"
  }

  # Stale model: the metric the function writes, above the threshold or missing for 3 hours.
  assert {
    condition = (aws_cloudwatch_metric_alarm.model_stale.namespace == "assocrec"
      && aws_cloudwatch_metric_alarm.model_stale.metric_name == "CurrentModelAgeHours"
      && aws_cloudwatch_metric_alarm.model_stale.dimensions == tomap({ Stack = "assocrec" })
      && aws_cloudwatch_metric_alarm.model_stale.threshold == 72
    && aws_cloudwatch_metric_alarm.model_stale.treat_missing_data == "breaching")
    error_message = "the stale-model alarm must watch assocrec/CurrentModelAgeHours{Stack} above 72 h, missing data breaching"
  }

  # What invokes the function.
  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.job_ended.event_pattern).detail == {
      status   = ["SUCCEEDED", "FAILED"]
      jobQueue = ["arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue"]
      jobName  = ["assocrec-retrain"]
    }
    error_message = "the end of our training jobs (and only ours) must reach the trigger"
  }
  assert {
    condition     = toset(keys(aws_cloudwatch_event_target.trigger)) == toset(["new_events", "job_ended", "model_age", "schedule"])
    error_message = "new files, job ends, the hourly age check and the nightly schedule must each invoke the trigger"
  }
  assert {
    condition     = strcontains(one(aws_cloudwatch_event_target.trigger["model_age"].input_transformer).input_template, "\"detail-type\":\"Model age check\"")
    error_message = "the hourly rule must send the \"Model age check\" event the function reads"
  }
  assert {
    condition     = jsondecode(aws_iam_role.service["retrain-scheduler"].assume_role_policy).Statement[0].Principal.Service == "scheduler.amazonaws.com"
    error_message = "only EventBridge Scheduler may assume the quiet-period schedule's role"
  }
}

run "quiet_period_must_be_whole_minutes" {
  command = plan

  module {
    source = "./modules/retrain_trigger"
  }

  variables {
    name                 = "assocrec"
    job_queue_arn        = "arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue"
    job_queue_name       = "assocrec-training-queue"
    job_definition_name  = "assocrec-training-train"
    jvm_zip_path         = "tests/fixtures/function.zip"
    quiet_period_minutes = 0.5
  }

  expect_failures = [var.quiet_period_minutes]
}
