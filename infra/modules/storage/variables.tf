variable "bucket_name" {
  description = "Name of the data bucket that holds behaviour events, the catalogue and the model store."
  type        = string
}

variable "force_destroy" {
  description = "Allow `terraform destroy` to delete a non-empty bucket (all events and models are lost). Keep false outside throwaway stacks."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for server-side encryption. Null uses SSE-S3 (AES256), which needs no key policy."
  type        = string
  default     = null
}

variable "models_prefix" {
  description = "Prefix of the model store (versions and the `current` pointer), fixed by the artifact contract."
  type        = string
  default     = "models/"
}

variable "events_prefix" {
  description = "Prefix where new behaviour event files land."
  type        = string
  default     = "events/"
}

variable "model_noncurrent_days" {
  description = "Days after which overwritten or deleted objects under the models prefix (old `current` pointers, replaced files) are removed."
  type        = number
  default     = 30
}

variable "model_noncurrent_keep" {
  description = "Overwritten object versions under the models prefix kept regardless of age (the last pointers, for audit)."
  type        = number
  default     = 5
}

variable "model_infrequent_access_days" {
  description = "Days after which model version files move to STANDARD_IA. They stay instantly readable, so rollback and serving are unaffected."
  type        = number
  default     = 30
}

variable "model_expiration_days" {
  description = "Days after which model version files are deleted outright. Null keeps them. Lifecycle rules cannot see the `current` pointer, so only set this far above the retraining interval."
  type        = number
  default     = null
}

variable "events_window_days" {
  description = "Days of events a training run reads (0: all). Event files move to events_archive_storage_class only the day after they leave this window."
  type        = number
  default     = 90
}

variable "events_archive_storage_class" {
  description = "Storage class of event files older than the training window (instantly readable, for a retraining over a longer history by hand)."
  type        = string
  default     = "GLACIER_IR"
}

variable "events_expiration_days" {
  description = "Delete event files this many days after upload; null keeps them."
  type        = number
  default     = null
}

variable "pointer_writer_arns" {
  description = "IAM role ARNs that may write or delete models/current (the training job's role, operators who roll back); empty puts no guard."
  type        = list(string)
  default     = []
}

variable "record_pointer_writes" {
  description = "Record every write and delete of models/current (who, when, from where) with a CloudTrail trail."
  type        = bool
  default     = true
}

variable "audit_prefix" {
  description = "Prefix of the bucket where the pointer trail delivers its log files."
  type        = string
  default     = "audit/"
}
