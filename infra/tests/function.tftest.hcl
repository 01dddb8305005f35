# One function's planned settings: SnapStart only with the 512 MB of /tmp that AWS allows with it; the JVM zip
# as a custom runtime; a zip deployed through S3.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  name            = "assocrec-recommend"
  jvm_zip_path    = "tests/fixtures/function.zip"
  native_zip_path = "tests/fixtures/function.zip"
  policy_json     = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
}

run "jvm_with_snapstart" {
  command = plan

  module {
    source = "./modules/function"
  }

  assert {
    condition     = aws_lambda_function.this.snap_start[0].apply_on == "PublishedVersions" && aws_lambda_function.this.ephemeral_storage[0].size == 512
    error_message = "the JVM build snapshots published versions, with 512 MB of /tmp"
  }
  assert {
    condition     = length(aws_iam_role_policy.data) == 1 && aws_iam_role_policy.data[0].policy == var.policy_json
    error_message = "the function's role must get exactly its data policy"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"] == "--add-modules=jdk.incubator.vector"
    error_message = "with SnapStart the JVM gets the Vector API module (Java coarse pass) and keeps C2"
  }
}

run "jvm_without_snapstart_stops_at_c1" {
  command = plan

  module {
    source = "./modules/function"
  }

  variables {
    snap_start = false
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"] == "--add-modules=jdk.incubator.vector -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    error_message = "without SnapStart the JVM stops at C1 (faster cold start)"
  }
}

run "snapstart_with_a_larger_tmp_is_refused" {
  command = plan

  module {
    source = "./modules/function"
  }

  variables {
    ephemeral_storage_mb = 1024
  }

  expect_failures = [aws_lambda_function.this]
}

run "native_with_a_larger_tmp" {
  command = plan

  module {
    source = "./modules/function"
  }

  variables {
    runtime_kind         = "native"
    ephemeral_storage_mb = 2048
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && length(aws_lambda_function.this.snap_start) == 0
    error_message = "the native build runs on provided.al2023 without SnapStart"
  }
}

run "custom_runtime_runs_the_zips_bootstrap_at_c1" {
  command = plan

  module {
    source = "./modules/function"
  }

  variables {
    runtime_kind         = "custom"
    ephemeral_storage_mb = 2048
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && length(aws_lambda_function.this.snap_start) == 0
    error_message = "the custom runtime runs on provided.al2023, which has no SnapStart"
  }
  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["x86_64"])
    error_message = "the zip's JVM is x86_64 unless built on arm64: the function is pinned to it"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["JAVA_TOOL_OPTIONS"] == "--add-modules=jdk.incubator.vector -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    error_message = "the shipped JVM gets the same options as the managed one without SnapStart"
  }
}

run "a_code_bucket_deploys_the_zip_through_s3" {
  command = plan

  module {
    source = "./modules/function"
  }

  variables {
    runtime_kind = "custom"
    code_bucket  = "assocrec-test"
  }

  assert {
    condition     = aws_lambda_function.this.filename == null && aws_lambda_function.this.s3_bucket == "assocrec-test"
    error_message = "with a code bucket the function is created from the uploaded object, not from the zip in the call"
  }
  assert {
    condition     = aws_s3_object.code[0].key == "lambda-code/assocrec-recommend/${filesha256("tests/fixtures/function.zip")}.zip" && aws_lambda_function.this.s3_key == aws_s3_object.code[0].key
    error_message = "the uploaded zip is named by its content, so a rebuilt zip is a new object"
  }
}
