import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROFILE_NAMES, PROFILES, withProfile } from '../../../src/agent/profiles.js';
import {
  AUDITRELAY_VERSION,
  compileFormat,
  FORMAT_DEFAULTS,
  resolveFormatOptions,
} from '../../../src/formats/index.js';
import { sampleEvent } from '../../support/events.js';
import { ROOT } from '../../support/peers.js';

test('the product version in CEF and LEEF headers is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(AUDITRELAY_VERSION, pkg.version);
  assert.equal(FORMAT_DEFAULTS.version, pkg.version);
});

test('defaults: RFC 5424, PEN 0 (never the documentation number 32473), headers per format', () => {
  assert.equal(resolveFormatOptions().format, 'rfc5424');
  assert.equal(resolveFormatOptions().enterpriseNumber, 0);
  assert.equal(resolveFormatOptions({ format: 'cef' }).header, 'rfc3164');
  assert.equal(resolveFormatOptions({ format: 'leef2' }).header, 'rfc3164');
  assert.equal(resolveFormatOptions({ format: 'json' }).header, 'none');
  assert.equal(resolveFormatOptions({ format: 'json', header: 'rfc5424' }).header, 'rfc5424');
  assert.ok(compileFormat()(sampleEvent()).includes('[auditrelay@0 '));
});

test('each profile picks a format and header; explicit options win over the profile', () => {
  const expected = {
    qradar: ['leef1', 'rfc3164'],
    arcsight: ['cef', 'rfc3164'],
    splunk: ['json', 'none'],
    sentinel: ['cef', 'rfc3164'],
    elastic: ['cef', 'rfc5424'],
    'google-secops': ['cef', 'rfc3164'],
    logrhythm: ['cef', 'rfc3164'],
  };
  assert.deepEqual([...PROFILE_NAMES].sort(), Object.keys(expected).sort());
  for (const name of PROFILE_NAMES) {
    const options = resolveFormatOptions(withProfile({ profile: name }));
    assert.deepEqual([options.format, options.header], expected[name], name);
    assert.equal(PROFILES[name].transport.transport, 'tcp');
  }
  const qradar = compileFormat(withProfile({ profile: 'qradar' }))(sampleEvent());
  assert.ok(qradar.startsWith('<108>Nov 27 10:15:30 PROD01 LEEF:1.0|AuditRelay|IBM i Audit|'), qradar);
  const mine = resolveFormatOptions(
    withProfile({
      profile: 'qradar',
      format: 'leef2',
      leefDelimiter: '~',
      header: undefined,
    }),
  );
  assert.deepEqual([mine.format, mine.header, mine.leefDelimiter], ['leef2', 'rfc3164', '~']);
  assert.equal(resolveFormatOptions(withProfile({ profile: 'google-secops' })).cefJobKey, 'sproc');
  assert.equal(resolveFormatOptions(withProfile({ profile: 'arcsight' })).cefJobKey, 'deviceProcessName');
  assert.equal(resolveFormatOptions(withProfile({ profile: 'splunk' })).jsonStyle, 'cim');
  const elasticHttp = resolveFormatOptions(withProfile({ profile: 'elastic' }, true));
  assert.deepEqual([elasticHttp.format, elasticHttp.jsonStyle], ['json', 'ecs']);
  assert.equal(resolveFormatOptions(withProfile({ profile: 'qradar' }, true)).format, 'leef1');
});

test('docs/siem-profiles.md explains every profile and its defaults', () => {
  const doc = readFileSync(join(ROOT, 'docs/siem-profiles.md'), 'utf8');
  for (const name of PROFILE_NAMES) {
    const section = doc.split(/^## /m).find((part) => part.startsWith(`\`${name}\``));
    assert.ok(section, `no "## \`${name}\`" section`);
    const defaults = section.split('\n').find((line) => line.startsWith('**Profile defaults:**')) ?? '';
    for (const [key, value] of Object.entries(PROFILES[name].format)) {
      assert.ok(
        defaults.includes(`\`${key}: ${value}\``),
        `${name}: ${key}: ${value} not stated in its defaults`,
      );
    }
    assert.ok(defaults.includes(`transport ${PROFILES[name].transport.transport.toUpperCase()}`), name);
  }
});
