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

locals {
  current_pointer = "${aws_s3_bucket.data.arn}/${var.models_prefix}current"

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
  )
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.bucket_statements })

  # A bucket policy put before the public access block could be judged public and rejected.
  depends_on = [aws_s3_bucket_public_access_block.data]
}
