// Reads the Terraform configuration as Terraform would see it, minus the provider: every .tf file
// parsed with HashiCorp's HCL parser (@cdktf/hcl2json), grouped into modules, with a small resolver
// that substitutes var.* and local.* references so that tests can assert on the values a module
// really receives from its caller (e.g. the serving policy's resources as instantiated by the root).
import { parse } from '@cdktf/hcl2json';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const INFRA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_DIRS = new Set(['node_modules', '.terraform', 'tests', 'target']);

export function terraformFiles(dir = INFRA_DIR) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
      found.push(...terraformFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.tf')) {
      found.push(full);
    }
  }
  return found.sort();
}

export async function parseFile(file) {
  return parse(path.basename(file), fs.readFileSync(file, 'utf8'));
}

// Merges the parsed files of one directory the way Terraform merges a module's files.
function mergeInto(target, parsed) {
  for (const [blockType, byName] of Object.entries(parsed)) {
    if (blockType === 'locals') {
      target.locals = Object.assign(target.locals ?? {}, ...byName);
      continue;
    }
    target[blockType] ??= {};
    for (const [name, value] of Object.entries(byName)) {
      if (Array.isArray(value) || typeof value !== 'object') {
        target[blockType][name] = value;
      } else {
        target[blockType][name] = Object.assign(target[blockType][name] ?? {}, value);
      }
    }
  }
  return target;
}

let cache;

/** Parsed configuration: { modules: { '.': {...}, 'modules/storage': {...}, ... } }. */
export async function loadConfiguration() {
  if (cache) return cache;
  const modules = {};
  for (const file of terraformFiles()) {
    const dir = path.relative(INFRA_DIR, path.dirname(file)) || '.';
    mergeInto((modules[dir] ??= {}), await parseFile(file));
  }
  cache = { modules };
  return cache;
}

/** The only block of `type.name` in a module (Terraform allows one), failing loudly if absent. */
export function block(module, type, kind, name) {
  const blocks = module?.[type]?.[kind]?.[name];
  if (!blocks) throw new Error(`${type} ${kind}.${name} not found`);
  return blocks[0];
}

/** The first instance of a nested block such as `rule` or `filter` (hcl2json makes them lists). */
export function nested(blockValue, name) {
  const v = blockValue?.[name];
  return Array.isArray(v) ? v[0] : v;
}

const REFERENCE = /\$\{\s*(var|local)\.([A-Za-z0-9_]+)\s*\}/g;
const WHOLE_REFERENCE = /^\$\{\s*(var|local)\.([A-Za-z0-9_]+)\s*\}$/;

/**
 * A module as instantiated: its variables (defaults overridden by the caller's arguments, which
 * are resolved in the caller's scope) and its locals. Values that are not plain references stay as
 * Terraform expressions, e.g. "${module.storage.bucket_arn}".
 */
export class Scope {
  constructor(module, args = {}) {
    this.module = module;
    this.vars = {};
    for (const [name, [decl]] of Object.entries(module.variable ?? {})) {
      if ('default' in decl) this.vars[name] = decl.default;
    }
    Object.assign(this.vars, args);
    this.locals = module.locals ?? {};
  }

  resolve(value, depth = 0) {
    if (depth > 20) throw new Error(`reference cycle while resolving ${JSON.stringify(value)}`);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, depth));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v, depth)]));
    }
    if (typeof value !== 'string') return value;
    const whole = value.match(WHOLE_REFERENCE);
    if (whole) {
      const target = this.lookup(whole[1], whole[2]);
      return target === undefined ? value : this.resolve(target, depth + 1);
    }
    return value.replace(REFERENCE, (text, kind, name) => {
      const target = this.lookup(kind, name);
      if (target === undefined) return text;
      const resolved = this.resolve(target, depth + 1);
      return typeof resolved === 'string' || typeof resolved === 'number' ? String(resolved) : text;
    });
  }

  lookup(kind, name) {
    return kind === 'var' ? this.vars[name] : this.locals[name];
  }
}

/** Instantiates `module "<callName>"` of a caller scope: the callee's scope with resolved arguments. */
export function instantiate(config, callerDir, callerScope, callName) {
  const call = callerScope.module.module?.[callName]?.[0];
  if (!call) throw new Error(`module "${callName}" not called in ${callerDir}`);
  const calleeDir = path.normalize(path.join(callerDir, call.source));
  const callee = config.modules[calleeDir];
  if (!callee) throw new Error(`module source ${call.source} of "${callName}" not found (${calleeDir})`);
  const args = {};
  for (const [name, value] of Object.entries(call)) {
    if (name !== 'source' && name !== 'depends_on') args[name] = callerScope.resolve(value);
  }
  for (const name of Object.keys(args)) {
    if (!(name in (callee.variable ?? {}))) {
      throw new Error(`module "${callName}" passes "${name}", which ${calleeDir} does not declare`);
    }
  }
  return { dir: calleeDir, scope: new Scope(callee, args), call };
}

/** The root module's scope (variable defaults), the place every deployment starts from. */
export async function rootScope() {
  const config = await loadConfiguration();
  return { config, dir: '.', scope: new Scope(config.modules['.']) };
}

/** Every IAM policy statement in the configuration: plain and dynamic `statement` blocks. */
export function policyStatements(config) {
  const found = [];
  for (const [dir, module] of Object.entries(config.modules)) {
    for (const [docName, [doc]] of Object.entries(module.data?.aws_iam_policy_document ?? {})) {
      for (const s of doc.statement ?? []) found.push({ dir, docName, statement: s });
      for (const d of doc.dynamic?.statement ?? []) {
        for (const s of d.content ?? []) found.push({ dir, docName, statement: s });
      }
    }
  }
  return found;
}

export function isAllow(statement) {
  return statement.effect === undefined || statement.effect === 'Allow';
}
