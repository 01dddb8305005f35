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

variable "recommend_jvm_runtime" {
  description = "How the JVM build of the serving function runs: \"custom\" (provided.al2023: the zip's bootstrap starts the JVM it ships, with the AppCDS archive written by that JVM at build time; no SnapStart) or \"managed\" (AWS's Java runtime, with recommend_snap_start). functions/recommend/README.md \"Cold start\"."
  type        = string
  default     = "custom"

  validation {
    condition     = contains(["custom", "managed"], var.recommend_jvm_runtime)
    error_message = "recommend_jvm_runtime must be \"custom\" or \"managed\"."
  }
}

variable "recommend_architecture" {
  description = "Instruction set of the serving function. With recommend_jvm_runtime = \"custom\" the zip ships a JVM for the machine that built it: build on x86_64 for x86_64 (the default), on arm64 for arm64 (functions/recommend/README.md \"Packaging\")."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.recommend_architecture)
    error_message = "recommend_architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "recommend_snap_start" {
  description = "SnapStart on the JVM serving function on the managed runtime (recommend_jvm_runtime = \"managed\": cold starts restore a snapshot that already holds the model). AWS allows it only with recommend_tmp_mb = 512."
  type        = bool
  default     = true
}

variable "recommend_tmp_mb" {
  description = "Size of the serving function's /tmp in MB (512-10240): room for two model versions, the serving one and the next (infra/README.md \"Serving function: SnapStart or a larger /tmp\"). Above 512 needs recommend_snap_start = false."
  type        = number
  default     = 512

  validation {
    condition     = var.recommend_tmp_mb >= 512 && var.recommend_tmp_mb <= 10240
    error_message = "recommend_tmp_mb must be between 512 and 10240."
  }
  validation {
    # AWS rejects SnapStart on a function with more than 512 MB of ephemeral storage.
    condition     = var.recommend_tmp_mb <= 512 || !var.recommend_snap_start || var.function_runtime != "jvm" || var.recommend_jvm_runtime != "managed"
    error_message = "recommend_tmp_mb above 512 needs recommend_snap_start = false: AWS allows SnapStart only with 512 MB of /tmp."
  }
}

variable "recommend_coarse_kernel" {
  description = "The serving function's Java int8 coarse-pass kernel (its ASSOCREC_SCORING_COARSE_KERNEL): \"auto\" builds both kernels and times them at every model load (for models of 256 dims or more, and catalogues of at least 32 MiB at int8 such as 524,288 items at 64 dims, the 4-bit fast scan too), \"java\", \"onnx\" or \"fastscan\" builds only that one and times nothing (a shorter load; functions/recommend/README.md \"Configuration\": pin the one auto chooses on your model, named in the load's log line)."
  type        = string
  default     = "auto"

  validation {
    condition     = contains(["auto", "java", "onnx", "fastscan"], var.recommend_coarse_kernel)
    error_message = "recommend_coarse_kernel must be \"auto\", \"java\", \"onnx\" or \"fastscan\"."
  }
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

variable "training_image" {
  description = "Training image the job definition runs, in the stack's ECR repository: its digest (sha256:…, from `docker push` or `aws ecr describe-images`) or an immutable tag such as the git commit. The repository refuses to overwrite a tag."
  type        = string

  validation {
    condition     = can(regex("^(sha256:[0-9a-f]{64}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$", var.training_image)) && var.training_image != "latest"
    error_message = "training_image must be an image digest (sha256:<64 hex digits>) or an immutable tag other than \"latest\", e.g. the git commit the image was built from."
  }
}

variable "training_events_window_days" {
  description = "Days of events a training run reads: event files modified within that many days (0: all). Older event files move to Glacier Instant Retrieval the day after they leave the window."
  type        = number
  default     = 90

  validation {
    condition     = var.training_events_window_days >= 0 && floor(var.training_events_window_days) == var.training_events_window_days
    error_message = "training_events_window_days must be a whole number of days, 0 (all events) or more."
  }
}

variable "events_expiration_days" {
  description = "Delete event files this many days after upload; null keeps them. Must exceed training_events_window_days, so that training never loses events inside its window."
  type        = number
  default     = null

  validation {
    condition     = var.events_expiration_days == null ? true : (var.training_events_window_days == 0 ? var.events_expiration_days > 0 : var.events_expiration_days > var.training_events_window_days)
    error_message = "events_expiration_days must be greater than training_events_window_days (or null to keep events)."
  }
}

variable "training_runnable_timeout_seconds" {
  description = "A training job blocked in RUNNABLE this many seconds (no capacity, the vCPU limit, or a resource requirement no instance type meets) is cancelled, which frees the queue for the next trigger (600-86400). A blocked job notifies at once."
  type        = number
  default     = 7200

  validation {
    condition     = var.training_runnable_timeout_seconds >= 600 && var.training_runnable_timeout_seconds <= 86400
    error_message = "training_runnable_timeout_seconds must be between 600 (10 minutes) and 86400 (a day): Batch's limits."
  }
}

variable "training_instance_types" {
  description = "GPU instance types for training (8 vCPUs, 32 GiB: the job asks for both; training/README.md)."
  type        = list(string)
  default     = ["g5.2xlarge", "g6.2xlarge"]
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
  description = "Subnets for training instances (they need a route to S3, ECR and CloudWatch); empty uses the default VPC's."
  type        = list(string)
  default     = []
}

variable "training_security_group_ids" {
  description = "Security groups for training instances; empty creates an egress-only group in the subnets' VPC."
  type        = list(string)
  default     = []
}

variable "retrain_schedule" {
  description = "Schedule of periodic retraining (EventBridge expression); null disables it."
  type        = string
  default     = "cron(0 3 * * ? *)"
}

variable "pointer_writer_arns" {
  description = "IAM role ARNs besides the training job's that may move models/current (operators who run `rollback`/`unpin`). The bucket policy denies it to everyone else."
  type        = list(string)
  default     = []
}

variable "record_pointer_writes" {
  description = "Record who wrote or deleted models/current, when and from where (CloudTrail data events of that one key, delivered under audit/ in the bucket)."
  type        = bool
  default     = true
}

variable "alarm_email" {
  description = "E-mail address subscribed to alarms (confirm the subscription mail); null subscribes nobody."
  type        = string
  default     = null
}

# --- Retraining trigger (modules/retrain_trigger; infra/README.md "Retraining trigger") ---

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
