# HTTP API (payload 2.0, the format Quarkus' Lambda HTTP adapter expects) in front of the functions.

locals {
  authorization_type = { NONE = "NONE", IAM = "AWS_IAM", JWT = "JWT" }[var.authorizer]
  alarm_calls        = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"

  dynamic "cors_configuration" {
    for_each = length(var.cors_allow_origins) == 0 ? [] : ["on"]
    content {
      allow_origins = var.cors_allow_origins
      allow_methods = ["GET", "POST", "OPTIONS"]
      allow_headers = ["authorization", "content-type"]
    }
  }
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  count            = var.authorizer == "JWT" ? 1 : 0
  api_id           = aws_apigatewayv2_api.this.id
  name             = "${var.name}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audience
  }

  lifecycle {
    precondition {
      condition     = var.jwt_issuer != null
      error_message = "authorizer = \"JWT\" needs jwt_issuer."
    }
  }
}

resource "aws_apigatewayv2_integration" "function" {
  for_each               = var.functions
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = each.value.alias_invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "this" {
  for_each           = var.routes
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.function[each.value].id}"
  authorization_type = local.authorization_type
  authorizer_id      = var.authorizer == "JWT" ? aws_apigatewayv2_authorizer.jwt[0].id : null
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    # Who called from where: the IAM caller (SigV4) or the token's subject (JWT); "-" when not used.
    format = jsonencode({
      requestId = "$context.requestId"
      sourceIp  = "$context.identity.sourceIp"
      userAgent = "$context.identity.userAgent"
      caller    = "$context.identity.userArn"
      jwtSub    = "$context.authorizer.claims.sub"
      route     = "$context.routeKey"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      error     = "$context.integrationErrorMessage"
    })
  }
}

resource "aws_lambda_permission" "api" {
  for_each      = var.functions
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = each.value.alias_arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}

resource "aws_cloudwatch_metric_alarm" "server_errors" {
  alarm_name          = "${var.name}-5xx"
  alarm_description   = "The API answered with server errors."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.this.id, Stage = aws_apigatewayv2_stage.default.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_calls
  ok_actions          = local.alarm_calls
}
