# The one data bucket: events/ and catalog/ (inputs), models/ (the model store of the artifact contract).
resource "aws_s3_bucket" "data" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning keeps every overwritten `current` pointer, so a bad pointer write is recoverable too.
resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  # Versioning must be on before noncurrent-version rules mean anything.
  depends_on = [aws_s3_bucket_versioning.data]

  rule {
    id     = "old-model-versions"
    status = "Enabled"
    filter {
      prefix = var.models_prefix
    }
    transition {
      days          = var.model_infrequent_access_days
      storage_class = "STANDARD_IA"
    }
    dynamic "expiration" {
      for_each = var.model_expiration_days == null ? [] : [var.model_expiration_days]
      content {
        days = expiration.value
      }
    }
    noncurrent_version_expiration {
      noncurrent_days           = var.model_noncurrent_days
      newer_noncurrent_versions = var.model_noncurrent_keep
    }
  }

  # Training reads only events modified within events_window_days (0: all), so an event file leaves
  # STANDARD only once no run reads it any more: no retrieval fee is ever paid by a nightly run.
  rule {
    id     = "old-events"
    status = "Enabled"
    filter {
      prefix = var.events_prefix
    }
    dynamic "transition" {
      for_each = var.events_window_days == 0 ? [] : [var.events_window_days + 1]
      content {
        days          = transition.value
        storage_class = var.events_archive_storage_class
      }
    }
    dynamic "expiration" {
      for_each = var.events_expiration_days == null ? [] : [var.events_expiration_days]
      content {
        days = expiration.value
      }
    }
    noncurrent_version_expiration {
      noncurrent_days = var.model_noncurrent_days
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

# Object Created events go to EventBridge, where the retraining rule filters on the events prefix.
resource "aws_s3_bucket_notification" "data" {
  bucket      = aws_s3_bucket.data.id
  eventbridge = true
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  current_pointer = "${aws_s3_bucket.data.arn}/${var.models_prefix}current"
  account_id      = data.aws_caller_identity.current.account_id
  trail_name      = "${var.bucket_name}-pointer-writes"
  # Built rather than read from the trail: the bucket policy must exist before the trail does.
  trail_arn = "arn:aws:cloudtrail:${data.aws_region.current.name}:${local.account_id}:trail/${local.trail_name}"

  bucket_statements = concat([
    {
      # A Deny may be broad: it only takes away. Allow statements elsewhere name single actions.
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:*"]
      Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }],
    # Only the named roles may move the serving model, whatever their identity policies say.
    length(var.pointer_writer_arns) == 0 ? [] : [{
      Sid       = "OnlyNamedRolesMoveCurrent"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"]
      Resource  = [local.current_pointer]
      Condition = { ArnNotLike = { "aws:PrincipalArn" = var.pointer_writer_arns } }
    }],
    # The pointer trail (below) delivers its log files under audit_prefix, and nowhere else.
    var.record_pointer_writes ? [
      {
        Sid       = "TrailChecksBucketAcl"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["s3:GetBucketAcl"]
        Resource  = [aws_s3_bucket.data.arn]
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
      {
        Sid       = "TrailWritesAuditLogs"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["s3:PutObject"]
        Resource  = ["${aws_s3_bucket.data.arn}/${var.audit_prefix}AWSLogs/${local.account_id}/*"]
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn, "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
    ] : [],
  )
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.bucket_statements })

  # A bucket policy put before the public access block could be judged public and rejected.
  depends_on = [aws_s3_bucket_public_access_block.data]
}

# Who moved the serving model: every write or delete of models/current (its caller, time and source
# address) as a CloudTrail data event, delivered under audit_prefix. Only those writes are selected,
# a few a day, so the trail costs next to nothing.
resource "aws_cloudtrail" "pointer_writes" {
  count                         = var.record_pointer_writes ? 1 : 0
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.data.id
  s3_key_prefix                 = trimsuffix(var.audit_prefix, "/")
  include_global_service_events = false
  enable_log_file_validation    = true

  advanced_event_selector {
    name = "Writes of ${var.models_prefix}current"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "resources.ARN"
      equals = [local.current_pointer]
    }
    field_selector {
      field  = "readOnly"
      equals = ["false"]
    }
  }

  depends_on = [aws_s3_bucket_policy.data]
}
