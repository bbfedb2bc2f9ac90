/**
 * Golden tests: entry-specific data written at the J5 offsets of IBM's layout tables (typed
 * in here, page by page), decoded with the catalog. A wrong catalog offset fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutFor } from '../../../src/ibmi/journal/catalog.js';
import { decodeEntry } from '../../../src/ibmi/journal/decode.js';
import { entryData, journalEntry, type Put } from '../../support/golden.js';

function decode(entryType: string, lastOffset: number, puts: Put[]) {
  const entry = journalEntry(entryType, entryData(lastOffset, puts));
  const decoded = decodeEntry(entry, layoutFor(entryType), { ccsid: 37 });
  assert.deepEqual(decoded.issues, [], `${entryType} decoded with issues`);
  return decoded;
}

// IBM rzarlf45 (PW), 7.3: 610 violation type, 611 user name C10, 621 device C40.
for (const violation of [
  'A',
  'C',
  'D',
  'E',
  'P',
  'Q',
  'R',
  'S',
  'U',
  'X',
  'Y',
  'Z',
  'F',
  'G',
  'K',
  'O',
  'T',
]) {
  test(`PW ${violation}`, () => {
    const d = decode('PW', 712, [
      [610, 'char', 1, violation],
      [611, 'char', 10, 'JSMITH'],
      [621, 'char', 40, 'QPADEV0007'],
    ]);
    assert.equal(d.subtype, violation);
    assert.equal(d.fields['userName'], 'JSMITH');
    assert.equal(d.fields['deviceName'], 'QPADEV0007');
    assert.ok(layoutFor('PW')!.fields[0]!.values![violation], `meaning of PW ${violation}`);
  });
}

// IBM rzarlf06 (AF), 7.4: 610 violation type; 611 object name (C10), then library and type.
test('AF A: not authorized to object', () => {
  const d = decode('AF', 638, [
    [610, 'char', 1, 'A'],
    [611, 'char', 10, 'EMPMAST'],
    [621, 'char', 10, 'PAYROLL'],
    [631, 'char', 8, '*FILE'],
  ]);
  assert.equal(d.subtype, 'A');
  assert.deepEqual(
    [d.fields['objectName'], d.fields['libraryName'], d.fields['objectType']],
    ['EMPMAST', 'PAYROLL', '*FILE'],
  );
});

// IBM rzarlf09 (CA), 7.3: 639 user C10, 649 authorization list C10, 659–671 Y/N, 676 command C3.
test('CA A: grant', () => {
  const d = decode('CA', 678, [
    [610, 'char', 1, 'A'],
    [611, 'char', 10, 'EMPMAST'],
    [621, 'char', 10, 'PAYROLL'],
    [631, 'char', 8, '*FILE'],
    [639, 'char', 10, 'KLEE'],
    [649, 'char', 10, 'PAYAUTL'],
    [659, 'char', 1, 'N'],
    [661, 'char', 1, 'Y'],
    [664, 'char', 1, 'Y'],
    [668, 'char', 1, 'N'],
    [669, 'char', 1, 'Y'],
    [676, 'char', 3, 'GRT'],
  ]);
  assert.equal(d.fields['userName'], 'KLEE');
  assert.equal(d.fields['authorizationListName'], 'PAYAUTL');
  assert.equal(d.fields['objectOperational'], 'Y');
  assert.equal(d.fields['readAuthority'], 'Y');
  assert.equal(d.fields['executeAuthority'], 'Y');
  assert.equal(d.fields['excludeAuthority'], 'N');
  assert.equal(d.fields['commandType'], 'GRT');
});

// IBM rzarlf12 (CP), 7.1–7.6: 611 profile, 639 command C3, 642–644 password flags, 645–652 special authorities, 666 group, 676 owner.
for (const command of ['CRT', 'CHG', 'RST', 'DST', 'RPA', 'SQL']) {
  test(`CP A ${command}`, () => {
    const d = decode('CP', 685, [
      [610, 'char', 1, 'A'],
      [611, 'char', 10, 'MBROWN'],
      [621, 'char', 10, 'QSYS'],
      [631, 'char', 8, '*USRPRF'],
      [639, 'char', 3, command],
      [642, 'char', 1, 'Y'],
      [645, 'char', 1, 'Y'],
      [648, 'char', 1, 'N'],
      [652, 'char', 1, 'Y'],
      [653, 'char', 1, 'N'],
      [666, 'char', 10, 'STAFF'],
      [676, 'char', 10, 'QSECOFR'],
    ]);
    assert.equal(d.fields['userProfileName'], 'MBROWN');
    assert.equal(d.fields['commandName'], command);
    assert.equal(d.fields['passwordChanged'], 'Y');
    assert.equal(d.fields['allObjectSpecialAuthority'], 'Y');
    assert.equal(d.fields['securityAdministratorAuth'], 'N');
    assert.equal(d.fields['systemConfigurationAuth'], 'Y');
    assert.equal(d.fields['previousAllObjectAuth'], 'N');
    assert.equal(d.fields['groupProfile'], 'STAFF');
    assert.equal(d.fields['owner'], 'QSECOFR');
  });
}

// IBM rzarlf61 (SV), 7.3: 611 name C10, 621 new C250, 871 old C250, 1121/1371 continued, 1621/2621 extension C1000.
for (const subtype of ['A', 'B', 'C', 'D', 'E', 'F']) {
  test(`SV ${subtype}`, () => {
    const d = decode('SV', 3620, [
      [610, 'char', 1, subtype],
      [611, 'char', 10, 'QAUDLVL'],
      [621, 'char', 250, '*AUTFAIL *SECURITY'],
      [871, 'char', 250, '*AUTFAIL *CREATE *DELETE'],
      [1121, 'char', 250, 'NEWCONT'],
      [1621, 'char', 1000, 'NEWEXT'],
      [2621, 'char', 1000, 'OLDEXT'],
    ]);
    assert.equal(d.subtype, subtype);
    assert.equal(d.fields['systemValueOrServiceAttribute'], 'QAUDLVL');
    assert.equal(d.fields['newValue'], '*AUTFAIL *SECURITY');
    assert.equal(d.fields['oldValue'], '*AUTFAIL *CREATE *DELETE');
    assert.equal(d.fields['newValueContinued'], 'NEWCONT');
    assert.equal(d.fields['newValueContinuedExtension'], 'NEWEXT');
    assert.equal(d.fields['oldValueContinuedExtension'], 'OLDEXT');
  });
}

// IBM rzarlf18 (DO), 7.3: 639 object attribute C10, 659 office user, 669 DLO name C12, 689 folder path C63.
test('DO A: object deleted', () => {
  const d = decode('DO', 760, [
    [610, 'char', 1, 'A'],
    [611, 'char', 10, 'WRK1234'],
    [621, 'char', 10, 'QGPL'],
    [631, 'char', 8, '*FILE'],
    [639, 'char', 10, 'PF'],
    [669, 'char', 12, 'MEMO.TXT'],
    [689, 'char', 63, 'QDLS/FOLDER1'],
  ]);
  assert.deepEqual(
    [d.fields['objectName'], d.fields['objectAttribute'], d.fields['dloName'], d.fields['folderPath']],
    ['WRK1234', 'PF', 'MEMO.TXT', 'QDLS/FOLDER1'],
  );
});

// ZR (rzarlf78) and ZC, 7.3: 639 access type Packed(5,0), 642 access-specific data C50, 710 name length Bin(4), 712 CCSID Bin(5).
for (const [type, subtype, access] of [
  ['ZR', 'R', 35],
  ['ZC', 'C', 7],
  ['ZC', 'U', 30],
] as const) {
  test(`${type} ${subtype} access ${access}`, () => {
    const d = decode(type, 720, [
      [610, 'char', 1, subtype],
      [611, 'char', 10, 'EMPMAST'],
      [621, 'char', 10, 'PAYROLL'],
      [631, 'char', 8, '*FILE'],
      [639, 'packed', 3, access],
      [642, 'char', 50, 'MBR01'],
      [710, 'bin2', 2, 0],
      [712, 'bin4', 4, 37],
    ]);
    assert.equal(d.fields['accessType'], String(access));
    assert.equal(d.fields['accessSpecificData'], 'MBR01');
    assert.equal(d.fields['objectNameCcsid'], 37);
  });
}

// JS (rzarlf28), 7.3/7.4: 611 job type, 612 subtype, 613 job, 623 user, 633 number C6, 639 device, 649 effective user.
for (const subtype of ['A', 'B', 'C', 'E', 'H', 'I', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V']) {
  test(`JS ${subtype}`, () => {
    const d = decode('JS', 728, [
      [610, 'char', 1, subtype],
      [611, 'char', 1, 'I'],
      [613, 'char', 10, 'QPADEV0003'],
      [623, 'char', 10, 'AGARCIA'],
      [633, 'char', 6, '654321'],
      [639, 'char', 10, 'QPADEV0003'],
      [649, 'char', 10, 'AGARCIA'],
      [719, 'char', 10, 'PRT01'],
    ]);
    assert.equal(d.subtype, subtype);
    assert.deepEqual(
      [d.fields['jobType'], d.fields['jobName'], d.fields['jobUserName'], d.fields['jobNumber']],
      ['I', 'QPADEV0003', 'AGARCIA', '654321'],
    );
    assert.equal(d.fields['effectiveUserProfile'], 'AGARCIA');
    assert.equal(d.fields['printerDevice'], 'PRT01');
  });
}

test('CO: object fields (layout unconfirmed, see catalog)', () => {
  const d = decode('CO', 638, [
    [610, 'char', 1, 'N'],
    [611, 'char', 10, 'TMP1'],
    [621, 'char', 10, 'QTEMP'],
    [631, 'char', 8, '*USRSPC'],
  ]);
  assert.equal(d.subtype, 'N');
  assert.equal(d.fields['objectType'], '*USRSPC');
});
