variable "name" {
  description = "Name prefix of every resource; also the `project` tag."
  type        = string
  default     = "assocrec"
}

variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "eu-west-1"
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "bucket_name" {
  description = "Globally unique name of the data bucket (events/, catalog/, models/)."
  type        = string
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the bucket with all events and models, and the training image repository with its images. Only for throwaway stacks."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the bucket; null uses SSE-S3."
  type        = string
  default     = null
}

variable "events_prefix" {
  description = "Prefix where behaviour event files land; new objects here start a retraining."
  type        = string
  default     = "events/"
}

variable "catalog_key" {
  description = "Key of the item catalogue in the bucket (read by training); it sits in its own folder, which training may read."
  type        = string
  default     = "catalog/catalog.csv"

  validation {
    condition     = can(regex("^[^/]+/.+[^/]$", var.catalog_key))
    error_message = "catalog_key must be a file inside a folder, e.g. catalog/catalog.csv."
  }
}

variable "model_noncurrent_days" {
  description = "Days before overwritten objects under models/ (old `current` pointers) expire."
  type        = number
  default     = 30
}

variable "model_expiration_days" {
  description = "Delete model versions older than this many days; null keeps them. Must be far above the retraining interval."
  type        = number
  default     = null
}

variable "function_runtime" {
  description = "Which build of the functions to deploy: \"jvm\" (function.zip, SnapStart) or \"native\"."
  type        = string
  default     = "jvm"
}

variable "recommend_jvm_zip" {
  description = "JVM package of the serving function."
  type        = string
  default     = "../functions/recommend/target/function.zip"
}

variable "recommend_native_zip" {
  description = "Native package of the serving function (a -Dnative build's function.zip, copied aside)."
  type        = string
  default     = "../functions/recommend/target/native/function.zip"
}

variable "recommend_memory_mb" {
  description = "Memory of the serving function (the model's tables live in it)."
  type        = number
  default     = 2048
}

variable "recommend_tmp_mb" {
  description = "Size of the serving function's /tmp in MB: room for two model versions (the serving one and the next)."
  type        = number
  default     = 2048
}

variable "recommend_timeout_seconds" {
  description = "Timeout of one recommendation call (the first call after a swap loads the model)."
  type        = number
  default     = 20
}

variable "model_poll_seconds" {
  description = "How often the serving function checks the `current` pointer for a new version (its ASSOCREC_MODEL_CHECK_INTERVAL)."
  type        = number
  default     = 60
}

variable "trigger_jvm_zip" {
  description = "JVM package of the retraining trigger."
  type        = string
  default     = "../functions/retrain-trigger/target/function.zip"
}

variable "trigger_native_zip" {
  description = "Native package of the retraining trigger."
  type        = string
  default     = "../functions/retrain-trigger/target/native/function.zip"
}

variable "api_routes" {
  description = "Routes of the HTTP API, all served by the recommend function (Funqy serves each function at /<name>). Paths not listed get 404 from API Gateway without invoking Lambda; [\"ANY /{proxy+}\"] forwards everything."
  type        = list(string)
  default     = ["POST /recommend", "POST /related", "GET /model"]
}

variable "api_authorizer" {
  description = "API authoriser: \"IAM\" (SigV4), \"JWT\" or \"NONE\"."
  type        = string
  default     = "IAM"
}

variable "jwt_issuer" {
  description = "JWT issuer URL when api_authorizer is JWT."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "Accepted JWT audiences when api_authorizer is JWT."
  type        = list(string)
  default     = []
}

variable "api_rate_limit" {
  description = "Steady requests per second across the API."
  type        = number
  default     = 100
}

variable "api_burst_limit" {
  description = "Request burst across the API."
  type        = number
  default     = 200
}

variable "training_image_tag" {
  description = "Tag of the training image the job definition runs."
  type        = string
  default     = "latest"
}

variable "training_instance_types" {
  description = "GPU instance types for training."
  type        = list(string)
  default     = ["g4dn.xlarge", "g5.xlarge"]
}

variable "training_use_spot" {
  description = "Train on Spot instances."
  type        = bool
  default     = false
}

variable "training_max_vcpus" {
  description = "Maximum vCPUs of the training compute environment."
  type        = number
  default     = 8
}

variable "training_hyperparameters" {
  description = "Hyper-parameters of `train` by option name; the container passes each as --<name> <value>."
  type        = map(string)
  default     = {}
}

variable "training_subnet_ids" {
  description = "Subnets for training instances; empty uses the default VPC."
  type        = list(string)
  default     = []
}

variable "training_security_group_ids" {
  description = "Security groups for training instances; empty creates an egress-only group."
  type        = list(string)
  default     = []
}

variable "retrain_schedule" {
  description = "Schedule of periodic retraining (EventBridge expression); null disables it."
  type        = string
  default     = "cron(0 3 * * ? *)"
}

variable "alarm_email" {
  description = "E-mail address subscribed to alarms (confirm the subscription mail); null subscribes nobody."
  type        = string
  default     = null
}

# --- Retraining trigger (modules/retrain_trigger; infra/RETRAIN-TRIGGER.md) ---

variable "retrain_quiet_minutes" {
  description = "Minutes without a new event file under events_prefix before a training job starts; a burst of uploads starts one job when it stops."
  type        = number
  default     = 15
}

variable "model_stale_hours" {
  description = "The model-stale alarm fires when models/current has not moved for this many hours (3 hourly checks in a row), or when the hourly check stops reporting."
  type        = number
  default     = 72
}
