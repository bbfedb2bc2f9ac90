/**
 * Golden tests, part 2: each `IbmPage` below is typed in from IBM's "XX (…) journal entries"
 * layout table (J5 offset, IBM field name, IBM format, and the codes IBM lists), page by page,
 * as found with the search tool in the stored copies named in `source`. Nothing here is read
 * from the catalog or the simulator: the catalog is only looked up by J5 offset and must agree
 * with IBM on name, length, kind and decoded value. A layout test collects every disagreement
 * of one type and fails with the whole list.
 *
 * Comments marked "FOUND" record catalog errors these tests caught (since fixed in the catalog).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutFor } from '../../../src/ibmi/journal/catalog.js';
import { type DecodedEntry, type DecodeOptions, decodeEntry } from '../../../src/ibmi/journal/decode.js';
import { entryData, journalEntry, type Put } from '../../support/golden.js';

/** Where a field's length and CCSID come from, and the CCSID the test writes its text in. */
interface Tagged {
  lengthAt?: number;
  ccsidAt?: number;
  /** CCSID of the written text: 1200 writes UTF-16BE, anything else EBCDIC via iconv. */
  ccsid?: number;
  /** IBM footnote "variable length field: the first two bytes contain the length". */
  varlen?: boolean;
}

/** One line of IBM's table: J5 offset, field name, format as IBM prints it, and a sample value. */
type Row = [offset: number, ibmName: string, format: string, value: string | number, tagged?: Tagged];

interface IbmPage {
  type: string;
  /** IBM page(s) and release(s) the rows were typed in from. */
  source: string;
  /** Every code IBM lists for J5 offset 610; empty when the stored copies dropped the list. */
  subtypes: readonly string[];
  /** Sub-type byte written when `subtypes` is empty (not checked for a meaning). */
  sample?: string;
  rows: readonly Row[];
  /** Further coded fields: J5 offset → the codes IBM lists for it. */
  codes?: Readonly<Record<number, readonly string[]>>;
  /** IBM's "(Reserved Area)" rows: J5 offset and bytes; no catalog field may overlap them. */
  reserved?: readonly (readonly [offset: number, bytes: number])[];
}

interface Format {
  bytes: number;
  put: Put[1];
  kind: string;
  scale: number;
}

/** IBM's formats: Binary(4) is 2 bytes, Binary(5) is 4 bytes (IBM rzarllayout, "Layout of audit journal entries"). */
function ibmFormat(format: string): Format {
  const char = /^Char\s*\((\d+)\)$/i.exec(format);
  if (char) return { bytes: Number(char[1]), put: 'char', kind: 'char', scale: 0 };
  if (/^Bin(ary)?\s*\(4\)$/i.test(format)) return { bytes: 2, put: 'bin2', kind: 'bin2', scale: 0 };
  if (/^Bin(ary)?\s*\(5\)$/i.test(format)) return { bytes: 4, put: 'bin4', kind: 'bin4', scale: 0 };
  const packed = /^Packed\s*\((\d+),\s*(\d+)\)$/i.exec(format);
  if (packed) {
    const bytes = Math.floor(Number(packed[1]) / 2) + 1;
    return { bytes, put: 'packed', kind: 'packed', scale: Number(packed[2]) };
  }
  const zoned = /^Zoned\s*\((\d+),\s*(\d+)\)$/i.exec(format);
  if (zoned) return { bytes: Number(zoned[1]), put: 'zoned', kind: 'zoned', scale: Number(zoned[2]) };
  throw new Error(`IBM format ${format} is not handled by this test`);
}

function isTagged(tagged: Tagged | undefined): boolean {
  return tagged?.lengthAt !== undefined || tagged?.ccsidAt !== undefined;
}

/** Bytes the sample text takes in its CCSID (all samples are single-byte EBCDIC or BMP UTF-16). */
function encodedLength(text: string, ccsid: number): number {
  return ccsid === 1200 ? 2 * text.length : text.length;
}

function toPuts([offset, , format, value, tagged]: Row, ccsid: number): Put[] {
  const f = ibmFormat(format);
  if (tagged?.varlen) {
    // Two length bytes, then the text in the rest of the field.
    const text = String(value);
    return [
      [offset, 'bin2', 2, encodedLength(text, tagged.ccsid ?? ccsid)],
      tagged.ccsid === 1200
        ? [offset + 2, 'utf16', f.bytes - 2, text]
        : [offset + 2, 'char', f.bytes - 2, text, tagged.ccsid ?? ccsid],
    ];
  }
  if (tagged?.ccsid === 1200) return [[offset, 'utf16', f.bytes, value]];
  return [[offset, f.put, f.bytes, value, tagged?.ccsid ?? ccsid]];
}

/** Writes the rows (character fields in `options.ccsid`) and decodes them with the catalog. */
function decodeRows(
  page: IbmPage,
  subtype: string,
  rows: readonly Row[] = page.rows,
  options: DecodeOptions = { ccsid: 37 },
): DecodedEntry {
  const puts: Put[] = [
    [610, 'char', 1, subtype, options.ccsid],
    ...rows.flatMap((row) => toPuts(row, options.ccsid)),
  ];
  const lastOffset = Math.max(610, ...rows.map(([offset, , format]) => offset + ibmFormat(format).bytes - 1));
  return decodeEntry(journalEntry(page.type, entryData(lastOffset, puts)), layoutFor(page.type), options);
}

const comparable = (name: string) => name.toLowerCase().replace(/[^a-z0-9*]/g, '');

