# One Quarkus function, deployable from its JVM zip or its native zip. Callers invoke the `live`
# alias: SnapStart snapshots are taken of published versions only, never of $LATEST.

locals {
  # "jvm": the JVM zip on a managed Java runtime; "custom": the same zip's bootstrap on provided.al2023, starting
  # the JVM it ships with its AppCDS archive (functions/recommend README "Packaging"); "native": a -Dnative zip.
  managed     = var.runtime_kind == "jvm"
  jvm         = var.runtime_kind != "native"
  snap_start  = local.managed && var.snap_start
  zip_path    = local.jvm ? var.jvm_zip_path : var.native_zip_path
  runtime     = local.managed ? var.jvm_runtime : "provided.al2023"
  handler     = local.managed ? var.handler : "not.used.in.provided.runtime"
  alarm_calls = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  # The Vector API module turns on the serving function's Java int8 coarse pass (C2 only; the load warms it up
  # before the SnapStart snapshot). The "=" form: JAVA_TOOL_OPTIONS does not take "--add-modules <module>".
  # C1-only compilation, without SnapStart only: measured 3.8 s -> 2.5 s from process start to the first answer
  # (100k items), but steady-state requests ~1.7x slower (no C2, so no Java coarse pass either), which a SnapStart
  # snapshot would keep for the sandbox's whole life while saving little (the snapshot is warm).
  jvm_options = concat(var.vector_api ? ["--add-modules=jdk.incubator.vector"] : [],
  local.snap_start ? [] : ["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"])
  # Lambda takes at most 50 MB zipped in the call itself; a larger zip (up to 250 MB unzipped) goes through S3.
  code_key = var.code_bucket == null ? null : "lambda-code/${var.name}/${filesha256(local.zip_path)}.zip"
}

resource "aws_s3_object" "code" {
  count       = var.code_bucket == null ? 0 : 1
  bucket      = var.code_bucket
  key         = local.code_key
  source      = local.zip_path
  source_hash = filemd5(local.zip_path)
}

resource "aws_iam_role" "this" {
  name = "${var.name}-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role_policy" "logs" {
  name = "write-own-logs"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.this.arn}:*"
    }]
  })
}

# Counted on a plan-time boolean: the policy text itself is unknown until the bucket exists.
resource "aws_iam_role_policy" "data" {
  count  = var.attach_policy ? 1 : 0
  name   = "data-access"
  role   = aws_iam_role.this.id
  policy = var.policy_json

  lifecycle {
    precondition {
      condition     = var.policy_json != null
      error_message = "attach_policy = true needs policy_json."
    }
  }
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  description      = var.description
  role             = aws_iam_role.this.arn
  filename         = var.code_bucket == null ? local.zip_path : null
  s3_bucket        = var.code_bucket
  s3_key           = var.code_bucket == null ? null : aws_s3_object.code[0].key
  source_code_hash = filebase64sha256(local.zip_path)
  runtime          = local.runtime
  handler          = local.handler
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds
  publish          = true

  ephemeral_storage {
    size = var.ephemeral_storage_mb
  }

  reserved_concurrent_executions = var.reserved_concurrency

  dynamic "snap_start" {
    for_each = local.snap_start ? ["on"] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = merge(var.environment, local.jvm ? { JAVA_TOOL_OPTIONS = join(" ", local.jvm_options) } : {})
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  depends_on = [aws_iam_role_policy.logs]

  lifecycle {
    precondition {
      condition     = !local.snap_start || var.ephemeral_storage_mb <= 512
      error_message = "${var.name}: AWS allows SnapStart only with 512 MB of ephemeral storage; turn SnapStart off or keep /tmp at 512 MB."
    }
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.name}-errors"
  alarm_description   = "The ${var.name} function returned errors."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_calls
  ok_actions          = local.alarm_calls
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  count               = var.alarm_on_throttles ? 1 : 0
  alarm_name          = "${var.name}-throttles"
  alarm_description   = "Calls to ${var.name} were throttled."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_calls
}
