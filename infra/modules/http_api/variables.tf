variable "name" {
  description = "Name of the HTTP API."
  type        = string
}

variable "routes" {
  description = "Route key (\"METHOD /path\") to the name of the function that serves it. Funqy serves each function at /<function-name>, so a catch-all route is the robust default."
  type        = map(string)
}

variable "functions" {
  description = "Function name to the ARN and invoke ARN of the alias that API Gateway calls."
  type = map(object({
    alias_arn        = string
    alias_invoke_arn = string
  }))
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second allowed across all routes of the stage."
  type        = number
  default     = 100
}

variable "throttling_burst_limit" {
  description = "Burst of requests allowed above the steady rate."
  type        = number
  default     = 200
}

variable "authorizer" {
  description = "Who may call the API: \"NONE\", \"IAM\" (SigV4-signed callers with execute-api:Invoke) or \"JWT\" (bearer tokens from jwt_issuer)."
  type        = string
  default     = "IAM"

  validation {
    condition     = contains(["NONE", "IAM", "JWT"], var.authorizer)
    error_message = "authorizer must be NONE, IAM or JWT."
  }
}

variable "jwt_issuer" {
  description = "Issuer URL of the JWT authoriser (e.g. a Cognito user pool URL). Required when authorizer is JWT."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "Accepted audiences (client ids) of the JWT authoriser."
  type        = list(string)
  default     = []
}

variable "cors_allow_origins" {
  description = "Origins allowed by CORS; empty disables CORS."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the access log group."
  type        = number
  default     = 30
}

variable "alarm_topic_arn" {
  description = "SNS topic that alarms notify, or null."
  type        = string
  default     = null
}
