# The GPU training job: image repository, a Batch compute environment of GPU instances that scales
# to zero, one queue, and the job definition the retraining trigger submits.

locals {
  alarm_calls = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
  subnet_ids  = length(var.subnet_ids) > 0 ? var.subnet_ids : data.aws_subnets.default[0].ids
  sg_ids      = length(var.security_group_ids) > 0 ? var.security_group_ids : [aws_security_group.egress_only[0].id]
  log_group   = "/aws/batch/${var.name}"
}

data "aws_vpc" "default" {
  count   = length(var.subnet_ids) > 0 ? 0 : 1
  default = true
}

data "aws_subnets" "default" {
  count = length(var.subnet_ids) > 0 ? 0 : 1
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default[0].id]
  }
}

resource "aws_security_group" "egress_only" {
  count       = length(var.security_group_ids) > 0 ? 0 : 1
  name        = "${var.name}-batch"
  description = "Training instances: no inbound, outbound to S3, ECR and CloudWatch"
  vpc_id      = length(var.subnet_ids) > 0 ? null : data.aws_vpc.default[0].id

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecr_repository" "training" {
  name                 = var.name
  image_tag_mutability = "MUTABLE"
  force_delete         = var.force_delete_images

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "training" {
  repository = aws_ecr_repository.training.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 10 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 10 }
      action       = { type = "expire" }
    }]
  })
}

# --- Roles: the instances and the job (data access only). ---

# The instances are assumed by EC2 (ECS agent, image pull, log driver); the job by ECS tasks.
data "aws_iam_policy_document" "assume" {
  for_each = { instance = "ec2.amazonaws.com", job = "ecs-tasks.amazonaws.com" }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.value]
    }
  }
}

resource "aws_iam_role" "instance" {
  name               = "${var.name}-instance"
  assume_role_policy = data.aws_iam_policy_document.assume["instance"].json
}

resource "aws_iam_role_policy_attachment" "instance_ecs" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "instance" {
  name = "${var.name}-instance"
  role = aws_iam_role.instance.name
}

resource "aws_iam_role" "job" {
  name               = "${var.name}-job"
  assume_role_policy = data.aws_iam_policy_document.assume["job"].json
}

resource "aws_iam_role_policy" "job_data" {
  name   = "data-access"
  role   = aws_iam_role.job.id
  policy = var.training_policy_json
}

# --- Batch ---

resource "aws_batch_compute_environment" "gpu" {
  compute_environment_name_prefix = "${var.name}-gpu-"
  type                            = "MANAGED"

  compute_resources {
    type                = var.use_spot ? "SPOT" : "EC2"
    allocation_strategy = var.use_spot ? "SPOT_PRICE_CAPACITY_OPTIMIZED" : "BEST_FIT_PROGRESSIVE"
    instance_type       = var.instance_types
    min_vcpus           = 0
    max_vcpus           = var.max_vcpus
    subnets             = local.subnet_ids
    security_group_ids  = local.sg_ids
    instance_role       = aws_iam_instance_profile.instance.arn

    # The ECS-optimised GPU AMI: NVIDIA driver and container toolkit preinstalled.
    ec2_configuration {
      image_type = "ECS_AL2_NVIDIA"
    }
  }

  # Without the instance role's policy the environment cannot be deleted cleanly (stuck in DELETING).
  depends_on = [aws_iam_role_policy_attachment.instance_ecs]

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "training" {
  name     = "${var.name}-queue"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.gpu.arn
  }
}

resource "aws_cloudwatch_log_group" "training" {
  name              = local.log_group
  retention_in_days = var.log_retention_days
}

resource "aws_batch_job_definition" "training" {
  name                  = "${var.name}-train"
  type                  = "container"
  platform_capabilities = ["EC2"]
  propagate_tags        = true

  # Exit 2 (bad input) will fail the same way again: stop. A lost Spot/EC2 host is retried.
  retry_strategy {
    attempts = 2
    evaluate_on_exit {
      on_status_reason = "Host EC2*"
      action           = "RETRY"
    }
    evaluate_on_exit {
      on_exit_code = "*"
      action       = "EXIT"
    }
  }

  timeout {
    attempt_duration_seconds = var.job_timeout_seconds
  }

  container_properties = jsonencode({
    image      = "${aws_ecr_repository.training.repository_url}:${var.image_tag}"
    jobRoleArn = aws_iam_role.job.arn
    resourceRequirements = [
      { type = "GPU", value = tostring(var.job_gpus) },
      { type = "VCPU", value = tostring(var.job_vcpus) },
      { type = "MEMORY", value = tostring(var.job_memory_mb) },
    ]
    environment = concat([
      { name = "ASSOCREC_EVENTS", value = "s3://${var.bucket_name}/${var.events_prefix}" },
      { name = "ASSOCREC_CATALOG", value = "s3://${var.bucket_name}/${var.catalog_key}" },
      { name = "ASSOCREC_STORE", value = "s3://${var.bucket_name}" },
      ], [for k, v in var.hyperparameters : { name = "ASSOCREC_HP_${upper(replace(k, "-", "_"))}", value = v }]
    )
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = local.log_group
        awslogs-stream-prefix = "train"
      }
    }
  })
}

# --- Failure visibility: a failed job leaves the old model serving, and says so here. ---

resource "aws_cloudwatch_event_rule" "job_failed" {
  name        = "${var.name}-job-failed"
  description = "A training job ended in FAILED; the current model keeps serving."
  event_pattern = jsonencode({
    source        = ["aws.batch"]
    "detail-type" = ["Batch Job State Change"]
    detail = {
      status   = ["FAILED"]
      jobQueue = [aws_batch_job_queue.training.arn]
    }
  })
}

resource "aws_cloudwatch_event_target" "job_failed" {
  count     = var.alarm_topic_arn == null ? 0 : 1
  rule      = aws_cloudwatch_event_rule.job_failed.name
  target_id = "notify"
  arn       = var.alarm_topic_arn
}

# The entry point logs "assocrec-train: FAILED step=<step> exit=<code>" as its last line on failure.
resource "aws_cloudwatch_log_metric_filter" "failed" {
  name           = "${var.name}-failed"
  log_group_name = aws_cloudwatch_log_group.training.name
  pattern        = "\"assocrec-train: FAILED\""

  metric_transformation {
    name      = "TrainingFailures"
    namespace = "assocrec"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "failed" {
  alarm_name          = "${var.name}-failed"
  alarm_description   = "A training run failed (see ${local.log_group}); the previous model is still serving."
  namespace           = "assocrec"
  metric_name         = "TrainingFailures"
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_calls
  ok_actions          = local.alarm_calls
}
