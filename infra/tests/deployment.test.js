// What the deployment must do beyond security: SnapStart, throttling, GPU training, triggers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { block, nested, instantiate, rootScope } from './terraform.js';

async function module(name) {
  const root = await rootScope();
  return instantiate(root.config, root.dir, root.scope, name);
}

test('the JVM serving function is published with SnapStart and called through its alias', async () => {
  const { scope } = await module('recommend');
  assert.equal(scope.resolve('${var.runtime_kind}'), 'jvm', 'the default build is the JVM one');
  assert.equal(scope.vars.snap_start, true);
  const fn = block(scope.module, 'resource', 'aws_lambda_function', 'this');
  const snap = fn.dynamic?.snap_start?.[0];
  assert.ok(snap, 'aws_lambda_function has no snap_start block');
  assert.equal(snap.content[0].apply_on, 'PublishedVersions');
  assert.match(snap.for_each, /local\.jvm && var\.snap_start/);
  assert.equal(fn.publish, true, 'SnapStart only applies to published versions');
  assert.equal(scope.resolve(fn.handler), '${local.jvm ? var.handler : "not.used.in.provided.runtime"}');
  // Quarkus's stream handler whose class initialiser starts the model load before the boot.
  assert.equal(scope.resolve('${var.handler}'), 'dev.assocrec.functions.RecommendHandler::handleRequest');
  // C1-only JIT only without SnapStart: a snapshot would keep the slower code for the sandbox's life.
  const env = scope.resolve(fn.environment[0].variables);
  assert.match(String(env), /local\.jvm && !var\.snap_start/);
  const alias = block(scope.module, 'resource', 'aws_lambda_alias', 'live');
  assert.equal(alias.function_version, '${aws_lambda_function.this.version}');
});

test('the native build is selectable and runs on the custom runtime without SnapStart', async () => {
  const { scope } = await module('recommend');
  const locals = scope.module.locals;
  assert.equal(locals.jvm, '${var.runtime_kind == "jvm"}');
  assert.match(locals.runtime, /"provided\.al2023"/);
  assert.match(locals.zip_path, /var\.native_zip_path/);
  const validation = scope.module.variable.runtime_kind[0].validation[0];
  assert.match(validation.condition, /"jvm", "native"/);
});

test('the serving function is told where the model store is', async () => {
  const { scope } = await module('recommend');
  const env = scope.vars.environment;
  assert.equal(env.ASSOCREC_MODEL_LOCATION, 's3://${module.storage.bucket_name}');
  assert.equal(env.ASSOCREC_MODEL_CHECK_INTERVAL, '60s');
});

test('the API stage throttles every route', async () => {
  const { scope } = await module('api');
  const stage = block(scope.module, 'resource', 'aws_apigatewayv2_stage', 'default');
  const settings = scope.resolve(nested(stage, 'default_route_settings'));
  assert.ok(settings.throttling_rate_limit > 0, `rate limit ${settings.throttling_rate_limit}`);
  assert.ok(settings.throttling_burst_limit > 0, `burst limit ${settings.throttling_burst_limit}`);
  assert.equal(settings.throttling_rate_limit, 100);
  assert.equal(settings.throttling_burst_limit, 200);
});

test('API routes are authorised by IAM by default, with JWT and NONE selectable', async () => {
  const { scope } = await module('api');
  const root = await rootScope();
  assert.deepEqual(root.scope.vars.api_routes, ['POST /recommend', 'POST /related', 'GET /model']);
  assert.equal(scope.vars.routes, '${{ for r in var.api_routes : r => "recommend" }}');
  assert.equal(scope.vars.authorizer, 'IAM');
  const route = block(scope.module, 'resource', 'aws_apigatewayv2_route', 'this');
  assert.equal(route.authorization_type, '${local.authorization_type}');
  assert.match(scope.module.locals.authorization_type, /IAM = "AWS_IAM", JWT = "JWT"/);
  const integration = block(scope.module, 'resource', 'aws_apigatewayv2_integration', 'function');
  assert.equal(integration.payload_format_version, '2.0');
  assert.equal(integration.integration_uri, '${each.value.alias_invoke_arn}');
});

test('training runs on GPU instances that scale to zero', async () => {
  const { scope } = await module('training');
  const ce = block(scope.module, 'resource', 'aws_batch_compute_environment', 'gpu');
  const resources = scope.resolve(nested(ce, 'compute_resources'));
  assert.equal(resources.min_vcpus, 0);
  assert.equal(nested(resources, 'ec2_configuration').image_type, 'ECS_AL2_NVIDIA');
  for (const type of resources.instance_type) assert.match(type, /^(g4dn|g5|g6|p3|p4d|p5)\./, `${type} has no GPU`);
  const job = block(scope.module, 'resource', 'aws_batch_job_definition', 'training');
  assert.match(job.container_properties, /type = "GPU"/);
  assert.match(job.container_properties, /ASSOCREC_EVENTS/);
  assert.match(job.container_properties, /ASSOCREC_STORE/);
  const exits = nested(job, 'retry_strategy').evaluate_on_exit;
  assert.equal(exits.at(-1).on_exit_code, '*');
  assert.equal(exits.at(-1).action, 'EXIT', 'a failing job must not be retried blindly');
});

test('a failed training job is visible: an event to the alarm topic and a log alarm', async () => {
  const { scope } = await module('training');
  const rule = block(scope.module, 'resource', 'aws_cloudwatch_event_rule', 'job_failed');
  assert.match(rule.event_pattern, /status\s*=\s*\["FAILED"\]/);
  const filter = block(scope.module, 'resource', 'aws_cloudwatch_log_metric_filter', 'failed');
  assert.equal(filter.pattern, '"assocrec-train: FAILED"');
  const alarm = block(scope.module, 'resource', 'aws_cloudwatch_metric_alarm', 'failed');
  assert.equal(alarm.metric_name, nested(filter, 'metric_transformation').name);
});

test('new files under events/ and a schedule both reach the retraining trigger', async () => {
  const { scope } = await module('retrain_trigger');
  assert.equal(scope.vars.events_prefix, 'events/');
  const rule = block(scope.module, 'resource', 'aws_cloudwatch_event_rule', 'new_events');
  assert.match(rule.event_pattern, /"detail-type" = \["Object Created"\]/);
  assert.match(rule.event_pattern, /prefix = var\.events_prefix/);
  const schedule = block(scope.module, 'resource', 'aws_cloudwatch_event_rule', 'schedule');
  assert.match(scope.resolve(schedule.schedule_expression), /^(cron|rate)\(/);
  const root = await rootScope();
  const fn = instantiate(root.config, 'modules/retrain_trigger', scope, 'function');
  assert.equal(fn.scope.vars.reserved_concurrency, 1, 'one trigger at a time makes the active-job check race-free');
  assert.equal(fn.scope.vars.environment.ASSOCREC_RETRAIN_JOB_NAME, 'assocrec-retrain');
  assert.equal(fn.scope.vars.environment.ASSOCREC_RETRAIN_JOB_QUEUE, '${module.training.job_queue_name}');
});

test('the bucket sends its object events to EventBridge', async () => {
  const { scope } = await module('storage');
  const notification = block(scope.module, 'resource', 'aws_s3_bucket_notification', 'data');
  assert.equal(notification.eventbridge, true);
});
