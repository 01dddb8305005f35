variable "name" {
  description = "Prefix of the trigger function and its rules."
  type        = string
}

variable "bucket_name" {
  description = "Data bucket whose new event files start a retraining."
  type        = string
}

variable "events_prefix" {
  description = "Only objects created under this prefix start a retraining."
  type        = string
  default     = "events/"
}

variable "schedule_expression" {
  description = "EventBridge schedule that starts a retraining even without new files (catches files that arrived while a job ran). Null disables it."
  type        = string
  default     = "cron(0 3 * * ? *)"
}

variable "job_queue_arn" {
  description = "Batch job queue the trigger submits to."
  type        = string
}

variable "job_queue_name" {
  description = "Name of that queue (what the function is configured with)."
  type        = string
}

variable "job_definition_name" {
  description = "Batch job definition name; submitting by name runs its latest active revision."
  type        = string
}

variable "job_name" {
  description = "Name given to every training job; the trigger skips submitting while a job of this name is active."
  type        = string
  default     = "assocrec-retrain"
}

variable "runtime_kind" {
  description = "\"jvm\" or \"native\" build of the trigger function."
  type        = string
  default     = "jvm"
}

variable "jvm_zip_path" {
  description = "JVM deployment package of functions/retrain-trigger."
  type        = string
}

variable "native_zip_path" {
  description = "Native deployment package of functions/retrain-trigger."
  type        = string
  default     = null
}

variable "alarm_topic_arn" {
  description = "SNS topic that alarms notify, or null."
  type        = string
  default     = null
}
