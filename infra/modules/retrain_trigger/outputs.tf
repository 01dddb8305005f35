output "function_name" {
  description = "Name of the retraining trigger function."
  value       = module.function.function_name
}

output "new_events_rule" {
  description = "EventBridge rule that matches new event files."
  value       = aws_cloudwatch_event_rule.new_events.name
}

output "state_machine_arn" {
  description = "Step Functions state machine that submits a training job (start it by hand with {\"cause\": \"...\"})."
  value       = aws_sfn_state_machine.start_training.arn
}

output "dead_letter_queue_url" {
  description = "SQS queue holding retraining events that failed or expired."
  value       = aws_sqs_queue.dead_letters.url
}

output "dead_letter_queue_arn" {
  description = "ARN of that queue."
  value       = aws_sqs_queue.dead_letters.arn
}

output "failure_destination" {
  description = "Where the trigger's failed or expired async events go (the dead-letter queue)."
  value       = one(one(aws_lambda_function_event_invoke_config.trigger.destination_config).on_failure).destination
}

output "trigger_policy_json" {
  description = "The trigger function's only permissions besides its own logs (for review: no batch:SubmitJob)."
  value       = local.trigger_policy
}

output "alarm_names" {
  description = "The trigger's alarms: dead letters waiting, and the serving model gone stale."
  value = {
    dead_letters = aws_cloudwatch_metric_alarm.dead_letters.alarm_name
    model_stale  = aws_cloudwatch_metric_alarm.model_stale.alarm_name
  }
}
