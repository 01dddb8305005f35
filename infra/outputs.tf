output "api_url" {
  description = "Base URL of the recommendation API."
  value       = module.api.api_url
}

output "bucket" {
  description = "Data bucket: put events under events/, the catalogue at catalog_key; models appear under models/."
  value       = module.storage.bucket_name
}

output "model_store" {
  description = "Model store root, as the training CLI's --store and the serving ASSOCREC_MODEL_LOCATION take it."
  value       = local.store_root
}

output "training_repository_url" {
  description = "ECR repository to push the training image to."
  value       = module.training.repository_url
}

output "training_job_queue" {
  description = "Batch queue of the training jobs (for a retraining by hand)."
  value       = module.training.job_queue_name
}

output "training_job_definition" {
  description = "Batch job definition of the training job."
  value       = module.training.job_definition_name
}

output "training_log_group" {
  description = "CloudWatch log group of the training jobs."
  value       = module.training.log_group_name
}

output "alarm_topic_arn" {
  description = "SNS topic of all alarms and failed-training notices."
  value       = aws_sns_topic.alarms.arn
}

output "pointer_trail" {
  description = "CloudTrail trail that records every write of models/current (null when record_pointer_writes is off)."
  value       = module.storage.pointer_trail_name
}
