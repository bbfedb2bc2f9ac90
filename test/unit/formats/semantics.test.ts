/**
 * The one mapping table (src/formats/semantics.ts): every formatter follows it, everything
 * generated from it is up to date, and its vocabulary stays inside what each SIEM allows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { SecurityEvent } from '../../../src/core/event.js';
import { compileFormat } from '../../../src/formats/index.js';
import {
  ACTIONS,
  actionSpec,
  cimAction,
  ecsTypes,
  FAMILIES,
  FAMILY_SPECS,
  type Family,
  meaningOf,
  rolesOf,
  roleUser,
  USER_ROLES,
  type Verb,
} from '../../../src/formats/semantics.js';
import { catalogEntryTypes, specFor } from '../../../src/ibmi/journal/catalog.js';
import { sampleEvent } from '../../support/events.js';
import { ROOT } from '../../support/peers.js';

test('docs/fields.md, docs/siem-profiles.md and integrations/ match the mapping table', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/gen-semantics-docs.ts', '--check'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
});

test('every action an entry type sets has a family (none falls into "other" unnoticed)', () => {
  const unlisted = catalogEntryTypes()
    .map((type) => specFor(type).action)
    .filter((action) => !Object.hasOwn(ACTIONS, action));
  assert.deepEqual(unlisted, []);
  assert.equal(actionSpec('constructor').family, 'other', 'event text never reaches Object.prototype');
  assert.equal(meaningOf(sampleEvent({ action: 'job-change', subtype: 'toString' })).verb, 'change');
});

/** One event per family and verb the table knows. */
function examples(): { family: Family; verb: Verb; event: SecurityEvent }[] {
  const out: { family: Family; verb: Verb; event: SecurityEvent }[] = [];
  for (const [action, spec] of Object.entries(ACTIONS)) {
    const variants: [Verb, Partial<SecurityEvent>][] = [[spec.verb, { subtype: undefined }]];
    for (const [subtype, verb] of Object.entries(spec.bySubtype ?? {})) variants.push([verb, { subtype }]);
    for (const [value, verb] of Object.entries(spec.byField?.values ?? {})) {
      variants.push([verb, { fields: { [spec.byField!.key]: value } }]);
    }
    for (const [verb, overrides] of variants) {
      out.push({
        family: spec.family,
        verb,
        event: sampleEvent({ action, user: 'ACTOR', targetUser: 'TARGET', ...overrides }),
      });
    }
  }
  return out;
}

test('every formatter puts each user role where the table says, for every family and verb', () => {
  const cef = compileFormat({ format: 'cef', header: 'none' });
  const leef = compileFormat({ format: 'leef1', header: 'none' });
  const ecs = compileFormat({ format: 'json', jsonStyle: 'ecs' });
  const cim = compileFormat({ format: 'json', jsonStyle: 'cim' });
  for (const { family, verb, event } of examples()) {
    const meaning = meaningOf(event);
    assert.deepEqual([meaning.family, meaning.verb], [family, verb], event.action);
    const roles = rolesOf(meaning);
    const cefLine = cef(event);
    const leefPairs = new Map(
      leef(event)
        .split('|')
        .slice(5)
        .join('|')
        .split('\t')
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    const ecsObject = JSON.parse(ecs(event));
    const cimObject = JSON.parse(cim(event));
    const at = (object: Record<string, unknown>, path: string) =>
      path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], object);
    for (const role of USER_ROLES) {
      const keys = roles[role];
      const value = roleUser(role, event, meaning);
      if (!keys || !value) continue;
      const where = `${event.action} (${family}/${verb}) ${role}`;
      assert.ok(cefLine.includes(` ${keys.cef}=${value} `), `${where}: CEF ${keys.cef}`);
      assert.equal(leefPairs.get(keys.leef!), value, `${where}: LEEF ${keys.leef}`);
      assert.equal(at(ecsObject, keys.ecs!), value, `${where}: ECS ${keys.ecs}`);
      if (keys.cim) assert.equal(cimObject[keys.cim], value, `${where}: CIM ${keys.cim}`);
    }
    assert.equal(leefPairs.get('cat'), `${family}/${verb}`);
    assert.ok(cefLine.includes(` cat=${family}/${verb} `));
    assert.equal(cimObject.family, family);
    assert.equal(cimObject.action, cimAction(meaning, event.outcome));
    const spec = FAMILY_SPECS[family].ecs;
    assert.equal(ecsObject.event.kind, spec.kind);
    assert.deepEqual(ecsObject.event.category, spec.category.length ? spec.category : undefined);
  }
});

