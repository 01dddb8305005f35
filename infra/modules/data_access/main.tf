# Who may touch which part of the data bucket. Serving reads models only; training reads its inputs
# and writes models; nothing gets a wildcard action. The policies are outputs so that each role
# attaches exactly one of them.

locals {
  models_objects  = "${var.bucket_arn}/${var.models_prefix}*"
  events_objects  = "${var.bucket_arn}/${var.events_prefix}*"
  catalog_objects = "${var.bucket_arn}/${var.catalog_prefix}*"
  reports_objects = "${var.bucket_arn}/${var.reports_prefix}*"
}

data "aws_iam_policy_document" "serving" {
  statement {
    sid       = "ReadModels"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = [local.models_objects]
  }

  # Listing is limited to the models prefix; it also turns a missing key into 404 instead of 403.
  statement {
    sid       = "ListModels"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.models_prefix, "${var.models_prefix}*"]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptModels"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "training" {
  statement {
    sid       = "ReadInputs"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = [local.events_objects, local.catalog_objects]
  }

  # Publishing uploads a version folder, reads it back to verify, then overwrites the pointer.
  statement {
    sid       = "PublishModels"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = [local.models_objects]
  }

  # Each run's evaluation report (GCN against popularity and item-kNN) is kept beside the models.
  statement {
    sid       = "WriteReports"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = [local.reports_objects]
  }

  # The store removes a manifest that did not read back intact, so that a damaged version stays
  # invisible. Nothing else is ever deleted by a job (old versions go by the bucket lifecycle), and
  # with versioning on even this delete only adds a delete marker.
  statement {
    sid       = "RemoveDamagedManifest"
    effect    = "Allow"
    actions   = ["s3:DeleteObject"]
    resources = ["${var.bucket_arn}/${var.models_prefix}*/manifest.json"]
  }

  statement {
    sid       = "ListInputsAndModels"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = [
        var.events_prefix, "${var.events_prefix}*",
        var.catalog_prefix, "${var.catalog_prefix}*",
        var.models_prefix, "${var.models_prefix}*",
      ]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "EncryptModels"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}
