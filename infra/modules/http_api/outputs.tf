output "api_url" {
  description = "Base URL of the API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "api_id" {
  description = "Id of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "execution_arn" {
  description = "Execution ARN, for execute-api:Invoke grants when the authoriser is IAM."
  value       = aws_apigatewayv2_api.this.execution_arn
}