/** Every way the catalog and IBM's rows differ for one decoded entry; empty when they agree. */
function disagreements(page: IbmPage, decoded: DecodedEntry, rows: readonly Row[] = page.rows): string[] {
  const layout = layoutFor(page.type);
  if (!layout) return [`${page.type}: not in the catalog`];
  const problems = decoded.issues.map(
    (issue) => `${page.type}: decode issue ${issue.code}: ${issue.message}`,
  );
  const fieldAt = (offset: number) => layout.fields.find((field) => field.offset === offset);
  for (const row of rows) {
    const [offset, ibmName, format, value, tagged] = row;
    const f = ibmFormat(format);
    const at = `${page.type} J5 ${offset} "${ibmName}" ${format}`;
    const inside = layout.fields.filter((other) => other.offset > offset && other.offset < offset + f.bytes);
    for (const other of inside)
      problems.push(`${at}: catalog field "${other.ibmName}" starts inside it at ${other.offset}`);
    const field = fieldAt(offset);
    if (!field) {
      problems.push(`${at}: the catalog has no field at this offset`);
      continue;
    }
    if (comparable(field.ibmName) !== comparable(ibmName))
      problems.push(`${at}: catalog name "${field.ibmName}"`);
    if (field.length !== f.bytes)
      problems.push(`${at}: catalog length ${field.length}, IBM ${f.bytes} bytes`);
    const kinds = isTagged(tagged) ? ['tagged', 'utf16'] : [f.kind];
    if (!kinds.includes(field.kind))
      problems.push(`${at}: catalog kind ${field.kind}, expected ${kinds.join('/')}`);
    if ((field.scale ?? 0) !== f.scale) problems.push(`${at}: catalog scale ${field.scale ?? 0}`);
    if (tagged?.varlen && !field.varlen)
      problems.push(`${at}: IBM says variable length (2-byte prefix), catalog does not`);
    if (tagged?.lengthAt !== undefined && !tagged.varlen) {
      const sibling = layout.fields.find((other) => other.key === field.lengthField);
      if (sibling?.offset !== tagged.lengthAt) {
        problems.push(
          `${at}: IBM gives its length at ${tagged.lengthAt}, catalog at ${sibling?.offset ?? 'none'}`,
        );
      }
    }
    if (tagged?.ccsidAt !== undefined) {
      const sibling = layout.fields.find((other) => other.key === field.ccsidField);
      if (sibling?.offset !== tagged.ccsidAt) {
        problems.push(
          `${at}: IBM gives its CCSID at ${tagged.ccsidAt}, catalog at ${sibling?.offset ?? 'none'}`,
        );
      }
    }
    const expected = f.kind === 'bin2' || f.kind === 'bin4' ? Number(value) : String(value);
    const actual = decoded.fields[field.key];
    if (actual !== expected) {
      problems.push(`${at}: decoded ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  }
  for (const [offset, bytes] of page.reserved ?? []) {
    for (const field of layout.fields) {
      if (field.offset < offset + bytes && field.offset + field.length > offset) {
        problems.push(
          `${page.type} J5 ${offset} (Reserved Area) Char(${bytes}): catalog field "${field.ibmName}" at ${field.offset}`,
        );
      }
    }
  }
  for (const [offset, codes] of Object.entries(page.codes ?? {})) {
    const values = fieldAt(Number(offset))?.values ?? {};
    const missing = codes.filter((code) => values[code] === undefined);
    if (missing.length > 0) {
      problems.push(`${page.type} J5 ${offset}: the catalog gives no meaning for ${missing.join(', ')}`);
    }
  }
  return problems;
}

/** The test data's own declared lengths must match the bytes it writes. */
function checkTestData(page: IbmPage): void {
  for (const [offset, , , value, tagged] of page.rows) {
    if (tagged?.lengthAt === undefined) continue;
    const lengthRow = page.rows.find(([o]) => o === tagged.lengthAt);
    assert.equal(
      lengthRow?.[3],
      encodedLength(String(value), tagged.ccsid ?? 37),
      `test data: length of ${offset}`,
    );
  }
}

function goldenTests(page: IbmPage): void {
  test(`${page.type} layout agrees with IBM (${page.source})`, () => {
    checkTestData(page);
    const decoded = decodeRows(page, page.subtypes[0] ?? page.sample ?? 'A');
    assert.deepEqual(disagreements(page, decoded), []);
  });
  for (const subtype of page.subtypes) {
    test(`${page.type} sub-type ${subtype}`, () => {
      const decoded = decodeRows(page, subtype);
      assert.equal(decoded.subtype, subtype);
      const subtypeField = layoutFor(page.type)?.fields.find((field) => field.offset === 610);
      assert.ok(
        subtypeField?.values?.[subtype],
        `catalog gives no meaning for ${page.type} sub-type ${subtype}`,
      );
      assert.deepEqual(decoded.issues, []);
    });
  }
  if (page.subtypes.length === 0) {
    test(`${page.type} sub-type byte at 610 is decoded`, () => {
      const sample = page.sample ?? 'A';
      assert.equal(decodeRows(page, sample).subtype, sample);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The nine types whose every sub-type the issue asks for.

// FOUND (AF 639): IBM lists "Validation Error Action Char(1)" at J5 639; the catalog lacked it.
const AF: IbmPage = {
  type: 'AF',
  source:
    'https://www.ibm.com/support/knowledgecenter/ssw_ibm_i_72/rzarl/rzarlf06.htm 7.2; https://www.ibm.com/support/knowledgecenter/ssw_ibm_i_74/rzarl/rzarlf06.htm 7.4',
  subtypes: [
    'A',
    'B',
    'C',
    'D',
    'E',
    'F',
    'G',
    'H',
    'I',
    'J',
    'K',
    'N',
    'O',
    'P',
    'R',
    'S',
    'T',
    'U',
    'V',
    'W',
    'X',
    'Y',
    'Z',
  ],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Library Name', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Validation Error Action', 'Char(1)', 'A'],
  ],
};

const CA: IbmPage = {
  type: 'CA',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf09.htm 7.3',
  subtypes: ['A'],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Library Name', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'User Name', 'Char(10)', 'KLEE'],
    [649, 'Authorization List Name', 'Char(10)', 'PAYAUTL'],
    [659, 'Object Existence', 'Char(1)', 'Y'],
    [660, 'Object Management', 'Char(1)', ''],
    [661, 'Object Operational', 'Char(1)', 'Y'],
    [662, 'Authorization List Management', 'Char(1)', ''],
    [663, 'Authorization List', 'Char(1)', 'Y'],
    [664, 'Read Authority', 'Char(1)', ''],
    [665, 'Add Authority', 'Char(1)', 'Y'],
    [666, 'Update Authority', 'Char(1)', ''],
    [667, 'Delete Authority', 'Char(1)', 'Y'],
    [668, 'Exclude Authority', 'Char(1)', ''],
    [669, 'Execute Authority', 'Char(1)', 'Y'],
    [670, 'Object Alter Authority', 'Char(1)', ''],
    [671, 'Object Reference Authority', 'Char(1)', 'Y'],
    [676, 'Command Type', 'Char(3)', 'RPL'],
  ],
  codes: { 659: ['Y'], 663: ['Y'], 671: ['Y'], 676: ['GRT', 'RPL'] },
  reserved: [[672, 4]],
};

const CP: IbmPage = {
  type: 'CP',
  source:
    'https://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf12.htm 7.1; https://www.ibm.com/support/knowledgecenter/ssw_ibm_i_74/rzarl/rzarlf12.htm 7.4; https://www.ibm.com/docs/en/i/7.6.0?topic=entries-cp-user-profile-changes-journal 7.6',
  subtypes: ['A'],
  rows: [
    [611, 'User Profile Name', 'Char(10)', 'MBROWN'],
    [621, 'Library Name', 'Char(10)', 'QSYS'],
    [631, 'Object Type', 'Char(8)', '*USRPRF'],
    [639, 'Command Name', 'Char(3)', 'RPA'],
    [642, 'Password Changed', 'Char(1)', 'Y'],
    [643, 'Password *NONE', 'Char(1)', ''],
    [644, 'Password Expired', 'Char(1)', 'N'],
    [645, 'All Object Special Authority', 'Char(1)', 'Y'],
    [646, 'Job Control Special Authority', 'Char(1)', ''],
    [647, 'Save System Special Authority', 'Char(1)', 'Y'],
    [648, 'Security Administrator Special Authority', 'Char(1)', ''],
    [649, 'Spool Control Special Authority', 'Char(1)', 'Y'],
    [650, 'Service Special Authority', 'Char(1)', ''],
    [651, 'Audit Special Authority', 'Char(1)', 'Y'],
    [652, 'System Configuration Special Authority', 'Char(1)', ''],
    // 7.6 only (7.1 shows 653 as a reserved Char(13)).
    [653, 'Previous All Object Special Authority', 'Char(1)', ''],
    [654, 'Previous Job Control Special Authority', 'Char(1)', 'Y'],
    [655, 'Previous Save System Special Authority', 'Char(1)', ''],
    [656, 'Previous Security Administrator Special Authority', 'Char(1)', 'Y'],
    [666, 'Group Profile', 'Char(10)', 'STAFF'],
    [676, 'Owner', 'Char(10)', 'QSECOFR'],
  ],
  codes: {
    639: ['CRT', 'CHG', 'RST', 'DST', 'RPA', 'SQL'],
    642: ['Y'],
    643: ['Y'],
    644: ['Y', 'N'],
    652: ['Y'],
  },
};

const GR: IbmPage = {
  type: 'GR',
  source:
    'https://www.ibm.com/docs/en/i/7.4.0?topic=entries-gr-generic-record-journal 7.4; http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf21.htm 7.1',
  subtypes: ['A', 'C', 'D', 'F', 'O', 'R'],
  rows: [
    [611, 'Action', 'Char(2)', 'ZC'],
    [613, 'User Name', 'Char(10)', 'AGARCIA'],
    [623, 'Field 1 CCSID', 'Binary (5)', 37],
    [627, 'Field 1 Length', 'Binary (4)', 9],
    [629, 'Field 1', 'Char(102)', '*CHGUSAGE', { lengthAt: 627, ccsidAt: 623, ccsid: 37 }],
  ],
  codes: {
    611: ['ZC', 'ZR', 'SV', 'RS'],
    629: [
      '*REGISTER',
      '*REREGISTER',
      '*DEREGISTER',
      '*CHGUSAGE',
      '*CHKUSAGE',
      '*USAGEFAILURE',
      'mc_reg_event_select',
      'mc_reg_event_handle',
      'mc_reg_class_event',
    ],
  },
};

const PS: IbmPage = {
  type: 'PS',
  source:
    'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf44.htm 7.3; https://www.ibm.com/docs/en/i/7.6.0?topic=entries-ps-profile-swap-journal 7.6',
  subtypes: ['A', 'E', 'H', 'I', 'M', 'P', 'R', 'S', 'T', 'U', 'V'],
  rows: [
    [611, 'User Profile', 'Char(10)', 'WEBUSER'],
    [621, 'Source Location', 'Char(8)', 'SRCLOC01'],
    [629, 'Original Target User Profile', 'Char(10)', 'ORIGUSR'],
    [639, 'New Target User Profile', 'Char(10)', 'NEWUSR'],
    [649, 'Office User', 'Char(10)', 'OFCUSR'],
    [659, 'On Behalf of User', 'Char(10)', 'BOSSUSR'],
    [669, 'Profile Token Type', 'Char(1)', '1'],
    [670, 'Profile Token Timeout', 'Binary(4)', 3600],
    [672, 'Port Number', 'Char(5)', '23'],
  ],
};

const PW: IbmPage = {
  type: 'PW',
  source:
    'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf45.htm 7.3; https://www.ibm.com/docs/en/i/7.6.0?topic=entries-pw-password-journal 7.6',
  subtypes: ['A', 'C', 'D', 'E', 'F', 'G', 'K', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'X', 'Y', 'Z'],
  rows: [
    [611, 'User Name', 'Char(10)', 'JSMITH'],
    [621, 'Device name', 'Char(40)', 'QPADEV0007'],
    [661, 'Remote Location Name', 'Char(8)', 'RMTLOC01'],
    [669, 'Local Location Name', 'Char(8)', 'LCLLOC01'],
    [677, 'Network ID', 'Char(8)', 'APPNNET'],
    [685, 'Object Name', 'Char(10)', 'CUSTFILE'],
    [695, 'Object Library', 'Char(10)', 'SALESLIB'],
  ],
};

const SK: IbmPage = {
  type: 'SK',
  source:
    'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf57.htm 7.3; https://www.ibm.com/docs/en/i/7.3?topic=entries-sk-sockets-connections-journal 7.3',
  subtypes: ['A', 'C', 'D', 'F', 'I', 'O', 'P', 'R', 'S', 'U', 'X'],
  rows: [
    [611, 'Local IP Address', 'Char(15)', '10.1.2.3'],
    [626, 'Local port', 'Char(5)', '992'],
    [631, 'Remote IP Address', 'Char(15)', '192.168.10.77'],
    [646, 'Remote port', 'Char(5)', '50123'],
    [651, 'Socket Descriptor', 'Bin(5)', 42],
    [655, 'Filter Description', 'Char(10)', 'SPAMFLT'],
    [665, 'Filter Data Length', 'Bin(4)', 16],
    [667, 'Filter Data', 'Char(514)', 'spam@example.com', { lengthAt: 665 }],
    [1181, 'Address Family', 'Char(10)', '*IPV6'],
    [1191, 'Local IP address', 'Char(46)', '2001:db8::1'],
    [1237, 'Remote IP address', 'Char(46)', '2001:db8:0:1::77'],
    [1283, 'MAC address', 'Char(32)', '40:F2:E9:12:34:56'],
    [1315, 'Host name', 'Char(255)', 'laptop17.example.com'],
    [1570, 'Secure version', 'Char(10)', 'TLSV1.3'],
  ],
  codes: { 1181: ['*IPV4', '*IPV6'] },
};

const SV: IbmPage = {
  type: 'SV',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf61.htm 7.3',
  subtypes: ['A', 'B', 'C', 'D', 'E', 'F'],
  rows: [
    [611, 'System Value or Service Attribute', 'Char(10)', 'QAUDLVL'],
    [621, 'New Value', 'Char(250)', '*AUTFAIL *SECURITY *PGMFAIL'],
    [871, 'Old Value', 'Char(250)', '*AUTFAIL *SECURITY'],
    [1121, 'New Value Continued', 'Char(250)', 'NEWCONT'],
    [1371, 'Old Value Continued', 'Char(250)', 'OLDCONT'],
    [1621, 'New Value Continued Extension', 'Char(1000)', 'NEWEXT'],
    [2621, 'Old Value Continued Extension', 'Char(1000)', 'OLDEXT'],
  ],
  codes: { 611: ['JRNRCVCNT', 'MAXCCHWAIT', 'QINPIDCO'] },
};

const ZR: IbmPage = {
  type: 'ZR',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf78.htm 7.3',
  subtypes: ['R'],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Library Name', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Access Type', 'Packed(5,0)', 35],
    [642, 'Access Specific Data', 'Char(50)', 'MBR2026'],
    [710, 'Object Name Length', 'Binary(4)', 0],
    [712, 'Object Name CCSID', 'Binary(5)', 37],
    [716, 'Object Name Country or Region ID', 'Char(2)', 'US'],
    [718, 'Object Name Language ID', 'Char(3)', 'ENU'],
  ],
  reserved: [[692, 18]],
};

// ---------------------------------------------------------------------------------------------
// Further types.

const AD: IbmPage = {
  type: 'AD',
  source: 'https://www.ibm.com/docs/en/i/7.6.0?topic=entries-ad-auditing-change-journal 7.6',
  subtypes: [],
  sample: 'U',
  rows: [
    [611, 'Object Name', 'Char(10)', 'JSMITH'],
    [621, 'Library Name', 'Char(10)', 'QSYS'],
    [631, 'Object Type', 'Char(8)', '*USRPRF'],
    [639, 'Object Audit Value', 'Char(10)', '*CHANGE'],
    [649, 'CHGUSRAUD *CMD', 'Char(1)', 'Y'],
    [650, 'CHGUSRAUD *CREATE', 'Char(1)', ''],
    [651, 'CHGUSRAUD *DELETE', 'Char(1)', 'Y'],
    [652, 'CHGUSRAUD *JOBDTA', 'Char(1)', ''],
    [653, 'CHGUSRAUD *OBJMGT', 'Char(1)', 'Y'],
    [654, 'CHGUSRAUD *OFCSRV', 'Char(1)', ''],
    [655, 'CHGUSRAUD *PGMADP', 'Char(1)', 'Y'],
  ],
};

const AP: IbmPage = {
  type: 'AP',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf07.htm 7.3',
  subtypes: ['S', 'E', 'A'],
  rows: [
    [611, 'Object Name', 'Char(10)', 'PAYCALC'],
    [621, 'Library Name', 'Char(10)', 'PAYPGM'],
    [631, 'Object Type', 'Char(8)', '*PGM'],
    [639, 'Owning User Profile', 'Char(10)', 'PAYOWNER'],
    [665, 'ASP Name', 'Char(10)', 'IASP01'],
    [675, 'ASP Number', 'Char(5)', '00033'],
  ],
};

// The "recurring length/CCSID/country/language/value group": new value in CCSID 37.
const AU: IbmPage = {
  type: 'AU',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf08.htm 7.3',
  subtypes: ['E', 'A'],
  rows: [
    [611, 'Action', 'Char(3)', 'ADD'],
    [614, 'Name', 'Char(100)', 'jsmith@REGISTRY1'],
    [714, 'New Value Length', 'Binary(4)', 30],
    [716, 'New Value CCSID', 'Binary(5)', 37],
    [720, 'New Value Country or Region ID', 'Char(2)', 'US'],
    [722, 'New Value Language ID', 'Char(3)', 'ENU'],
    [
      725,
      'New Value',
      'Char(2002)',
      'cn=John Smith,o=ibm,c=us [eim]',
      { lengthAt: 714, ccsidAt: 716, ccsid: 37, varlen: true },
    ],
    [2727, 'Old Value Length', 'Binary(4)', 0],
    [2729, 'Old Value CCSID', 'Binary(5)', 500],
    [2733, 'Old Value Country or Region ID', 'Char(2)', 'DE'],
    [2735, 'Old Value Language ID', 'Char(3)', 'DEU'],
  ],
  codes: { 611: ['CHG', 'ADD', 'RMV'] },
};

const CQ: IbmPage = {
  type: 'CQ',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf13.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Object Name', 'Char(10)', 'PAYCRQD'],
    [621, 'Library Name', 'Char(10)', 'PAYLIB'],
    [631, 'Object Type', 'Char(8)', '*CRQD'],
    [639, 'ASP Name', 'Char(10)', 'IASP01'],
    [649, 'ASP Number', 'Char(5)', '00033'],
  ],
};

const DI: IbmPage = {
  type: 'DI',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf17.htm 7.3',
  subtypes: ['L'],
  rows: [
    [611, 'Operation Type', 'Char(2)', 'AF'],
    [613, 'Authority Failure Code', 'Char(1)', 'B'],
    [614, 'Configuration Change', 'Char(1)', ''],
  ],
  codes: {
    611: [
      'AD',
      'AF',
      'BN',
      'CA',
      'CF',
      'CI',
      'CO',
      'CP',
      'DI',
      'DO',
      'EX',
      'IM',
      'OM',
      'OW',
      'PO',
      'PW',
      'RM',
      'UB',
      'ZC',
      'ZR',
    ],
    613: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'I', 'M', 'P', 'R', 'U', 'X'],
  },
};

const DO: IbmPage = {
  type: 'DO',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf18.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Object Name', 'Char(10)', 'WRK1234'],
    [621, 'Library Name', 'Char(10)', 'QGPL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Object Attribute', 'Char(10)', 'PF'],
    [659, 'Office User', 'Char(10)', 'OFCUSR'],
    [669, 'DLO Name', 'Char(12)', 'MEMO.TXT'],
    [689, 'Folder Path', 'Char(63)', 'QDLS/FOLDER1'],
    [752, 'Office on Behalf of User', 'Char(10)', 'BOSSUSR'],
  ],
  reserved: [
    [649, 10],
    [681, 8],
  ],
};

// Two length/CCSID/value groups in one entry, in different CCSIDs.
// FOUND (EV 618, 1627): IBM gives each name's CCSID and length in the fields before it
// (612/616 and 1621/1625); the catalog read both names as plain Char in the job CCSID.
const EV: IbmPage = {
  type: 'EV',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf20.htm 7.3',
  subtypes: [],
  sample: 'C',
  rows: [
    [611, 'Name Truncated', 'Char(1)', 'N'],
    [612, 'CCSID', 'Binary(5)', 37],
    [616, 'Length', 'Binary(4)', 14],
    [
      618,
      'Environment Variable Name',
      'Char(1002)',
      'QIBM_MULTI_THR',
      { lengthAt: 616, ccsidAt: 612, ccsid: 37, varlen: true },
    ],
    [1620, 'New Name Truncated', 'Char(1)', 'N'],
    [1621, 'New Name CCSID', 'Binary(5)', 500],
    [1625, 'New Name Length', 'Binary(4)', 15],
    [
      1627,
      'New Environment Variable Name',
      'Char(1002)',
      'APP_PATH[1]!|ok',
      { lengthAt: 1625, ccsidAt: 1621, ccsid: 500, varlen: true },
    ],
  ],
};

const GS: IbmPage = {
  type: 'GS',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf22.htm 7.3',
  subtypes: [],
  sample: 'G',
  rows: [
    [611, 'Job Name', 'Char(10)', 'QZDASOINIT'],
    [621, 'User Name', 'Char(10)', 'QUSER'],
    [631, 'Job Number', 'Zoned (6,0)', 654321],
    [637, 'User Profile Name', 'Char (10)', 'AGARCIA'],
    [647, 'JUID', 'Char (10)', 'AGARCIA'],
  ],
};

// IFS file name in UTF-16 (CCSID 1200), with its length and CCSID in sibling fields.
const IR: IbmPage = {
  type: 'IR',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf25.htm 7.3',
  subtypes: ['L', 'N', 'P', 'R', 'U'],
  rows: [
    [611, 'File Name', 'Char(10)', 'IPRULES'],
    [621, 'File Library', 'Char(10)', 'QGPL'],
    [649, 'File Name Length', 'Binary (4)', 28],
    [651, 'File Name CCSID', 'Binary (5)', 1200],
    [655, 'File Country or Region ID', 'Char(2)', 'DE'],
    [657, 'File Language ID', 'Char(3)', 'DEU'],
    [695, 'File Name', 'Char(512)', 'Filterregeln.ü', { lengthAt: 649, ccsidAt: 651, ccsid: 1200 }],
    [1207, 'Connection sequence', 'Char(40)', 'VPNCONN1'],
    [1263, 'ASP Name', 'Char(10)', 'IASP01'],
    [1273, 'ASP Number', 'Char(5)', '00033'],
    [1278, 'Path Name CCSID', 'Binary(5)', 1200],
    [1282, 'Path Name Country or Region ID', 'Char(2)', 'DE'],
  ],
  reserved: [
    [631, 18],
    [660, 3],
  ],
};

const JD: IbmPage = {
  type: 'JD',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf27.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Job Description', 'Char(10)', 'NIGHTJOBD'],
    [621, 'Library Name', 'Char(10)', 'BATCHLIB'],
    [631, 'Object Type', 'Char(8)', '*JOBD'],
    [639, 'Command Type', 'Char(3)', 'CHG'],
    [642, 'Old User', 'Char(10)', 'BATCHUSR'],
    [652, 'New User', 'Char(10)', 'QSECOFR'],
    [662, 'ASP name', 'Char(10)', 'IASP01'],
    [672, 'ASP number', 'Char(5)', '00033'],
  ],
};

const JS: IbmPage = {
  type: 'JS',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf28.htm 7.3',
  subtypes: [],
  sample: 'S',
  rows: [
    [611, 'Job Type', 'Char(1)', 'B'],
    [612, 'Job Subtype', 'Char(1)', 'J'],
    [613, 'Job Name', 'Char(10)', 'NIGHTLY'],
    [623, 'Job User Name', 'Char(10)', 'BATCHUSR'],
    [633, 'Job Number', 'Char(6)', '654321'],
    [639, 'Device Name', 'Char(10)', 'QPADEV0003'],
    [649, 'Effective User Profile', 'Char(10)', 'QSECOFR'],
    [659, 'Job Description Name', 'Char(10)', 'NIGHTJOBD'],
    [669, 'Job Description Library', 'Char(10)', 'BATCHLIB'],
  ],
};

// Key ring file name (IFS) in UTF-16.
// FOUND (KF 684): IBM: 638 "Key ring file name length", 640 "Key ring file name CCSID", 684
// "Key ring file name"; the catalog took 684's length and CCSID from the second group (1214/1216).
const KF: IbmPage = {
  type: 'KF',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf29.htm 7.3',
  subtypes: [],
  sample: 'K',
  rows: [
    [611, 'Certificate Operation', 'Char(3)', 'ADD'],
    [614, 'Key Ring Operation', 'Char(3)', 'CPW'],
    [617, 'Trusted Root Operation', 'Char(3)', 'TRS'],
    [638, 'Object Name Length', 'Binary(4)', 22],
    [640, 'Object Name CCSID', 'Binary(5)', 1200],
    [644, 'Object Name Country or Region ID', 'Char(2)', 'US'],
    [646, 'Object Name Language ID', 'Char(3)', 'ENU'],
    [684, 'Object Name', 'Char(512)', 'DEFAULT.KDB', { lengthAt: 638, ccsidAt: 640, ccsid: 1200 }],
    [1214, 'Object Name length', 'Binary(4)', 0],
    [1216, 'Object Name CCSID', 'Binary(5)', 1200],
  ],
  reserved: [
    [620, 18],
    [649, 3],
    [1196, 18],
  ],
};

const NA: IbmPage = {
  type: 'NA',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf32.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Attribute', 'Char(10)', 'JOBACN'],
    [621, 'New Attribute Value', 'Char(250)', '*FILE'],
    [871, 'Old Attribute Value', 'Char(250)', '*REJECT'],
  ],
};

const NE: IbmPage = {
  type: 'NE',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf34.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Local location name', 'Char(8)', 'LCLLOC01'],
    [619, 'Remote location name', 'Char(8)', 'RMTLOC01'],
    [627, 'Remote NETID', 'Char(8)', 'APPNNET'],
    [635, 'Inbound session', 'Char(1)', 'Y'],
    [636, 'Outbound session', 'Char(1)', 'N'],
  ],
};

const OM: IbmPage = {
  type: 'OM',
  source:
    'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf35.htm 7.1; https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf35.htm 7.3',
  subtypes: ['M', 'R'],
  rows: [
    [611, 'Old Object Name', 'Char(10)', 'OLDNAME'],
    [621, 'Old Library Name', 'Char(10)', 'OLDLIB'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'New Object Name', 'Char(10)', 'NEWNAME'],
    [649, 'New Library Name', 'Char(10)', 'NEWLIB'],
    [659, 'Object Attribute', 'Char(10)', 'PF'],
    [679, 'Office User', 'Char(10)', 'OFCUSR'],
    [689, 'Old Folder or Document Name', 'Char(12)', 'OLD.DOC'],
    [709, 'Old Folder Path', 'Char(63)', 'FOLDER1'],
    [772, 'New Folder or Document Name', 'Char(12)', 'NEW.DOC'],
    [792, 'New Folder Path', 'Char(63)', 'FOLDER2'],
    [855, 'Office on Behalf of User', 'Char(10)', 'BOSSUSR'],
    [883, 'Object Name Length', 'Binary (4)', 0],
    [885, 'Object Name CCSID', 'Binary(5)', 1200],
  ],
  reserved: [
    [669, 10],
    [701, 8],
    [784, 8],
    [865, 18],
  ],
};

const PA: IbmPage = {
  type: 'PA',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf41.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Program Name', 'Char(10)', 'PAYCALC'],
    [621, 'Program Library', 'Char(10)', 'PAYPGM'],
    [631, 'Object Type', 'Char(8)', '*PGM'],
    [639, 'Owner', 'Char(10)', 'QSECOFR'],
    [649, 'ISVTX mode', 'Char(1)', 'Y'],
    [650, 'Previous ISVTX mode', 'Char(1)', 'N'],
    [651, 'Previous SETUID Mode', 'Char(1)', 'Y'],
    [652, 'Previous SETGID Mode', 'Char(1)', 'N'],
    [667, 'Object Name Length', 'Binary (4)', 0],
    [669, 'Object Name CCSID', 'Binary(5)', 1200],
  ],
  reserved: [[653, 14]],
};

const PG: IbmPage = {
  type: 'PG',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf42.htm 7.3',
  subtypes: ['A'],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Object Library', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Old Primary Group', 'Char(10)', 'OLDGRP'],
    [649, 'New Primary Group', 'Char(10)', 'NEWGRP'],
    [659, 'Object Existence', 'Char(1)', 'Y'],
    [660, 'Object Management', 'Char(1)', ''],
    [661, 'Object Operational', 'Char(1)', 'Y'],
    [662, 'Object Alter', 'Char(1)', ''],
    [663, 'Object Reference', 'Char(1)', 'Y'],
    [674, 'Authorization List Management', 'Char(1)', ''],
    [675, 'Read Authority', 'Char(1)', 'Y'],
    [676, 'Add Authority', 'Char(1)', ''],
    [677, 'Update Authority', 'Char(1)', 'Y'],
    [678, 'Delete Authority', 'Char(1)', ''],
    [679, 'Execute Authority', 'Char(1)', 'Y'],
    [690, 'Exclude Authority', 'Char(1)', ''],
    [691, 'Revoke Old Primary Group', 'Char(1)', 'Y'],
  ],
  codes: { 659: ['Y'], 691: ['Y'] },
  reserved: [
    [664, 10],
    [680, 10],
  ],
};

const PU: IbmPage = {
  type: 'PU',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf83.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Entry Action', 'Char(1)', 'C'],
    [612, 'PTF Operation', 'Char(1)', 'A'],
    [613, 'Product ID', 'Char(7)', '5770SS1'],
    [620, 'Product VRM', 'Char(6)', '070500'],
    [626, 'PTF ID', 'Char(7)', 'SI12345'],
    [633, 'Product Option', 'Char(4)', '0000'],
    [637, 'Product Load', 'Char(4)', '5050'],
    [641, 'Product Minimum Level', 'Char(2)', '00'],
    [643, 'Product Maximum Level', 'Char(2)', '99'],
    [645, 'Product Library', 'Char(10)', 'QSYS'],
    [655, 'Object Name', 'Char(10)', 'QSYCHGPW'],
    [665, 'Object Library', 'Char(10)', 'QSYS'],
    [675, 'Object Type', 'Char(7)', '*PGM'],
    [682, 'RU Name', 'Char(8)', 'RUSYS01'],
    [748, 'Object Name Length', 'Binary(4)', 0],
    [750, 'Object Name CCSID', 'Binary(5)', 1200],
    [754, 'Object Name Country or Region ID', 'Char(2)', 'US'],
  ],
  reserved: [[690, 58]],
};

const RO: IbmPage = {
  type: 'RO',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf48.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Library Name', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Saved Owner', 'Char(10)', 'OLDOWNER'],
    [649, 'Restored Owner', 'Char(10)', 'QDFTOWN'],
    [679, 'DLO Name', 'Char(12)', 'MEMO.TXT'],
    [699, 'Folder Path', 'Char(63)', 'FOLDER1'],
    [780, 'Object Name Length', 'Binary(4)', 0],
  ],
  reserved: [
    [659, 20],
    [691, 8],
    [762, 18],
  ],
};

const RU: IbmPage = {
  type: 'RU',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf51.htm 7.3',
  subtypes: [],
  rows: [
    [611, 'User Name', 'Char(10)', 'MBROWN'],
    [621, 'Library Name', 'Char(10)', 'QSYS'],
    [631, 'Object Type', 'Char(8)', '*USRPRF'],
    [639, 'Authority Restored', 'Char(1)', 'A'],
  ],
};

// IFS object name in UTF-16 (CCSID 1200) with an umlaut.
const RP: IbmPage = {
  type: 'RP',
  source:
    'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf49.htm 7.1; https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf49.htm 7.3',
  subtypes: ['A'],
  rows: [
    [611, 'Program Name', 'Char(10)', 'PAYCALC'],
    [621, 'Program Library', 'Char(10)', 'PAYPGM'],
    [631, 'Object Type', 'Char(8)', '*PGM'],
    [639, 'Owner Name', 'Char(10)', 'QSECOFR'],
    [667, 'Object Name Length', 'Binary (4)', 34],
    [669, 'Object Name CCSID', 'Binary (5)', 1200],
    [673, 'Object Name Country or Region ID', 'Char (2)', 'DE'],
    [675, 'Object name Language ID', 'Char (3)', 'DEU'],
    [713, 'Object Name', 'Char (512)', 'Gehälter-2026.jar', { lengthAt: 667, ccsidAt: 669, ccsid: 1200 }],
    [1241, 'ASP Name', 'Char(10)', 'IASP01'],
    [1251, 'ASP Number', 'Char(5)', '00033'],
    [1256, 'Path Name CCSID', 'Binary(5)', 1200],
    [1260, 'Path Name Country or Region ID', 'Char(2)', 'DE'],
  ],
  reserved: [
    [649, 18],
    [678, 3],
  ],
};

const RZ: IbmPage = {
  type: 'RZ',
  source:
    'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf52.htm 7.3; https://www.ibm.com/docs/en/i/7.6.0?topic=laje-rz-primary-group-change-restored-object-journal-entries 7.6',
  subtypes: [],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Object Library', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Saved Primary Group', 'Char(10)', 'OLDGRP'],
    [649, 'Restored Primary Group', 'Char(10)', 'NEWGRP'],
    [679, 'DLO Name', 'Char(12)', 'MEMO.TXT'],
    [699, 'Folder Path', 'Char(63)', 'FOLDER1'],
    [780, 'Object Name Length', 'Binary(4)', 0],
    [782, 'Object Name CCSID', 'Binary(5)', 1200],
    [786, 'Object Name Country or Region ID', 'Char(2)', 'US'],
    [788, 'Object Name Language ID', 'Char(3)', 'ENU'],
  ],
  reserved: [
    [659, 20],
    [691, 8],
    [762, 18],
    [791, 3],
  ],
};

const VA: IbmPage = {
  type: 'VA',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf62.htm 7.3',
  subtypes: ['S', 'F'],
  rows: [
    [611, 'Server Name', 'Char(10)', 'NWSD01'],
    [621, 'Server Date', 'Char(6)', '261127'],
    [627, 'Server Time', 'Zoned(6,0)', 101530],
    [633, 'Computer Name', 'Char(8)', 'PC0042'],
    [641, 'Requester Name', 'Char(10)', 'JSMITH'],
    [651, 'Action Performed', 'Char(1)', 'C'],
    [652, 'Resource Name', 'Char(260)', 'SHARE1\\PAYROLL'],
  ],
  codes: { 651: ['A', 'C', 'D'] },
};

const VO: IbmPage = {
  type: 'VO',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf67.htm 7.3',
  subtypes: [],
  sample: 'U',
  rows: [
    [611, 'Unsuccessful Type', 'Char(1)', 'P'],
    [612, 'Validation List', 'Char(10)', 'WEBUSERS'],
    [622, 'Library Name', 'Char(10)', 'WEBLIB'],
    [632, 'Encrypted Data', 'Char(1)', 'Y'],
    [633, 'Entry Data', 'Char(1)', 'N'],
    [634, 'Entry ID Length', 'Binary(4)', 6],
    [636, 'Data length', 'Binary(4)', 0],
    [638, 'Encrypted Data Attribute', 'Char (1)', '1'],
    [639, 'X.509 Certificate attribute', 'Char (1)', '0'],
    [1768, 'ASP name for validation list library', 'Char(10)', 'IASP01'],
    [1778, 'ASP number for validation list library', 'Char(5)', '00033'],
  ],
  reserved: [[640, 28]],
};

const VP: IbmPage = {
  type: 'VP',
  source:
    'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf68.htm 7.3; https://www.ibm.com/docs/en/i/7.6.0?topic=entries-vp-network-journal 7.6',
  subtypes: ['P', 'D', 'A', 'C', 'E', 'S', 'U'],
  rows: [
    [611, 'Server Name', 'Char(10)', '*NETSERVER'],
    [621, 'Server Date', 'Char(6)', '261127'],
    [627, 'Server Time', 'Zoned(6,0)', 101530],
    [633, 'Computer Name', 'Char(8)', ''],
    [641, 'User', 'Char(10)', 'JSMITH'],
    [651, 'Long Computer Name', 'Char(46)', '10.1.2.3'],
    [697, 'Share name', 'Char(12)', 'PAYROLL'],
  ],
};

const VU: IbmPage = {
  type: 'VU',
  source: 'http://www-01.ibm.com/support/knowledgecenter/ssw_ibm_i_71/rzarl/rzarlf71.htm 7.1',
  subtypes: ['G', 'U', 'M'],
  rows: [
    [611, 'Server Name', 'Char(10)', 'NWSD01'],
    [621, 'Server Date', 'Char(6)', '261127'],
    [627, 'Server Time', 'Zoned(6,0)', 235959],
    [633, 'Computer Name', 'Char(8)', 'PC0042'],
    [641, 'User', 'Char(10)', 'JSMITH'],
    [651, 'Action', 'Char(1)', 'P'],
    [652, 'Resource Name', 'Char(260)', 'NETUSERS'],
  ],
  codes: { 651: ['A', 'C', 'D', 'P'] },
};

// Group names of an LDAP request: two CCSID-tagged groups, the second in CCSID 500.
const XD: IbmPage = {
  type: 'XD',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf80.htm 7.3',
  subtypes: ['G'],
  rows: [
    [611, 'Cross Reference', 'Char(36)', '6f1c2b9e-0d4a-4f7e-9a51-2c3d4e5f6a7b'],
    [747, 'Field 1 CCSID', 'Bin(5)', 37],
    [751, 'Field 1 Length', 'Bin(4)', 22],
    [753, 'Field 1', 'Char(2002)', 'cn=admins,o=acme,c=us!', { lengthAt: 751, ccsidAt: 747, ccsid: 37 }],
    [2755, 'Field 2 CCSID', 'Bin(5)', 500],
    [2759, 'Field 2 Length', 'Bin(4)', 22],
    [2761, 'Field 2', 'Char(2002)', 'cn=ops[1],o=acme,c=ch!', { lengthAt: 2759, ccsidAt: 2755, ccsid: 500 }],
    [4763, 'Field 3 CCSID', 'Bin(5)', 37],
  ],
  reserved: [[647, 100]],
};

const YR: IbmPage = {
  type: 'YR',
  source: 'https://www.ibm.com/support/knowledgecenter/en/ssw_ibm_i_73/rzarl/rzarlf76.htm 7.3',
  subtypes: [],
  sample: 'R',
  rows: [
    [611, 'Object Name', 'Char(10)', 'AAAA1234'],
    [621, 'Library Name', 'Char(10)', 'QDOC'],
    [631, 'Object Type', 'Char(8)', '*DOC'],
    [639, 'Office User', 'Char(10)', 'OFCUSR'],
    [649, 'Folder or Document Name', 'Char(12)', 'BUDGET.XLS'],
    [669, 'Folder Path', 'Char(63)', 'FINANCE/2026'],
    [732, 'On Behalf of User', 'Char(10)', 'BOSSUSR'],
    [742, 'Access Type', 'Packed(5,0)', 9],
  ],
  reserved: [[661, 8]],
};

const ZC: IbmPage = {
  type: 'ZC',
  source: 'https://www.ibm.com/docs/en/i/7.3?topic=entries-zc-change-object-journal 7.3',
  subtypes: ['C', 'U'],
  rows: [
    [611, 'Object Name', 'Char(10)', 'EMPMAST'],
    [621, 'Library Name', 'Char(10)', 'PAYROLL'],
    [631, 'Object Type', 'Char(8)', '*FILE'],
    [639, 'Access Type', 'Packed(5,0)', 30],
    [642, 'Access Specific Data', 'Char(50)', 'MBR2026'],
  ],
};

const PAGES: readonly IbmPage[] = [
  AF,
  CA,
  CP,
  GR,
  PS,
  PW,
  SK,
  SV,
  ZR,
  AD,
  AP,
  AU,
  CQ,
  DI,
  DO,
  EV,
  GS,
  IR,
  JD,
  JS,
  KF,
  NA,
  NE,
  OM,
  PA,
  PG,
  PU,
  RO,
  RP,
  RU,
  RZ,
  VA,
  VO,
  VP,
  VU,
  XD,
  YR,
  ZC,
];

for (const page of PAGES) goldenTests(page);

// ---------------------------------------------------------------------------------------------
// CCSIDs other than 37.

test('CA: object and user names written in CCSID 273 (German) decode with their umlauts', () => {
  const rows = CA.rows.map(
    (row): Row =>
      row[0] === 611
        ? [611, 'Object Name', 'Char(10)', 'GEHÄLTER']
        : row[0] === 639
          ? [639, 'User Name', 'Char(10)', 'MÜLLER']
          : row,
  );
  const decoded = decodeRows(CA, 'A', rows, { ccsid: 273 });
  assert.deepEqual(disagreements(CA, decoded, rows), []);
  // The same bytes read as CCSID 37 are not the German name: the CCSID option is what decodes them.
  const misread = decodeEntry(decoded.entry, layoutFor('CA'), { ccsid: 37 });
  assert.notEqual(misread.fields[fieldKeyAt('CA', 611)], 'GEHÄLTER');
});

test('GR: Field 1 tagged CCSID 500 decodes in CCSID 500 although the entry is read as CCSID 37', () => {
  const text = 'QIBM_QPWFS_FILE_SERV[1]!';
  const rows: Row[] = [
    [611, 'Action', 'Char(2)', 'ZR'],
    [613, 'User Name', 'Char(10)', 'AGARCIA'],
    [623, 'Field 1 CCSID', 'Binary (5)', 500],
    [627, 'Field 1 Length', 'Binary (4)', text.length],
    [629, 'Field 1', 'Char(102)', text, { lengthAt: 627, ccsidAt: 623, ccsid: 500 }],
  ];
  const decoded = decodeRows(GR, 'A', rows, { ccsid: 37 });
  assert.deepEqual(disagreements(GR, decoded, rows), []);
});

test('GR: Field 1 tagged 65535 is decoded with the configured fallback CCSID (273)', () => {
  const text = 'Überwachung';
  const rows: Row[] = [
    [611, 'Action', 'Char(2)', 'ZC'],
    [613, 'User Name', 'Char(10)', 'AGARCIA'],
    [623, 'Field 1 CCSID', 'Binary (5)', 65535],
    [627, 'Field 1 Length', 'Binary (4)', text.length],
    [629, 'Field 1', 'Char(102)', text, { lengthAt: 627, ccsidAt: 623, ccsid: 273 }],
  ];
  const decoded = decodeRows(GR, 'F', rows, { ccsid: 37, hexCcsidFallback: 273 });
  assert.deepEqual(disagreements(GR, decoded, rows), []);
});

test('GR: a Field 1 length pointing past its 102 bytes is flagged, not trusted', () => {
  const rows: Row[] = [
    [623, 'Field 1 CCSID', 'Binary (5)', 37],
    [627, 'Field 1 Length', 'Binary (4)', 500],
    [629, 'Field 1', 'Char(102)', '*REGISTER', { lengthAt: 627, ccsidAt: 623, ccsid: 37 }],
  ];
  const decoded = decodeRows(GR, 'F', rows);
  assert.ok(
    decoded.issues.some(
      (issue) => issue.code === 'AR_DECODE_BAD_LENGTH' && issue.field === fieldKeyAt('GR', 629),
    ),
    JSON.stringify(decoded.issues),
  );
});

function fieldKeyAt(entryType: string, offset: number): string {
  const field = layoutFor(entryType)?.fields.find((f) => f.offset === offset);
  assert.ok(field, `${entryType} has a field at J5 ${offset}`);
  return field.key;
}
