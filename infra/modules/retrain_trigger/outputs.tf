output "function_name" {
  description = "Name of the retraining trigger function."
  value       = module.function.function_name
}

output "new_events_rule" {
  description = "EventBridge rule that matches new event files."
  value       = aws_cloudwatch_event_rule.new_events.name
}
