import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFilter, type FilterConfig, filterSchema } from '../../../src/events/filter.js';
import { sampleEvent } from '../../support/events.js';

const keeps = (config: FilterConfig, overrides: Parameters<typeof sampleEvent>[0] = {}) =>
  compileFilter(filterSchema.parse(config))!(sampleEvent(overrides));

test('no filter lets everything through without a function call', () => {
  assert.equal(compileFilter(undefined), undefined);
  assert.equal(compileFilter({}), undefined);
});

test('include: an event must match one rule; a rule needs every criterion it names', () => {
  const config = { include: [{ entryTypes: ['AF'] }, { entryTypes: ['PW'], users: ['qsecofr'] }] };
  assert.equal(keeps(config), false, 'PW by QUSER matches neither rule');
  assert.equal(keeps(config, { user: 'QSECOFR' }), true, 'user names ignore case');
  assert.equal(keeps(config, { entryType: 'AF' }), true);
});

test('exclude wins over include', () => {
  const config = { include: [{ entryTypes: ['PW'] }], exclude: [{ jobs: ['QPADEV*'] }] };
  assert.equal(keeps(config), false);
  assert.equal(keeps(config, { jobName: 'QZDASOINIT', job: '1/QUSER/QZDASOINIT' }), true);
});

test('entry types with sub-types and wildcards', () => {
  assert.equal(keeps({ include: [{ entryTypes: ['PW-P'] }] }), true);
  assert.equal(keeps({ include: [{ entryTypes: ['PW-Q'] }] }), false);
  assert.equal(keeps({ include: [{ entryTypes: ['Z*'] }] }, { entryType: 'ZR', subtype: 'F' }), true);
  assert.equal(keeps({ include: [{ entryTypes: ['Z?'] }] }, { entryType: 'ZRX' }), false);
});

test('objects, programs and jobs match the short and the qualified name', () => {
  const event = { object: 'EMPMAST', objectLibrary: 'PAYROLL', objectType: '*FILE' };
  assert.equal(keeps({ include: [{ objects: ['PAYROLL/*'] }] }, event), true);
  assert.equal(keeps({ include: [{ objects: ['EMPMAST'] }] }, event), true);
  assert.equal(keeps({ include: [{ objects: ['QTEMP/*'] }] }, event), false);
  assert.equal(keeps({ include: [{ objectTypes: ['*PGM'] }] }, event), false);
  assert.equal(keeps({ include: [{ programs: ['QSYS/QWTM*'] }] }), true);
  assert.equal(keeps({ include: [{ jobs: ['*/QUSER/*'] }] }), true);
});

test('paths: * crosses slashes; the pattern is not a regular expression', () => {
  assert.equal(keeps({ include: [{ paths: ['/home/*'] }] }, { path: '/home/bob/.ssh/id_rsa' }), true);
  assert.equal(keeps({ include: [{ paths: ['/home/(a|b)'] }] }, { path: '/home/a' }), false);
  assert.equal(keeps({ include: [{ paths: ['/home/(a|b)'] }] }, { path: '/home/(a|b)' }), true);
  assert.equal(keeps({ include: [{ paths: ['/etc/*'] }] }, { path: undefined }), false);
});

test('client addresses: exact, CIDR, IPv6 and IPv4-mapped IPv6', () => {
  assert.equal(keeps({ include: [{ remoteAddresses: ['10.0.0.0/8'] }] }), true);
  assert.equal(keeps({ include: [{ remoteAddresses: ['10.1.2.4'] }] }), false);
  assert.equal(
    keeps({ include: [{ remoteAddresses: ['10.1.2.0/30'] }] }, { remoteAddress: '::ffff:10.1.2.3' }),
    true,
  );
  assert.equal(keeps({ include: [{ remoteAddresses: ['fd00::/8'] }] }, { remoteAddress: 'fd12::1' }), true);
  assert.equal(keeps({ include: [{ remoteAddresses: ['fd00::/8'] }] }, { remoteAddress: 'fe80::1' }), false);
  assert.equal(keeps({ include: [{ remoteAddresses: ['0.0.0.0/0'] }] }, { remoteAddress: undefined }), false);
  assert.equal(filterSchema.safeParse({ include: [{ remoteAddresses: ['10.0.0.0/33'] }] }).success, false);
  assert.equal(filterSchema.safeParse({ include: [{ remoteAddresses: ['host.example'] }] }).success, false);
});

test('severity, outcome and action', () => {
  assert.equal(keeps({ include: [{ minSeverity: 'warning' }] }), true, 'PW is a warning');
  assert.equal(keeps({ include: [{ minSeverity: 'error' }] }), false);
  assert.equal(keeps({ include: [{ outcomes: ['failure'] }] }), true);
  assert.equal(keeps({ exclude: [{ actions: ['object-*'] }] }, { action: 'object-read' }), false);
});

test('the schema refuses unknown criteria and empty lists', () => {
  assert.equal(filterSchema.safeParse({ include: [{ user: ['A'] }] }).success, false);
  assert.equal(filterSchema.safeParse({ include: [{ users: [] }] }).success, false);
  assert.equal(filterSchema.safeParse({ include: [] }).success, false);
});
