import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraformFiles, parseFile, loadConfiguration } from './terraform.js';
import { parse } from '@cdktf/hcl2json';

test('every .tf file parses with the HCL parser', async () => {
  const files = terraformFiles();
  assert.ok(files.length >= 20, `expected the root and six modules, found only ${files.length} .tf files`);
  for (const file of files) {
    const parsed = await parseFile(file).catch((e) => assert.fail(`${file}: ${e.message}`));
    assert.ok(Object.keys(parsed).length > 0, `${file} parsed to nothing`);
  }
});

test('the parser rejects broken HCL, so a parse check can fail', async () => {
  await assert.rejects(parse('broken.tf', 'resource "aws_s3_bucket" "x" {\n  bucket = \n'), /Invalid expression/);
});

test('every variable has a description and a type, and every output a description', async () => {
  const { modules } = await loadConfiguration();
  for (const [dir, module] of Object.entries(modules)) {
    for (const [name, [decl]] of Object.entries(module.variable ?? {})) {
      assert.ok(decl.description?.length > 10, `${dir}: variable "${name}" needs a description`);
      assert.ok(decl.type, `${dir}: variable "${name}" needs a type`);
    }
    for (const [name, [decl]] of Object.entries(module.output ?? {})) {
      assert.ok(decl.description?.length > 5, `${dir}: output "${name}" needs a description`);
    }
  }
});

test('every module call names a module that exists and passes only declared variables', async () => {
  const { modules } = await loadConfiguration();
  const { instantiate, Scope } = await import('./terraform.js');
  let calls = 0;
  for (const [dir, module] of Object.entries(modules)) {
    for (const name of Object.keys(module.module ?? {})) {
      instantiate({ modules }, dir, new Scope(module), name); // throws on a missing source or variable
      calls++;
    }
  }
  assert.ok(calls >= 6, `expected the root to compose the modules, found ${calls} module calls`);
});

test('root variables without a default are only the ones a deployment must choose', async () => {
  const { modules } = await loadConfiguration();
  const required = Object.entries(modules['.'].variable)
    .filter(([, [decl]]) => !('default' in decl))
    .map(([name]) => name);
  assert.deepEqual(required, ['bucket_name']);
});

test('terraform.tfvars.example parses and sets only declared root variables', async () => {
  const { modules } = await loadConfiguration();
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { INFRA_DIR } = await import('./terraform.js');
  const file = path.join(INFRA_DIR, 'terraform.tfvars.example');
  const values = await parse('terraform.tfvars', fs.readFileSync(file, 'utf8'));
  const declared = modules['.'].variable;
  assert.ok('bucket_name' in values, 'the example must set the one required variable');
  for (const name of Object.keys(values)) {
    assert.ok(name in declared, `terraform.tfvars.example sets undeclared variable "${name}"`);
  }
});
