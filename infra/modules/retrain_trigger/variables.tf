variable "name" {
  description = "Prefix of the trigger's resources; also the Stack dimension of its model-age metric."
  type        = string
}

variable "bucket_name" {
  description = "Data bucket whose new event files start a retraining and whose models/current is watched."
  type        = string
}

variable "events_prefix" {
  description = "Only objects created under this prefix start a retraining."
  type        = string
  default     = "events/"
}

variable "current_key" {
  description = "Key of the serving pointer whose age the stale-model alarm watches."
  type        = string
  default     = "models/current"
}

variable "schedule_expression" {
  description = "EventBridge schedule of periodic retraining (unless a job is active). Null disables it."
  type        = string
  default     = "cron(0 3 * * ? *)"
}

variable "quiet_period_minutes" {
  description = "Minutes without a new event file before training starts: a burst of uploads starts one job when it stops."
  type        = number
  default     = 15

  validation {
    condition     = var.quiet_period_minutes >= 1 && floor(var.quiet_period_minutes) == var.quiet_period_minutes
    error_message = "quiet_period_minutes must be a whole number of minutes, at least 1."
  }
}

variable "stale_model_hours" {
  description = "The model-stale alarm fires when models/current is older than this many hours for 3 hourly checks in a row."
  type        = number
  default     = 72
}

variable "max_event_age_seconds" {
  description = "How long an event may wait for the trigger (throttled behind the one running invocation, or between retries) before it goes to the dead-letter queue (60-21600)."
  type        = number
  default     = 21600

  validation {
    condition     = var.max_event_age_seconds >= 60 && var.max_event_age_seconds <= 21600
    error_message = "max_event_age_seconds must be between 60 and 21600 (Lambda's limits)."
  }
}

variable "job_queue_arn" {
  description = "Batch job queue the state machine submits to."
  type        = string
}

variable "job_queue_name" {
  description = "Name of that queue (the trigger lists its jobs)."
  type        = string
}

variable "job_definition_name" {
  description = "Batch job definition name; submitting by name runs its latest active revision."
  type        = string
}

variable "job_name" {
  description = "Name given to every training job; the trigger starts none while a job of this name is active."
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
