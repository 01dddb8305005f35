// The security properties of the deployment, asserted on the parsed configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { block, nested, instantiate, rootScope, policyStatements, isAllow } from './terraform.js';

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function storage() {
  const root = await rootScope();
  return { ...root, ...instantiate(root.config, root.dir, root.scope, 'storage') };
}

/** A policy document of the data_access module as the root instantiates it. */
async function dataAccessPolicy(docName) {
  const root = await rootScope();
  const { scope } = instantiate(root.config, root.dir, root.scope, 'data_access');
  const doc = block(scope.module, 'data', 'aws_iam_policy_document', docName);
  const statements = [...(doc.statement ?? []), ...(doc.dynamic?.statement ?? []).flatMap((d) => d.content)];
  return scope.resolve(statements);
}

const BUCKET = '${module.storage.bucket_arn}';

test('the data bucket blocks every kind of public access', async () => {
  const { scope } = await storage();
  const pab = block(scope.module, 'resource', 'aws_s3_bucket_public_access_block', 'data');
  for (const flag of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
    assert.equal(pab[flag], true, `${flag} must be true`);
  }
  assert.equal(pab.bucket, '${aws_s3_bucket.data.id}');
  const ownership = nested(block(scope.module, 'resource', 'aws_s3_bucket_ownership_controls', 'data'), 'rule');
  assert.equal(ownership.object_ownership, 'BucketOwnerEnforced', 'ACLs must be disabled');
});

test('the bucket policy grants nothing and denies plain-HTTP access', async () => {
  const { scope } = await storage();
  const doc = block(scope.module, 'data', 'aws_iam_policy_document', 'tls_only');
  for (const s of doc.statement) {
    assert.equal(s.effect, 'Deny', `bucket policy statement ${s.sid} must not allow anything`);
  }
  const tls = doc.statement.find((s) => s.sid === 'DenyInsecureTransport');
  assert.deepEqual(nested(tls, 'condition'), { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] });
});

test('server-side encryption is on, with SSE-S3 or KMS and nothing else', async () => {
  const { scope } = await storage();
  const sse = block(scope.module, 'resource', 'aws_s3_bucket_server_side_encryption_configuration', 'data');
  const byDefault = nested(nested(sse, 'rule'), 'apply_server_side_encryption_by_default');
  assert.ok(byDefault, 'apply_server_side_encryption_by_default missing');
  const algorithms = [...String(byDefault.sse_algorithm).matchAll(/"([^"]+)"|^([A-Za-z0-9:]+)$/g)].map((m) => m[1] ?? m[2]);
  assert.ok(algorithms.length > 0, `unrecognised sse_algorithm ${byDefault.sse_algorithm}`);
  for (const a of algorithms) assert.ok(['AES256', 'aws:kms'].includes(a), `unexpected algorithm ${a}`);
  // The default deployment (no KMS key) takes the SSE-S3 branch.
  assert.equal(scope.resolve('${var.kms_key_arn}'), null);
  assert.match(byDefault.sse_algorithm, /var\.kms_key_arn == null \? "AES256"/);
});

test('versioning is enabled', async () => {
  const { scope } = await storage();
  const versioning = block(scope.module, 'resource', 'aws_s3_bucket_versioning', 'data');
  assert.equal(nested(versioning, 'versioning_configuration').status, 'Enabled');
});

test('a lifecycle rule ages out old model versions under models/', async () => {
  const { scope } = await storage();
  const lifecycle = block(scope.module, 'resource', 'aws_s3_bucket_lifecycle_configuration', 'data');
  const rules = scope.resolve(lifecycle.rule);
  const modelRule = rules.find((r) => nested(r, 'filter')?.prefix === 'models/');
  assert.ok(modelRule, `no lifecycle rule filters on models/: ${JSON.stringify(rules.map((r) => r.filter))}`);
  assert.equal(modelRule.status, 'Enabled');
  const noncurrent = nested(modelRule, 'noncurrent_version_expiration');
  assert.ok(noncurrent.noncurrent_days > 0, 'overwritten model objects must expire');
  const transition = nested(modelRule, 'transition');
  assert.ok(transition.days > 0 && transition.storage_class === 'STANDARD_IA', 'old versions move to a cheaper class');
  const abort = rules.find((r) => nested(r, 'abort_incomplete_multipart_upload'));
  assert.ok(abort, 'incomplete multipart uploads (failed publishes) must be cleaned up');
});