test('the account that tried to authenticate is the user in every format; the job user is no actor', () => {
  // The example: a failed sign-on of MBROWN in a job of QUSER.
  const event = sampleEvent({ user: 'QUSER', jobUser: 'QUSER', targetUser: 'MBROWN' });
  const leef = compileFormat({ format: 'leef1', header: 'none' })(event);
  const cef = compileFormat({ format: 'cef', header: 'none' })(event);
  const ecs = JSON.parse(compileFormat({ format: 'json', jsonStyle: 'ecs' })(event));
  const cim = JSON.parse(compileFormat({ format: 'json', jsonStyle: 'cim' })(event));
  assert.match(leef, /\tusrName=MBROWN\t/);
  assert.match(cef, / duser=MBROWN /);
  assert.ok(!cef.includes('suser='));
  assert.deepEqual(ecs.user, { name: 'MBROWN' });
  assert.deepEqual(
    [cim.user, cim.action, cim.app, cim.src, cim.dest],
    ['MBROWN', 'failure', 'ibmi:signon', '10.1.2.3', 'PROD01'],
  );
});

// ECS 8.17 allowed values (schemas/event.yml, "expected_event_types"), transcribed from ECS.
const ECS_EXPECTED_TYPES: Record<string, string[]> = {
  authentication: ['start', 'end', 'info'],
  configuration: ['access', 'change', 'creation', 'deletion', 'info'],
  database: ['access', 'change', 'info', 'error'],
  file: ['access', 'change', 'creation', 'deletion', 'info'],
  iam: ['admin', 'change', 'creation', 'deletion', 'group', 'info', 'user'],
  intrusion_detection: ['allowed', 'denied', 'info'],
  network: ['access', 'allowed', 'connection', 'denied', 'end', 'info', 'protocol', 'start'],
  process: ['access', 'change', 'end', 'info', 'start'],
};
// Splunk CIM 8.5 prescribed `action` values per data model (values outside them are marked).
const CIM_ACTIONS: Record<string, string[]> = {
  Authentication: ['success', 'failure', 'pending', 'error'],
  Change: [
    'acl_modified',
    'cleared',
    'created',
    'deleted',
    'modified',
    'stopped',
    'lockout',
    'read',
    'logoff',
    'updated',
    'started',
    'restarted',
    'unlocked',
  ],
  Intrusion_Detection: ['allowed', 'blocked'],
  Network_Sessions: ['started', 'ended', 'blocked'],
  Endpoint: ['allowed', 'blocked', 'deferred'],
};
/** Values we chose outside CIM's prescribed lists, each argued in docs/fields.md. */
const CIM_CHOSEN = new Set(['authentication:logoff', 'authorization-failure:blocked']);

test('ECS categories and types, and CIM actions, stay inside what each schema allows', () => {
  for (const { family, verb } of examples()) {
    const meaning = { family, verb, category: `${family}/${verb}` };
    const spec = FAMILY_SPECS[family];
    for (const outcome of ['success', 'failure', 'unknown'] as const) {
      for (const category of spec.ecs.category) {
        const allowed = ECS_EXPECTED_TYPES[category];
        assert.ok(allowed, `${family}: ECS category ${category}`);
        const types = ecsTypes(meaning, outcome);
        // IAM events carry the target type (user) next to the activity type.
        for (const type of types) assert.ok(allowed.includes(type), `${family}/${verb}: ${category} ${type}`);
      }
      const action = cimAction(meaning, outcome);
      if (spec.cim.tags.length === 0 || action === undefined) continue;
      const model = spec.cim.model.split(' ')[0]!;
      assert.ok(
        CIM_ACTIONS[model]?.includes(action) || CIM_CHOSEN.has(`${family}:${action}`),
        `${family}/${verb} ${outcome}: CIM ${model} action ${action}`,
      );
    }
  }
  for (const family of FAMILIES) assert.ok(FAMILY_SPECS[family].summary.length > 0);
});
