# The training job's planned resources: instance metadata, AMI, queue limit, retries, image, network.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

variables {
  name                 = "assocrec-training"
  bucket_name          = "assocrec-test"
  training_policy_json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  image                = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  alarm_topic_arn      = "arn:aws:sns:eu-west-1:123456789012:assocrec-alarms"
}

run "defaults" {
  command = plan

  module {
    source = "./modules/training_job"
  }

  # A container is one hop further than the instance: with a hop limit of 1 and IMDSv2 required,
  # it cannot fetch the instance role's credentials.
  assert {
    condition     = aws_launch_template.instances.metadata_options[0].http_tokens == "required" && aws_launch_template.instances.metadata_options[0].http_put_response_hop_limit == 1
    error_message = "training instances must require IMDSv2 with a hop limit of 1"
  }
  assert {
    condition     = aws_batch_compute_environment.gpu.compute_resources[0].launch_template[0].launch_template_id == aws_launch_template.instances.id
    error_message = "the compute environment must start its instances from the IMDSv2 launch template"
  }
  assert {
    condition     = aws_batch_compute_environment.gpu.compute_resources[0].ec2_configuration[0].image_type == "ECS_AL2023_NVIDIA"
    error_message = "GPU instances must run the Amazon Linux 2023 NVIDIA ECS AMI"
  }
  assert {
    condition     = aws_batch_compute_environment.gpu.compute_resources[0].type == "EC2"
    error_message = "on-demand capacity by default"
  }

  # A job blocked in RUNNABLE for a reason Batch can act on is cancelled after 2 hours; any
  # blocked job notifies at once.
  assert {
    condition = { for a in aws_batch_job_queue.training.job_state_time_limit_action : a.reason => [a.state, a.action, a.max_time_seconds] } == {
      "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"           = ["RUNNABLE", "CANCEL", 7200]
      "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE" = ["RUNNABLE", "CANCEL", 7200]
      "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"         = ["RUNNABLE", "CANCEL", 7200]
    }
    error_message = "the queue must cancel jobs blocked in RUNNABLE for capacity, vCPU limit or resource requirement after 2 hours"
  }
  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.notice["queue-blocked"].event_pattern) == {
      source        = ["aws.batch"]
      "detail-type" = ["Batch Job Queue Blocked"]
      detail        = { jobQueue = ["arn:aws:batch:eu-west-1:123456789012:job-queue/assocrec-training-queue"] }
    }
    error_message = "a job blocking this queue must notify"
  }
  assert {
    condition     = alltrue([for t in aws_cloudwatch_event_target.notice : t.arn == "arn:aws:sns:eu-west-1:123456789012:assocrec-alarms"])
    error_message = "both notices must go to the alarm topic"
  }

  # Retries: the first matching entry decides. Exit 2 and 3 end the job; a lost host is retried.
  assert {
    # Compared as JSON: a literal null and the provider's typed null are not equal in HCL.
    condition = jsonencode([for e in aws_batch_job_definition.training.retry_strategy[0].evaluate_on_exit :
      { code = e.on_exit_code, reason = e.on_status_reason, action = lower(e.action) }
      ]) == jsonencode([
      { code = "2", reason = null, action = "exit" },
      { code = "3", reason = null, action = "exit" },
      { code = null, reason = "Host EC2*", action = "retry" },
      { code = "*", reason = null, action = "exit" },
    ])
    error_message = "retries must be: exit 2 and 3 end the job, a lost EC2 host is retried, every other exit ends it: ${jsonencode(aws_batch_job_definition.training.retry_strategy[0].evaluate_on_exit)}"
  }

  # The image is pinned, and the repository cannot move a tag.
  assert {
    condition     = jsondecode(aws_batch_job_definition.training.container_properties).image == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/assocrec-training@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
    error_message = "a digest must be referenced as repository@sha256:…"
  }
  assert {
    condition     = aws_ecr_repository.training.image_tag_mutability == "IMMUTABLE"
    error_message = "the training repository must refuse to overwrite a tag"
  }
  assert {
    condition     = contains(jsondecode(aws_batch_job_definition.training.container_properties).environment, { name = "ASSOCREC_EVENTS_WINDOW_DAYS", value = "90" })
    error_message = "the job must get the training window as ASSOCREC_EVENTS_WINDOW_DAYS"
  }
  assert {
    condition = alltrue([for text in [aws_cloudwatch_metric_alarm.failed.alarm_description, aws_cloudwatch_event_target.notice["job-failed"].input_transformer[0].input_template] :
      strcontains(text, "1 failure, 2 bad input, 3 the quality gate held the candidate back") && strcontains(text, "previous model")
    ])
    error_message = "the failure alarm and notice must name exits 1, 2 and 3 and say that the previous model serves"
  }

  # Default network: the default VPC's subnets, and a group created in that VPC.
  assert {
    condition     = aws_security_group.egress_only[0].vpc_id == "vpc-0default" && toset(aws_batch_compute_environment.gpu.compute_resources[0].subnets) == toset(["subnet-0default1", "subnet-0default2"])
    error_message = "without subnets the default VPC's subnets and a group in that VPC are used"
  }
}

run "custom_subnets_without_groups" {
  command = plan

  module {
    source = "./modules/training_job"
  }

  variables {
    subnet_ids = ["subnet-0private1", "subnet-0private2"]
  }

  override_data {
    target = data.aws_subnet.first[0]
    values = { vpc_id = "vpc-0private" }
  }

  assert {
    condition     = aws_security_group.egress_only[0].vpc_id == "vpc-0private"
    error_message = "the created security group must be in the VPC of the given subnets, not the default VPC"
  }
  assert {
    condition     = length(data.aws_vpc.default) == 0
    error_message = "custom subnets must not look up the default VPC"
  }
}

run "spot_with_a_tag" {
  command = plan

  module {
    source = "./modules/training_job"
  }

  variables {
    use_spot = true
    image    = "9f3c2a1"
  }

  assert {
    condition     = aws_batch_compute_environment.gpu.compute_resources[0].type == "SPOT" && aws_batch_compute_environment.gpu.compute_resources[0].allocation_strategy == "SPOT_PRICE_CAPACITY_OPTIMIZED"
    error_message = "Spot capacity must be requested when use_spot is set"
  }
  assert {
    condition     = endswith(jsondecode(aws_batch_job_definition.training.container_properties).image, "/assocrec-training:9f3c2a1")
    error_message = "a tag must be referenced as repository:tag"
  }
}
