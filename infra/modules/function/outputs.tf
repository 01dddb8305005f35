output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "alias_arn" {
  description = "ARN of the `live` alias (the published version that callers invoke)."
  value       = aws_lambda_alias.live.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the `live` alias, for API Gateway integrations."
  value       = aws_lambda_alias.live.invoke_arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "alias_name" {
  description = "Name of the alias callers invoke."
  value       = aws_lambda_alias.live.name
}

output "runtime" {
  description = "The Lambda runtime the function runs on."
  value       = aws_lambda_function.this.runtime
}

output "architectures" {
  description = "The instruction set the function is pinned to."
  value       = aws_lambda_function.this.architectures
}

output "environment" {
  description = "The function's environment variables as deployed (the caller's plus JAVA_TOOL_OPTIONS)."
  value       = aws_lambda_function.this.environment[0].variables
}
