# Plans of the whole stack as a deploying team runs it, one run per supported variant, with the
# AWS provider mocked (no account, no network). A plan that fails here fails on a fresh account too.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  bucket_name          = "assocrec-test"
  training_image       = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  recommend_jvm_zip    = "tests/fixtures/function.zip"
  recommend_native_zip = "tests/fixtures/function.zip"
  trigger_jvm_zip      = "tests/fixtures/function.zip"
  trigger_native_zip   = "tests/fixtures/function.zip"
}

run "defaults" {
  command = plan

  # Serving reads models/ and nothing else.
  assert {
    condition     = toset(flatten([for s in jsondecode(module.data_access.serving_policy_json).Statement : s.Action])) == toset(["s3:GetObject", "s3:ListBucket"])
    error_message = "serving may only get and list objects: ${module.data_access.serving_policy_json}"
  }
  assert {
    condition = alltrue([for s in jsondecode(module.data_access.serving_policy_json).Statement :
      contains(s.Action, "s3:GetObject") ? s.Resource == ["arn:aws:s3:::assocrec-test/models/*"] : s.Resource == ["arn:aws:s3:::assocrec-test"]
    ])
    error_message = "serving reads only arn:aws:s3:::assocrec-test/models/*: ${module.data_access.serving_policy_json}"
  }
  assert {
    condition = alltrue(flatten([for s in jsondecode(module.data_access.serving_policy_json).Statement :
      [for p in try(s.Condition.StringLike["s3:prefix"], []) : startswith(p, "models/")]
    ]))
    error_message = "serving may list only under models/"
  }

  # No wildcard action and no whole-bucket object access in either data policy.
  assert {
    condition = alltrue(flatten([for doc in [module.data_access.serving_policy_json, module.data_access.training_policy_json] : [
      for s in jsondecode(doc).Statement : [
        !anytrue([for a in s.Action : strcontains(a, "*")]),
        !anytrue([for r in s.Resource : r == "*" || r == "arn:aws:s3:::assocrec-test/*"]),
      ]
    ]]))
    error_message = "a data policy grants a wildcard action or every object of the bucket"
  }

  # Training writes models/ and reports/ only, and deletes nothing but a damaged manifest.
  assert {
    condition = toset(flatten([for s in jsondecode(module.data_access.training_policy_json).Statement : s.Resource if contains(s.Action, "s3:PutObject")])) == toset([
      "arn:aws:s3:::assocrec-test/models/*", "arn:aws:s3:::assocrec-test/reports/*",
    ])
    error_message = "training may put objects under models/ and reports/ only"
  }
  assert {
    condition = flatten([for s in jsondecode(module.data_access.training_policy_json).Statement : s.Resource if contains(s.Action, "s3:DeleteObject")]) == [
      "arn:aws:s3:::assocrec-test/models/*/manifest.json",
    ]
    error_message = "training may delete only a version's manifest"
  }

  # The alarm topic: encrypted with the stack's key, published to only by this stack's alarms and rules.
  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == aws_kms_key.alarms.arn
    error_message = "the alarm topic must be encrypted with the stack's customer-managed key"
  }
  assert {
    condition = alltrue([for s in jsondecode(aws_sns_topic_policy.alarms.policy).Statement :
      s.Condition.StringEquals["aws:SourceAccount"] == "123456789012" && startswith(s.Condition.ArnLike["aws:SourceArn"], "arn:aws:")
    ]) && length(jsondecode(aws_sns_topic_policy.alarms.policy).Statement) == 2
    error_message = "every publisher of the alarm topic must be limited by aws:SourceAccount and aws:SourceArn"
  }
  assert {
    condition = toset([for s in jsondecode(aws_kms_key.alarms.policy).Statement : s.Principal.Service if can(s.Principal.Service)]) == toset([
      "cloudwatch.amazonaws.com", "events.amazonaws.com",
    ])
    error_message = "CloudWatch and EventBridge must be able to use the topic's key"
  }
  assert {
    condition = [for s in jsondecode(aws_kms_key.alarms.policy).Statement : s.Condition if try(s.Principal.Service, "") == "cloudwatch.amazonaws.com"] == [{
      StringEquals = { "aws:SourceAccount" = "123456789012" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:assocrec-*" }
    }] && alltrue([for s in jsondecode(aws_kms_key.alarms.policy).Statement : !can(s.Condition) if try(s.Principal.Service, "") == "events.amazonaws.com"])
    error_message = "CloudWatch's use of the key must be limited to this stack's alarms; EventBridge's must carry no condition (its KMS requests have no source keys)"
  }
  assert {
    condition     = aws_kms_key.alarms.enable_key_rotation
    error_message = "the alarm key must rotate"
  }

  assert {
    condition     = output.pointer_trail == "assocrec-test-pointer-writes"
    error_message = "writes of models/current must be recorded by default"
  }
}

