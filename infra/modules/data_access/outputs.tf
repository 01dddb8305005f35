output "serving_policy_json" {
  description = "Policy for the serving functions: read the models prefix."
  value       = jsonencode({ Version = "2012-10-17", Statement = local.serving_statements })
}

output "training_policy_json" {
  description = "Policy for the training job: read events and catalogue, write models."
  value       = jsonencode({ Version = "2012-10-17", Statement = local.training_statements })
}
