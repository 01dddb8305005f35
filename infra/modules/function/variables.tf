variable "name" {
  description = "Function name."
  type        = string
}

variable "description" {
  description = "Function description."
  type        = string
  default     = ""
}

variable "runtime_kind" {
  description = "Which build to deploy: \"jvm\" (target/function.zip on a managed Java runtime, SnapStart), \"custom\" (the same zip's bootstrap on provided.al2023: the JVM it ships and its AppCDS archive, no SnapStart) or \"native\" (the -Dnative build's zip with its bootstrap on provided.al2023)."
  type        = string
  default     = "jvm"

  validation {
    condition     = contains(["jvm", "custom", "native"], var.runtime_kind)
    error_message = "runtime_kind must be \"jvm\", \"custom\" or \"native\"."
  }
}

variable "jvm_zip_path" {
  description = "Path of the JVM deployment package (Quarkus target/function.zip)."
  type        = string
}

variable "native_zip_path" {
  description = "Path of the native deployment package (the zip of a -Dnative build). Only read when runtime_kind is \"native\"."
  type        = string
  default     = null
}

variable "jvm_runtime" {
  description = "Managed Java runtime for the JVM build."
  type        = string
  default     = "java21"
}

variable "handler" {
  description = "Handler of the JVM build. Quarkus routes every Lambda entry through its stream handler."
  type        = string
  default     = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
}

variable "architecture" {
  description = "Instruction set: x86_64 or arm64. A native zip, and a JVM zip run as \"custom\" (it ships a JVM), must have been built on it."
  type        = string
  default     = "x86_64"
}

variable "memory_mb" {
  description = "Memory in MB; CPU share grows with it."
  type        = number
  default     = 1024
}

variable "ephemeral_storage_mb" {
  description = "Size of /tmp in MB (512-10240); the serving function caches model versions there."
  type        = number
  default     = 512
}

variable "timeout_seconds" {
  description = "Invocation timeout in seconds."
  type        = number
  default     = 15
}

variable "snap_start" {
  description = "Enable SnapStart on the JVM build on a managed runtime (custom and native runtimes have none)."
  type        = bool
  default     = true
}

variable "vector_api" {
  description = "JVM build: start the JVM with the Vector API module (JAVA_TOOL_OPTIONS --add-modules=jdk.incubator.vector), which the recommend function uses for its int8 coarse pass under C2."
  type        = bool
  default     = true
}

variable "environment" {
  description = "Environment variables of the function."
  type        = map(string)
  default     = {}
}

variable "policy_json" {
  description = "The function's only data permission (an IAM policy document), besides writing its own logs."
  type        = string
  default     = null
}

variable "attach_policy" {
  description = "Attach policy_json to the function's role. A plan-time switch, because the policy text is only known once the resources it names exist."
  type        = bool
  default     = true
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  type        = number
  default     = -1
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 30
}

variable "alarm_topic_arn" {
  description = "SNS topic that alarms notify, or null for alarms without actions."
  type        = string
  default     = null
}

variable "alarm_on_throttles" {
  description = "Raise an alarm when calls are throttled. Off for functions throttled on purpose (reserved concurrency 1)."
  type        = bool
  default     = true
}

variable "code_bucket" {
  description = "Bucket the zip is uploaded to (lambda-code/<name>/<sha256>.zip) and deployed from; null uploads it in the call, which Lambda allows up to 50 MB zipped."
  type        = string
  default     = null
}
