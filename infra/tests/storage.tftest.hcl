# The data bucket's protections, asserted on the planned resources of modules/storage.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  bucket_name         = "assocrec-test"
  pointer_writer_arns = ["arn:aws:iam::123456789012:role/assocrec-training-job"]
}

run "protections" {
  command = plan

  module {
    source = "./modules/storage"
  }

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.data.block_public_acls,
      aws_s3_bucket_public_access_block.data.block_public_policy,
      aws_s3_bucket_public_access_block.data.ignore_public_acls,
      aws_s3_bucket_public_access_block.data.restrict_public_buckets,
    ])
    error_message = "every kind of public access must be blocked"
  }
  assert {
    condition     = aws_s3_bucket_ownership_controls.data.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.data.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "without a KMS key the bucket must be encrypted with SSE-S3"
  }
  assert {
    condition     = aws_s3_bucket_versioning.data.versioning_configuration[0].status == "Enabled"
    error_message = "versioning keeps every overwritten pointer: it must be on"
  }

  # The bucket policy allows nothing but the pointer trail's delivery under audit/; it denies plain
  # HTTP to everyone on every key.
  assert {
    condition = alltrue([for s in jsondecode(aws_s3_bucket_policy.data.policy).Statement :
      s.Effect == "Deny" || (s.Principal == { Service = "cloudtrail.amazonaws.com" } && alltrue([
        for r in s.Resource : r == "arn:aws:s3:::assocrec-test" || startswith(r, "arn:aws:s3:::assocrec-test/audit/")
      ]))
    ])
    error_message = "the bucket policy may allow only CloudTrail's delivery under audit/"
  }
  assert {
    condition = anytrue([for s in jsondecode(aws_s3_bucket_policy.data.policy).Statement :
      s.Principal == "*" && s.Action == ["s3:*"] && s.Condition == { Bool = { "aws:SecureTransport" = "false" } }
      && toset(s.Resource) == toset(["arn:aws:s3:::assocrec-test", "arn:aws:s3:::assocrec-test/*"])
    ])
    error_message = "the bucket policy must deny every request not made over TLS"
  }

  # Only the named roles may move models/current.
  assert {
    condition = anytrue([for s in jsondecode(aws_s3_bucket_policy.data.policy).Statement :
      s.Effect == "Deny" && toset(s.Action) == toset(["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"]) && s.Resource == ["arn:aws:s3:::assocrec-test/models/current"]
      && s.Condition == { ArnNotLike = { "aws:PrincipalArn" = ["arn:aws:iam::123456789012:role/assocrec-training-job"] } }
    ])
    error_message = "writes to models/current must be denied to all but the training role"
  }

  # Every write of the pointer is recorded, and only those.
  assert {
    condition = jsonencode({ for f in aws_cloudtrail.pointer_writes[0].advanced_event_selector[0].field_selector : f.field => f.equals }) == jsonencode({
      eventCategory    = ["Data"]
      readOnly         = ["false"]
      "resources.ARN"  = ["arn:aws:s3:::assocrec-test/models/current"]
      "resources.type" = ["AWS::S3::Object"]
    })
    error_message = "the trail must record the writes of models/current: ${jsonencode(aws_cloudtrail.pointer_writes[0].advanced_event_selector)}"
  }

  # Events stay in STANDARD for the whole training window (90 days), then leave it.
  assert {
    condition = [for t in one([for r in aws_s3_bucket_lifecycle_configuration.data.rule : r.transition if r.id == "old-events"]) :
      { days = t.days, storage_class = t.storage_class }
    ] == [{ days = 91, storage_class = "GLACIER_IR" }]
    error_message = "event files must move out of STANDARD only the day after the 90-day training window: ${jsonencode([for r in aws_s3_bucket_lifecycle_configuration.data.rule : r.transition if r.id == "old-events"])}"
  }
  assert {
    condition     = anytrue([for r in aws_s3_bucket_lifecycle_configuration.data.rule : length(r.abort_incomplete_multipart_upload) == 1])
    error_message = "abandoned multipart uploads (failed publishes) must be removed"
  }
}

run "kms_key" {
  command = plan

  module {
    source = "./modules/storage"
  }

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/data"
  }

  assert {
    condition = one(aws_s3_bucket_server_side_encryption_configuration.data.rule).apply_server_side_encryption_by_default[0] == {
      sse_algorithm = "aws:kms", kms_master_key_id = "arn:aws:kms:eu-west-1:123456789012:key/data"
    }
    error_message = "a KMS key must encrypt the bucket by default"
  }
}

run "training_on_all_events" {
  command = plan

  module {
    source = "./modules/storage"
  }

  variables {
    events_window_days = 0
  }

  assert {
    condition     = length([for r in aws_s3_bucket_lifecycle_configuration.data.rule : r.transition if r.id == "old-events"][0]) == 0
    error_message = "when every run reads every event file, no event file may leave STANDARD"
  }
}
