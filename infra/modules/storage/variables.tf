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

variable "event_infrequent_access_days" {
  description = "Days after which event files move to STANDARD_IA."
  type        = number
  default     = 90
}
