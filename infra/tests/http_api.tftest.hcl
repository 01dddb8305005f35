# The API's planned access log and authoriser.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  name       = "assocrec-api"
  functions  = { recommend = { alias_arn = "arn:aws:lambda:eu-west-1:123456789012:function:assocrec-recommend:live", alias_invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:assocrec-recommend:live/invocations" } }
  routes     = { "POST /recommend" = "recommend" }
  authorizer = "JWT"
  jwt_issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
}

run "access_log_names_the_caller" {
  command = plan

  module {
    source = "./modules/http_api"
  }

  assert {
    condition = alltrue([for field, value in {
      sourceIp = "$context.identity.sourceIp"
      caller   = "$context.identity.userArn"
      jwtSub   = "$context.authorizer.claims.sub"
    } : jsondecode(aws_apigatewayv2_stage.default.access_log_settings[0].format)[field] == value])
    error_message = "each access log line must carry the source IP and the caller (IAM ARN or JWT subject)"
  }
  assert {
    condition     = aws_apigatewayv2_route.this["POST /recommend"].authorization_type == "JWT"
    error_message = "routes must use the JWT authoriser when it is chosen"
  }
}