test('no Allow statement grants "*" or a wildcard S3 action', async () => {
  const { config } = await rootScope();
  const statements = policyStatements(config);
  assert.ok(statements.length >= 8, `expected the policies of all roles, found ${statements.length}`);
  for (const { dir, docName, statement } of statements.filter((s) => isAllow(s.statement))) {
    for (const action of asList(statement.actions)) {
      assert.notEqual(action, '*', `${dir} ${docName}: Action "*"`);
      assert.ok(!(action.startsWith('s3:') && action.includes('*')), `${dir} ${docName}: wildcard S3 action ${action}`);
    }
    if (asList(statement.actions).some((a) => a.startsWith('s3:'))) {
      assert.ok(!asList(statement.resources).includes('*'), `${dir} ${docName}: S3 action on resource "*"`);
      assert.ok(!asList(statement.resources).some((r) => /bucket_arn\}?\/\*$/.test(r)),
        `${dir} ${docName}: S3 access to every key of the bucket`);
    }
  }
});

test('no role gets a broad AWS-managed policy', async () => {
  const { config } = await rootScope();
  const allowed = new Set(['arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role']);
  for (const [dir, module] of Object.entries(config.modules)) {
    for (const [name, [att]] of Object.entries(module.resource?.aws_iam_role_policy_attachment ?? {})) {
      assert.ok(allowed.has(att.policy_arn), `${dir} ${name} attaches ${att.policy_arn}`);
    }
  }
});

test('serving may only read and list the models prefix', async () => {
  const statements = (await dataAccessPolicy('serving')).filter(isAllow);
  const s3 = statements.filter((s) => s.actions.some((a) => a.startsWith('s3:')));
  const actions = new Set(s3.flatMap((s) => s.actions));
  assert.deepEqual([...actions].sort(), ['s3:GetObject', 's3:ListBucket']);
  for (const s of s3) {
    if (s.actions.includes('s3:GetObject')) {
      assert.deepEqual(s.resources, [`${BUCKET}/models/*`]);
    }
    if (s.actions.includes('s3:ListBucket')) {
      assert.deepEqual(s.resources, [BUCKET]);
      const prefixes = nested(s, 'condition');
      assert.equal(prefixes.variable, 's3:prefix');
      for (const p of prefixes.values) assert.ok(p.startsWith('models/'), `serving may list ${p}`);
    }
  }
});

test('training reads the events prefix and writes only models and reports', async () => {
  const statements = (await dataAccessPolicy('training')).filter(isAllow);
  const grants = (action) => statements.filter((s) => s.actions.includes(action)).flatMap((s) => s.resources);
  assert.ok(grants('s3:GetObject').includes(`${BUCKET}/events/*`), 'training must read events/');
  assert.deepEqual(grants('s3:PutObject'), [`${BUCKET}/models/*`, `${BUCKET}/reports/*`],
    'training writes models/ and its reports/ only, never its inputs');
  assert.deepEqual(grants('s3:DeleteObject'), [`${BUCKET}/models/*/manifest.json`],
    'training may only withdraw a damaged manifest, never events, model files or the pointer');
  for (const r of grants('s3:GetObject')) {
    assert.match(r, /^\$\{module\.storage\.bucket_arn\}\/.+\/\*$/, `read grant ${r} is not limited to a prefix`);
  }
  const list = statements.find((s) => s.actions.includes('s3:ListBucket'));
  const listed = nested(list, 'condition').values;
  assert.ok(listed.includes('events/*') && listed.includes('models/*'));
});

test('each role gets exactly its policy', async () => {
  const { config, scope, dir } = await rootScope();
  const recommend = instantiate(config, dir, scope, 'recommend');
  assert.equal(recommend.scope.vars.policy_json, '${module.data_access.serving_policy_json}');
  const training = instantiate(config, dir, scope, 'training');
  assert.equal(training.scope.vars.training_policy_json, '${module.data_access.training_policy_json}');
  const job = block(training.scope.module, 'resource', 'aws_iam_role_policy', 'job_data');
  assert.equal(job.policy, '${var.training_policy_json}');
  assert.match(block(training.scope.module, 'resource', 'aws_batch_job_definition', 'training').container_properties,
    /jobRoleArn\s*=\s*aws_iam_role\.job\.arn/);
  const fn = block(recommend.scope.module, 'resource', 'aws_iam_role_policy', 'data');
  assert.equal(fn.policy, '${var.policy_json}');
});

test('the retraining trigger starts the state machine and cannot submit Batch jobs itself', async () => {
  // The planned policy is asserted in tests/retrain_trigger.tftest.hcl; this checks the source text.
  const { config } = await rootScope();
  const module = config.modules['modules/retrain_trigger'];
  const trigger = module.locals.trigger_policy;
  assert.ok(trigger.includes('states:StartExecution'), 'the trigger starts the state machine');
  assert.ok(!trigger.includes('batch:SubmitJob'), 'the trigger must not hold batch:SubmitJob');
  const submitters = Object.entries(module.locals.service_role_permissions)
    .filter(([, permission]) => JSON.stringify(permission).includes('batch:SubmitJob'));
  assert.deepEqual(submitters.map(([role]) => role), ['start-training'], 'the state machine alone submits');
});
