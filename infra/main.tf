# assocrec in one AWS account: data bucket, serving function behind an HTTP API, GPU training on
# Batch, and event- and schedule-triggered retraining. `terraform apply` here creates all of it.

locals {
  models_prefix = "models/" # fixed by the artifact contract (ArtifactLayout.MODELS_PREFIX)
  catalog_dir   = "${dirname(var.catalog_key)}/"
  store_root    = "s3://${module.storage.bucket_name}"
  account_id    = data.aws_caller_identity.current.account_id
  # Who may publish to the alarm topic: every alarm and EventBridge rule of this stack ("<name>-…").
  # KMS requests from EventBridge carry no aws:SourceAccount/SourceArn (a key policy that demands them
  # drops every notice silently), so only CloudWatch's use of the key is conditioned; the topic policy
  # limits both.
  alarm_publishers = {
    CloudWatch = {
      service            = "cloudwatch.amazonaws.com"
      source             = "arn:aws:cloudwatch:${var.region}:${local.account_id}:alarm:${var.name}-*"
      key_use_conditions = true
    }
    EventBridge = {
      service            = "events.amazonaws.com"
      source             = "arn:aws:events:${var.region}:${local.account_id}:rule/${var.name}-*"
      key_use_conditions = false
    }
  }
  publisher_conditions = { for sid, p in local.alarm_publishers : sid => {
    StringEquals = { "aws:SourceAccount" = local.account_id }
    ArnLike      = { "aws:SourceArn" = p.source }
  } }
}

data "aws_caller_identity" "current" {}

# --- Alarm topic: encrypted with a key of our own, which (unlike the AWS-managed SNS key) can let
# CloudWatch and EventBridge encrypt what they publish. Only this stack's alarms and rules publish. ---

resource "aws_kms_key" "alarms" {
  description         = "${var.name}: encrypts the alarm topic"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
      }], [for sid, p in local.alarm_publishers : merge({
        Sid       = "${sid}Encrypts"
        Effect    = "Allow"
        Principal = { Service = p.service }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = "*"
    }, p.key_use_conditions ? { Condition = local.publisher_conditions[sid] } : {})])
  })
}

resource "aws_kms_alias" "alarms" {
  name          = "alias/${var.name}-alarms"
  target_key_id = aws_kms_key.alarms.key_id
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for sid, p in local.alarm_publishers : {
      Sid       = "${sid}Publishes"
      Effect    = "Allow"
      Principal = { Service = p.service }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alarms.arn
      Condition = local.publisher_conditions[sid]
    }]
  })
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == null ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

module "storage" {
  source = "./modules/storage"

  bucket_name           = var.bucket_name
  force_destroy         = var.force_destroy
  kms_key_arn           = var.kms_key_arn
  models_prefix         = local.models_prefix
  events_prefix         = var.events_prefix
  model_noncurrent_days = var.model_noncurrent_days
  model_expiration_days = var.model_expiration_days

  events_window_days     = var.training_events_window_days
  events_expiration_days = var.events_expiration_days
  pointer_writer_arns    = concat([module.training.job_role_arn], var.pointer_writer_arns)
  record_pointer_writes  = var.record_pointer_writes
}

module "data_access" {
  source = "./modules/data_access"

  bucket_arn     = module.storage.bucket_arn
  models_prefix  = local.models_prefix
  events_prefix  = var.events_prefix
  catalog_prefix = local.catalog_dir
  kms_key_arn    = var.kms_key_arn
}

module "recommend" {
  source = "./modules/function"

  name         = "${var.name}-recommend"
  description  = "Recommendations from the current model version (hot-swapped on pointer change)."
  runtime_kind = var.function_runtime == "native" ? "native" : var.recommend_jvm_runtime == "custom" ? "custom" : "jvm"
  # The JVM zip with its runtime is ~80 MB zipped, over the 50 MB a direct upload allows.
  code_bucket          = module.storage.bucket_name
  architecture         = var.recommend_architecture
  jvm_zip_path         = "${path.root}/${var.recommend_jvm_zip}"
  native_zip_path      = "${path.root}/${var.recommend_native_zip}"
  memory_mb            = var.recommend_memory_mb
  ephemeral_storage_mb = var.recommend_tmp_mb
  timeout_seconds      = var.recommend_timeout_seconds
  snap_start           = var.recommend_snap_start
  # Starts fetching and verifying the model before Quarkus boots (functions/recommend README "Cold start").
  handler         = "dev.assocrec.functions.RecommendHandler::handleRequest"
  policy_json     = module.data_access.serving_policy_json
  alarm_topic_arn = aws_sns_topic.alarms.arn

  environment = {
    # Read by the serving function as assocrec.model.location: the store root holding models/.
    ASSOCREC_MODEL_LOCATION        = local.store_root
    ASSOCREC_MODEL_CHECK_INTERVAL  = "${var.model_poll_seconds}s"
    ASSOCREC_SCORING_COARSE_KERNEL = var.recommend_coarse_kernel
    # Lambda's file system is read-only outside /tmp; DJL unpacks ONNX Runtime natives here.
    DJL_CACHE_DIR = "/tmp/djl"
  }
}

module "api" {
  source = "./modules/http_api"

  name                   = "${var.name}-api"
  functions              = { recommend = { alias_arn = module.recommend.alias_arn, alias_invoke_arn = module.recommend.alias_invoke_arn } }
  routes                 = { for r in var.api_routes : r => "recommend" }
  authorizer             = var.api_authorizer
  jwt_issuer             = var.jwt_issuer
  jwt_audience           = var.jwt_audience
  throttling_rate_limit  = var.api_rate_limit
  throttling_burst_limit = var.api_burst_limit
  alarm_topic_arn        = aws_sns_topic.alarms.arn
}

module "training" {
  source = "./modules/training_job"

  name                     = "${var.name}-training"
  bucket_name              = module.storage.bucket_name
  events_prefix            = var.events_prefix
  catalog_key              = var.catalog_key
  training_policy_json     = module.data_access.training_policy_json
  image                    = var.training_image
  events_window_days       = var.training_events_window_days
  runnable_timeout_seconds = var.training_runnable_timeout_seconds
  instance_types           = var.training_instance_types
  use_spot                 = var.training_use_spot
  max_vcpus                = var.training_max_vcpus
  hyperparameters          = var.training_hyperparameters
  subnet_ids               = var.training_subnet_ids
  security_group_ids       = var.training_security_group_ids
  force_delete_images      = var.force_destroy
  alarm_topic_arn          = aws_sns_topic.alarms.arn
}

module "retrain_trigger" {
  source = "./modules/retrain_trigger"

  name                 = var.name
  bucket_name          = module.storage.bucket_name
  events_prefix        = var.events_prefix
  current_key          = "${local.models_prefix}current"
  schedule_expression  = var.retrain_schedule
  quiet_period_minutes = var.retrain_quiet_minutes
  stale_model_hours    = var.model_stale_hours
  job_queue_arn        = module.training.job_queue_arn
  job_queue_name       = module.training.job_queue_name
  job_definition_name  = module.training.job_definition_name
  job_name             = "${var.name}-retrain"
  runtime_kind         = var.function_runtime
  jvm_zip_path         = "${path.root}/${var.trigger_jvm_zip}"
  native_zip_path      = "${path.root}/${var.trigger_native_zip}"
  alarm_topic_arn      = aws_sns_topic.alarms.arn
}
