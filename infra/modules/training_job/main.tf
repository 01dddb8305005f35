# The GPU training job: image repository, a Batch compute environment of GPU instances that scales
# to zero, one queue, and the job definition the retraining trigger submits.

locals {
  assumed_by = { for service in ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"] :
    service => { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = service } }
  }
  custom_subnets = length(var.subnet_ids) > 0
  create_sg      = length(var.security_group_ids) == 0
  subnet_ids     = local.custom_subnets ? var.subnet_ids : data.aws_subnets.default[0].ids
  # A created group must live in the VPC of the subnets the instances start in.
  vpc_id    = local.custom_subnets ? one(data.aws_subnet.first[*].vpc_id) : one(data.aws_vpc.default[*].id)
  sg_ids    = local.create_sg ? [aws_security_group.egress_only[0].id] : var.security_group_ids
  log_group = "/aws/batch/${var.name}"
  # The blocked reasons (a RUNNABLE job's statusReason) for which Batch can cancel a job by itself.
  # The others (MISCONFIGURATION:SERVICE_ROLE_PERMISSIONS, ACTION_REQUIRED, UNDETERMINED) need a person.
  cancellable_blocked_reasons = [
    "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
    "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
    "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
  ]
  image = "${aws_ecr_repository.training.repository_url}${startswith(var.image, "sha256:") ? "@" : ":"}${var.image}"
}

data "aws_vpc" "default" {
  count   = local.custom_subnets ? 0 : 1
  default = true
}

data "aws_subnets" "default" {
  count = local.custom_subnets ? 0 : 1
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default[0].id]
  }
}

data "aws_subnet" "first" {
  count = local.custom_subnets && local.create_sg ? 1 : 0
  id    = var.subnet_ids[0]
}

resource "aws_security_group" "egress_only" {
  count       = local.create_sg ? 1 : 0
  name        = "${var.name}-batch"
  description = "Training instances: no inbound, outbound to S3, ECR and CloudWatch"
  vpc_id      = local.vpc_id

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
  image_tag_mutability = "IMMUTABLE" # a tag names one image forever: job definitions are reproducible
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
resource "aws_iam_role" "instance" {
  name               = "${var.name}-instance"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [local.assumed_by["ec2.amazonaws.com"]] })
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
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [local.assumed_by["ecs-tasks.amazonaws.com"]] })
}

resource "aws_iam_role_policy" "job_data" {
  name   = "data-access"
  role   = aws_iam_role.job.id
  policy = var.training_policy_json
}

# --- Batch ---

# IMDSv2 only, and a hop limit of 1 so that a container (one hop further) cannot reach the instance
# metadata and the instance role's credentials; the job uses its own role through ECS.
resource "aws_launch_template" "instances" {
  name_prefix = "${var.name}-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

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

    # The ECS-optimised Amazon Linux 2023 GPU AMI: NVIDIA driver (580 branch) and container toolkit
    # preinstalled; the CUDA 12.8 image needs driver >= 570 (infra/README.md "GPU instances").
    ec2_configuration {
      image_type = "ECS_AL2023_NVIDIA"
    }

    launch_template {
      launch_template_id = aws_launch_template.instances.id
      version            = aws_launch_template.instances.latest_version
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

  # A job blocked this long in RUNNABLE will not get an instance (no capacity, the environment's
  # vCPU limit, a job larger than any instance type); cancelling it frees the queue for the next
  # trigger, and its FAILED event notifies.
  dynamic "job_state_time_limit_action" {
    for_each = local.cancellable_blocked_reasons
    content {
      state            = "RUNNABLE"
      action           = "CANCEL"
      max_time_seconds = var.runnable_timeout_seconds
      reason           = job_state_time_limit_action.value
    }
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

  # Only a lost host (Spot reclaim, EC2 failure) is retried. Exit 2 (bad input) and 3 (the quality
  # gate held the candidate back) would end the same way again, and exit 1 is left to the next trigger.
  # The first matching entry decides.
  retry_strategy {
    attempts = 2
    evaluate_on_exit {
      on_exit_code = "2"
      action       = "EXIT"
    }
    evaluate_on_exit {
      on_exit_code = "3"
      action       = "EXIT"
    }
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
    image      = local.image
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
      { name = "ASSOCREC_EVENTS_WINDOW_DAYS", value = tostring(var.events_window_days) },
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

# --- Failure visibility: a run that ends without publishing leaves the previous model serving. ---
# Publishing moves `current` last (the report is uploaded before it), so every exit code but 0 means
# `current` did not move: 1 failure, 2 bad input, 3 the quality gate held the candidate back.

locals {
  exit_codes = "1 failure, 2 bad input, 3 the quality gate held the candidate back (stored, not published)"
  notices = {
    job-failed = {
      description = "A training job ended FAILED; the previous model keeps serving."
      detail_type = "Batch Job State Change"
      detail      = { status = ["FAILED"], jobQueue = [aws_batch_job_queue.training.arn] }
      message     = "Training job <name> (<id>) ended FAILED: <reason>. Exit code <exit>: ${local.exit_codes}; none means the container never ran. The previous model keeps serving. Logs: ${local.log_group}."
    }
    queue-blocked = {
      description = "A training job is stuck in RUNNABLE: no instance can start for it."
      detail_type = "Batch Job Queue Blocked"
      detail      = { jobQueue = [aws_batch_job_queue.training.arn] }
      message     = "Training job <name> (<id>) is stuck in RUNNABLE and blocks the queue: <reason>. Capacity, vCPU-limit and resource-requirement blocks are cancelled after ${var.runnable_timeout_seconds} s; any other reason needs a person (aws batch cancel-job --job-id <id> --reason blocked, then fix the compute environment). The previous model keeps serving."
    }
  }
}

resource "aws_cloudwatch_event_rule" "notice" {
  for_each    = local.notices
  name        = "${var.name}-${each.key}"
  description = each.value.description
  event_pattern = jsonencode({
    source        = ["aws.batch"]
    "detail-type" = [each.value.detail_type]
    detail        = each.value.detail
  })
}

# Stacks deployed before the stuck-job notice keep their failed-job rule and target (PutRule would
# otherwise overwrite the old rule in place and the old address's destroy then delete it).
moved {
  from = aws_cloudwatch_event_rule.job_failed
  to   = aws_cloudwatch_event_rule.notice["job-failed"]
}

moved {
  from = aws_cloudwatch_event_target.job_failed[0]
  to   = aws_cloudwatch_event_target.notice["job-failed"]
}

resource "aws_cloudwatch_event_target" "notice" {
  for_each  = local.notices
  rule      = aws_cloudwatch_event_rule.notice[each.key].name
  target_id = "notify"
  arn       = var.alarm_topic_arn

  input_transformer {
    input_paths = {
      name   = "$.detail.jobName"
      id     = "$.detail.jobId"
      reason = "$.detail.statusReason"
      exit   = "$.detail.container.exitCode"
    }
    input_template = jsonencode(each.value.message)
  }
}

# The entry point logs "assocrec-train: FAILED step=<step> exit=<code>" as its last line on every
# exit but 0 (step=gate exit=3 when the quality gate holds the candidate back).
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
  alarm_description   = "A training run ended without publishing (exit ${local.exit_codes}; the FAILED line in ${local.log_group} says which). The previous model is still serving."
  namespace           = "assocrec"
  metric_name         = "TrainingFailures"
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
}
