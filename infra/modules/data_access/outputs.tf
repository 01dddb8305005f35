output "serving_policy_json" {
  description = "Policy for the serving functions: read the models prefix."
  value       = data.aws_iam_policy_document.serving.json
}

output "training_policy_json" {
  description = "Policy for the training job: read events and catalogue, write models."
  value       = data.aws_iam_policy_document.training.json
}