run "jwt_custom_subnets_and_kms" {
  command = plan

  variables {
    api_authorizer      = "JWT"
    jwt_issuer          = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
    jwt_audience        = ["shop-frontend"]
    training_subnet_ids = ["subnet-0private1", "subnet-0private2"]
    kms_key_arn         = "arn:aws:kms:eu-west-1:123456789012:key/data"
  }

  assert {
    condition = anytrue([for s in jsondecode(module.data_access.serving_policy_json).Statement :
      s.Action == ["kms:Decrypt"] && s.Resource == ["arn:aws:kms:eu-west-1:123456789012:key/data"]
    ])
    error_message = "serving must be able to decrypt the models with the bucket's key"
  }
  assert {
    condition = anytrue([for s in jsondecode(module.data_access.training_policy_json).Statement :
      toset(s.Action) == toset(["kms:Decrypt", "kms:GenerateDataKey"]) && s.Resource == ["arn:aws:kms:eu-west-1:123456789012:key/data"]
    ])
    error_message = "training must be able to encrypt and decrypt with the bucket's key"
  }
}

# The next variants must plan; what they change inside a module is asserted in that module's tests.
run "serving_runs_its_own_jvm_from_s3" {
  command = plan

  variables {
    recommend_tmp_mb = 2048 # the custom runtime has no SnapStart, so a larger /tmp is allowed
  }

  assert {
    condition     = module.recommend.runtime == "provided.al2023" && module.recommend.architectures == tolist(["x86_64"])
    error_message = "by default the serving function runs the JVM zip's bootstrap on provided.al2023, pinned to x86_64"
  }
}

run "serving_pins_its_coarse_kernel" {
  command = plan

  variables {
    recommend_coarse_kernel = "onnx"
  }

  assert {
    condition     = module.recommend.environment["ASSOCREC_SCORING_COARSE_KERNEL"] == "onnx"
    error_message = "recommend_coarse_kernel reaches the serving function as ASSOCREC_SCORING_COARSE_KERNEL"
  }
}

run "serving_pins_the_fast_scan" {
  command = plan

  variables {
    recommend_coarse_kernel = "fastscan"
  }

  assert {
    condition     = module.recommend.environment["ASSOCREC_SCORING_COARSE_KERNEL"] == "fastscan"
    error_message = "recommend_coarse_kernel = \"fastscan\" reaches the serving function as ASSOCREC_SCORING_COARSE_KERNEL"
  }
}

run "an_unknown_coarse_kernel_is_rejected" {
  command = plan

  variables {
    recommend_coarse_kernel = "fastest"
  }

  expect_failures = [var.recommend_coarse_kernel]
}

run "native_functions" {
  command = plan

  variables {
    function_runtime = "native"
    recommend_tmp_mb = 2048 # no SnapStart on the native build, so a larger /tmp is allowed
  }
}

run "spot_training" {
  command = plan

  variables {
    training_use_spot = true
  }
}

run "jvm_without_snapstart_may_have_a_larger_tmp" {
  command = plan

  variables {
    recommend_jvm_runtime = "managed"
    recommend_snap_start  = false
    recommend_tmp_mb      = 2048
  }
}

run "snapstart_with_a_larger_tmp_is_rejected" {
  command = plan

  variables {
    recommend_jvm_runtime = "managed"
    recommend_tmp_mb      = 2048
  }

  expect_failures = [var.recommend_tmp_mb]
}

run "a_latest_image_is_rejected" {
  command = plan

  variables {
    training_image = "latest"
  }

  expect_failures = [var.training_image]
}

run "a_runnable_limit_outside_batch_range_is_rejected" {
  command = plan

  variables {
    training_runnable_timeout_seconds = 300
  }

  expect_failures = [var.training_runnable_timeout_seconds]
}

run "events_expiring_inside_the_training_window_are_rejected" {
  command = plan

  variables {
    events_expiration_days = 30
  }

  expect_failures = [var.events_expiration_days]
}
