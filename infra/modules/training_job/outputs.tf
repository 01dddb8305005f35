output "repository_url" {
  description = "ECR repository to push the training image to."
  value       = aws_ecr_repository.training.repository_url
}

output "job_queue_arn" {
  description = "ARN of the training job queue."
  value       = aws_batch_job_queue.training.arn
}

output "job_queue_name" {
  description = "Name of the training job queue."
  value       = aws_batch_job_queue.training.name
}

output "job_definition_arn" {
  description = "ARN (with revision) of the training job definition."
  value       = aws_batch_job_definition.training.arn
}

output "job_definition_name" {
  description = "Name of the training job definition (submitting by name runs its latest revision)."
  value       = aws_batch_job_definition.training.name
}

output "log_group_name" {
  description = "Log group of the training jobs."
  value       = aws_cloudwatch_log_group.training.name
}

output "job_role_arn" {
  description = "Role the training job runs as (the writer of models/current)."
  value       = aws_iam_role.job.arn
}
