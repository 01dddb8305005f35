# Who may touch which part of the data bucket. Serving reads models only; training reads its inputs
# and writes models; nothing gets a wildcard action. The policies are outputs so that each role
# attaches exactly one of them. They are jsonencode()d rather than aws_iam_policy_document data
# sources so that a plan (and `terraform test`) holds their real text.

locals {
  models_objects  = "${var.bucket_arn}/${var.models_prefix}*"
  events_objects  = "${var.bucket_arn}/${var.events_prefix}*"
  catalog_objects = "${var.bucket_arn}/${var.catalog_prefix}*"
  reports_objects = "${var.bucket_arn}/${var.reports_prefix}*"
  kms             = var.kms_key_arn == null ? [] : [var.kms_key_arn]

  serving_statements = concat([
    { Sid = "ReadModels", Effect = "Allow", Action = ["s3:GetObject"], Resource = [local.models_objects] },
    # Listing is limited to the models prefix; it also turns a missing key into 404 instead of 403.
    {
      Sid       = "ListModels", Effect = "Allow", Action = ["s3:ListBucket"], Resource = [var.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = [var.models_prefix, "${var.models_prefix}*"] } }
    },
    ], [for key in local.kms : { Sid = "DecryptModels", Effect = "Allow", Action = ["kms:Decrypt"], Resource = [key] }]
  )

  training_statements = concat([
    { Sid = "ReadInputs", Effect = "Allow", Action = ["s3:GetObject"], Resource = [local.events_objects, local.catalog_objects] },
    # Publishing uploads a version folder, reads it back to verify, then overwrites the pointer.
    {
      Sid      = "PublishModels", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
      Resource = [local.models_objects]
    },
    # Each run's evaluation report (GCN against popularity and item-kNN) is kept beside the models.
    { Sid = "WriteReports", Effect = "Allow", Action = ["s3:PutObject"], Resource = [local.reports_objects] },
    # The store removes a manifest that did not read back intact, so that a damaged version stays
    # invisible. Nothing else is ever deleted by a job (old versions go by the bucket lifecycle), and
    # with versioning on even this delete only adds a delete marker.
    {
      Sid      = "RemoveDamagedManifest", Effect = "Allow", Action = ["s3:DeleteObject"]
      Resource = ["${var.bucket_arn}/${var.models_prefix}*/manifest.json"]
    },
    {
      Sid = "ListInputsAndModels", Effect = "Allow", Action = ["s3:ListBucket"], Resource = [var.bucket_arn]
      Condition = { StringLike = { "s3:prefix" = [
        var.events_prefix, "${var.events_prefix}*",
        var.catalog_prefix, "${var.catalog_prefix}*",
        var.models_prefix, "${var.models_prefix}*",
      ] } }
    },
    ], [for key in local.kms : { Sid = "EncryptModels", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey"], Resource = [key] }]
  )
}
