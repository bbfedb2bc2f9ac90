import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IbmiMessage } from '../../../../src/ibmi/messages/message.js';
import { compileSelection, selectSchema } from '../../../../src/sources/messages/select.js';

const message = (id: string | null, severity: number, type = 'INFORMATIONAL'): IbmiMessage => ({
  origin: 'QSYSOPR',
  id,
  type,
  subtype: null,
  severity,
  timestamp: '2026-11-27-10.00.00.000000',
  fromUser: null,
  fromJob: null,
  fromProgram: null,
  file: null,
  fileLibrary: null,
  text: null,
  secondLevel: null,
});

test('defaults: security IDs and the 22xx range whatever their severity, anything of severity 40+, inquiries; not job start and end', () => {
  const keep = compileSelection(selectSchema.parse(undefined));
  assert.equal(keep(message('CPF1393', 0)), true);
  assert.equal(keep(message('CPF2204', 0)), true);
  assert.equal(keep(message('CPF22A1', 0)), true, 'CPF22*');
  assert.equal(keep(message('CPI2209', 0)), true, 'CPI22*');
  assert.equal(keep(message('CPF1124', 0)), false);
  assert.equal(keep(message('CPF1164', 0)), false);
  assert.equal(keep(message('CPF5140', 40)), true, 'severity 40');
  assert.equal(keep(message(null, 0, 'INQUIRY')), true, 'an impromptu inquiry');
  assert.equal(keep(message(null, 0)), false, 'an impromptu informational message');
});

test('every message, minimum severity, types and exclusions', () => {
  const all = compileSelection(selectSchema.parse({ messageIds: ['*'], excludeMessageIds: ['CPF1164'] }));
  assert.equal(all(message('CPF1124', 0)), true);
  assert.equal(all(message(null, 0)), true);
  assert.equal(all(message('CPF1164', 0)), false);
  const severe = compileSelection(
    selectSchema.parse({
      messageIds: [],
      minSeverity: 80,
      inquiries: false,
      messageTypes: ['INFORMATIONAL'],
    }),
  );
  assert.equal(severe(message('CPF0907', 80)), true);
  assert.equal(severe(message('CPF0907', 70)), false);
  assert.equal(severe(message('CPA0701', 99, 'INQUIRY')), false, 'type not allowed');
  assert.throws(() => selectSchema.parse({ messageIds: ['CPF-1'] }));
});
