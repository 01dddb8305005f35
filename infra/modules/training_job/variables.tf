variable "name" {
  description = "Prefix of the training resources (repository, compute environment, queue, job definition)."
  type        = string
}

variable "bucket_name" {
  description = "Data bucket: the job reads events and catalogue from it and publishes models to it."
  type        = string
}

variable "events_prefix" {
  description = "Prefix of the behaviour event files."
  type        = string
  default     = "events/"
}

variable "catalog_key" {
  description = "Key of the item catalogue file."
  type        = string
  default     = "catalog/catalog.csv"
}

variable "training_policy_json" {
  description = "The job role's data permission (read inputs, write models)."
  type        = string
}

variable "image" {
  description = "The training image in the module's repository: an image digest (sha256:...) or a tag, which the immutable repository never moves."
  type        = string
}

variable "events_window_days" {
  description = "Days of events a run trains on (files modified within that many days); 0 reads all. Passed as ASSOCREC_EVENTS_WINDOW_DAYS."
  type        = number
  default     = 90
}

variable "runnable_timeout_seconds" {
  description = "A job blocked in RUNNABLE this many seconds for lack of capacity, the environment's vCPU limit or a resource requirement no instance type meets is cancelled (600-86400)."
  type        = number
  default     = 7200
}

variable "instance_types" {
  description = "GPU instance types Batch may launch (each needs an NVIDIA GPU; the ECS GPU AMI is used). The defaults have 8 vCPUs, 32 GiB and a 24 GB GPU (training/README.md: host memory grows with the events, GPU memory with the catalogue)."
  type        = list(string)
  default     = ["g5.2xlarge", "g6.2xlarge"]
}

variable "use_spot" {
  description = "Run on Spot capacity (cheaper, may be interrupted; interrupted attempts are retried)."
  type        = bool
  default     = false
}

variable "max_vcpus" {
  description = "Upper bound of vCPUs in the compute environment; it scales to 0 when idle."
  type        = number
  default     = 8
}

variable "job_vcpus" {
  description = "vCPUs of one training job: the ingest (DuckDB) and the graph build use them all; the training steps run on the GPU."
  type        = number
  default     = 8
}

variable "job_memory_mb" {
  description = "Memory of one training job in MiB (below the instance's total: the agent needs some). The host holds the events, histories and graph (training/README.md)."
  type        = number
  default     = 30000
}

variable "job_gpus" {
  description = "GPUs of one training job."
  type        = number
  default     = 1
}

variable "job_timeout_seconds" {
  description = "A job attempt running longer than this is stopped (and counts as failed)."
  type        = number
  default     = 14400
}

variable "hyperparameters" {
  description = "Training hyper-parameters by CLI option name (e.g. epochs, dim); the container gets ASSOCREC_HP_<NAME> and passes --<name> <value> to `train`."
  type        = map(string)
  default     = {}
}

variable "subnet_ids" {
  description = "Subnets of the compute environment; empty uses the default VPC's subnets."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups of the instances; empty creates one that allows outbound traffic only."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the training log group."
  type        = number
  default     = 90
}

variable "alarm_topic_arn" {
  description = "SNS topic that training failure and stuck-job notices and the failure alarm go to."
  type        = string
  nullable    = false
}

variable "force_delete_images" {
  description = "Let `terraform destroy` delete the image repository while it still holds images."
  type        = bool
  default     = false
}
