variable "bucket_arn" {
  description = "ARN of the data bucket."
  type        = string
}

variable "models_prefix" {
  description = "Prefix of the model store (versions and the `current` pointer)."
  type        = string
  default     = "models/"
}

variable "events_prefix" {
  description = "Prefix the training job reads behaviour events from."
  type        = string
  default     = "events/"
}

variable "catalog_prefix" {
  description = "Prefix the training job reads the item catalogue from."
  type        = string
  default     = "catalog/"
}

variable "reports_prefix" {
  description = "Prefix the training job uploads its evaluation reports to (report.json, report.md, curve.svg)."
  type        = string
  default     = "reports/"
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the bucket, or null for SSE-S3 (then no KMS permission is granted)."
  type        = string
  default     = null
}
