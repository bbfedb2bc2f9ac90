import { J5_ENTRY_DATA_OFFSET } from '../journal/entry.js';
import { EntryWriter } from './record-writer.js';
import type { Random } from './scenario.js';

/**
 * Entry-specific data for every catalogued QAUDJRN entry type beyond the ten in entries.ts.
 *
 * Provenance rule: every offset, length and code below was typed in from IBM's layout pages
 * ("XX (…) journal entries", IBM i Security Reference), by way of per-type transcriptions of
 * those pages that record each page's URL and release — never from the decoder's catalog
 * (src/ibmi/journal/catalog), so that a test comparing the two compares two transcriptions. The release whose page was read is named next to each builder.
 * Only fields IBM's stored pages show are written; the record ends at the last of them.
 * Reserved areas are left as EBCDIC blanks. Where IBM documents a field as "variable length, the
 * first two bytes contain the length", the field starts with that Binary(4) length.
 */

/** What a builder needs from the scenario; everything else it chooses itself. */
export interface EntryContext {
  /** The profile the entry is about, or the one that acted. */
  user: string;
  /** A library object of the shop, used by the entry types that are about one. */
  object: string;
  library: string;
  objectType?: string;
  /** SAA timestamp of the entry (yyyy-mm-dd-hh.mm.ss.uuuuuu), for fields that repeat it. */
  timestamp?: string;
}

/** One field as written: IBM's field name from the layout table, its J5 offset and the value. */
export interface ExpectedField {
  ibmName: string;
  offset: number;
  /** Text without trailing blanks, a number, or (binary content) upper-case hex of every byte. */
  value: string | number;
  /** True when the field holds binary data (file IDs, *DTS timestamps, Byte(n)). */
  binary?: boolean;
}

export interface BuiltEntry {
  entryData: Uint8Array;
  /** Value per IBM field name; a name that recurs in a layout is keyed `Name (offset)` after its first use. */
  expected: Record<string, string | number>;
  /** The same, in offset order, with offsets. */
  fields: readonly ExpectedField[];
}

export type Builder = (random: Random, ctx: EntryContext) => BuiltEntry;

/**
 * Records each field once — offset, IBM name, value — and writes it with EntryWriter when the
 * record's end (the end of the last field written) is known.
 */
class EntryFields {
  private readonly writes: ((w: EntryWriter) => void)[] = [];
  private readonly list: ExpectedField[] = [];
  private end = J5_ENTRY_DATA_OFFSET - 1;

  private add(offset: number, length: number, field: ExpectedField, write: (w: EntryWriter) => void): this {
    this.end = Math.max(this.end, offset + length - 1);
    this.list.push(field);
    this.writes.push(write);
    return this;
  }

  char(offset: number, length: number, ibmName: string, text: string): this {
    if (text.length > length) throw new RangeError(`${ibmName}: '${text}' is longer than ${length}`);
    return this.add(offset, length, { ibmName, offset, value: text.trimEnd() }, (w) =>
      w.char(offset, length, text),
    );
  }

  zoned(offset: number, length: number, ibmName: string, value: number): this {
    return this.add(offset, length, { ibmName, offset, value }, (w) => w.zoned(offset, length, value));
  }

  packed(offset: number, length: number, ibmName: string, value: number): this {
    return this.add(offset, length, { ibmName, offset, value }, (w) => w.packed(offset, length, value));
  }

  /** IBM "Binary(4)" (2 bytes). */
  bin2(offset: number, ibmName: string, value: number): this {
    return this.add(offset, 2, { ibmName, offset, value }, (w) => w.bin2(offset, value));
  }

  /** IBM "Binary(5)" (4 bytes). */
  bin4(offset: number, ibmName: string, value: number): this {
    return this.add(offset, 4, { ibmName, offset, value }, (w) => w.bin4(offset, value));
  }

  /** IBM: "This is a variable length field. The first two bytes contain the length". */
  varying(offset: number, length: number, ibmName: string, text: string): this {
    if (text.length > length - 2) throw new RangeError(`${ibmName}: '${text}' is longer than ${length - 2}`);
    return this.add(offset, length, { ibmName, offset, value: text }, (w) =>
      w.bin2(offset, text.length).char(offset + 2, length - 2, text),
    );
  }

  /**
   * Binary content (file IDs, *DTS, Byte(n)), zero-padded to the field's length. `sized`: a
   * sibling length field announces how many bytes count, so only those are expected back.
   */
  bytes(offset: number, length: number, ibmName: string, data: Uint8Array, sized = false): this {
    if (data.length > length) throw new RangeError(`${ibmName}: ${data.length} bytes exceed ${length}`);
    const field = new Uint8Array(length);
    field.set(data);
    const value = Buffer.from(sized ? data : field)
      .toString('hex')
      .toUpperCase();
    return this.add(offset, length, { ibmName, offset, value, binary: true }, (w) => w.raw(offset, field));
  }

  build(): BuiltEntry {
    const writer = new EntryWriter(this.end);
    for (const write of this.writes) write(writer);
    const fields = [...this.list].sort((a, b) => a.offset - b.offset);
    const expected: Record<string, string | number> = {};
    for (const f of fields)
      expected[f.ibmName in expected ? `${f.ibmName} (${f.offset})` : f.ibmName] = f.value;
    return { entryData: writer.bytes, expected, fields };
  }
}

/**
 * Codes IBM documents for the sub-type field at J5 610 of each type (empty where the stored
 * pages do not show the list; those builders write the one code noted next to them).
 */
export const MORE_ENTRY_SUBTYPES: Readonly<Record<string, readonly string[]>> = {
  AD: ['D', 'O', 'S', 'U'],
  AP: ['S', 'E', 'A'],
  AU: ['E', 'A'],
  AX: ['M', 'P', 'T'],
  CD: ['C', 'L', 'O', 'P', 'S', 'U', 'X'],
  CQ: ['A'],
  CU: ['M', 'R'],
  CV: ['C', 'E', 'R'],
  CY: ['A', 'F', 'K', 'M'],
  DI: ['L'],
  DS: ['A', 'C', 'D', 'H', 'K', 'P', 'R', 'S'],
  EV: ['A', 'C', 'D', 'I'],
  GR: ['A', 'C', 'D', 'F', 'O', 'R'],
  GS: ['G', 'R', 'U'],
  IM: ['P'],
  IP: ['A', 'C', 'D', 'F', 'G', 'M', 'Z'],
  IR: ['L', 'N', 'P', 'R', 'U'],
  IS: ['A', 'C', 'U', '1', '2'],
  JD: ['A'],
  KF: ['C', 'K', 'P', 'T'],
  M7: ['A', 'D', 'P', 'R', 'S', 'U', 'V'],
  M9: ['C', 'M'],
  NA: ['A', 'T'],
  NE: [],
  O1: ['R', 'U', 'D', 'C', 'X'],
  O2: ['C', 'R', 'B', 'S', 'M'],
  O3: ['A', 'B', 'C', 'E', 'I', 'K', 'L', 'M', 'N', 'R'],
  OM: ['M', 'R'],
  OR: ['N', 'E'],
  OW: ['A'],
  PA: ['A', 'J', 'M'],
  PF: ['P', 'L', 'I'],
  PG: ['A'],
  PO: ['D', 'R', 'S'],
  PS: ['A', 'E', 'H', 'I', 'M', 'P', 'R', 'S', 'T', 'U', 'V'],
  PU: ['L', 'D', 'S'],
  RJ: ['A'],
  RO: ['A'],
  RP: ['A'],
  RU: [],
  RZ: [],
  SD: ['S'],
  SF: ['A', 'C', 'D', 'H', 'I', 'R', 'S', 'T', 'U', 'V', 'X'],
  SG: ['A', 'P'],
  SK: ['A', 'C', 'D', 'F', 'I', 'O', 'P', 'R', 'S', 'U', 'X'],
  SM: ['B', 'C', 'D', 'F', 'M', 'N', 'O', 'P', 'S', 'T'],
  SO: ['A', 'C', 'R', 'T'],
  ST: ['A'],
  VA: ['S', 'F'],
  VC: ['S', 'E', 'R'],
  VL: [],
  VN: ['F', 'O', 'R'],
  VO: ['A', 'C', 'F', 'R', 'U', 'V'],
  VP: ['P', 'D', 'A', 'C', 'E', 'S', 'U'],
  VR: ['F', 'S'],
  VS: ['E', 'S'],
  VU: ['G', 'U', 'M'],
  VV: ['C', 'E', 'P', 'R', 'S'],
  X0: [...'123456789', ...'ABCDEF', ...'KLMNOPQ'],
  XD: ['G'],
  YC: ['C'],
  YR: [],
};

const subtypeOf = (r: Random, type: string) => r.pick(MORE_ENTRY_SUBTYPES[type]!);

// ---------------------------------------------------------------------------------------------
// A small IBM i shop: its profiles, libraries, programs, IFS files, addresses and devices.

const STAFF = ['JSMITH', 'MBROWN', 'AGARCIA', 'KLEE', 'PJONES', 'TNGUYEN', 'DWILSON', 'SMULLER'];
const ADMINS = ['QSECOFR', 'SECADM1'];
const PROGRAMS = [
  { name: 'PAYCALC', library: 'PAYROLL', owner: 'PAYOWNER' },
  { name: 'PAYSLIP', library: 'PAYROLL', owner: 'PAYOWNER' },
  { name: 'ORDENTRY', library: 'SALESLIB', owner: 'SALESOWN' },
  { name: 'INVRPT', library: 'SALESLIB', owner: 'SALESOWN' },
  { name: 'NIGHTLY', library: 'APPLIB', owner: 'QPGMR' },
];
const JOB_DESCRIPTIONS = [
  { name: 'PAYJOBD', library: 'PAYROLL' },
  { name: 'ETLJOBD', library: 'APPLIB' },
  { name: 'WEBJOBD', library: 'QGPL' },
];
const IFS_FILES = [
  { dir: '/home/jsmith', name: '.profile' },
  { dir: '/www/webprod/conf', name: 'httpd.conf' },
  { dir: '/QOpenSys/etc/ssh', name: 'sshd_config' },
  { dir: '/payroll/export', name: 'salaries-2026-11.csv' },
  { dir: '/QIBM/UserData/ICSS/Cert/Server', name: 'DEFAULT.KDB' },
];
const DLOS = [
  { folder: 'FINANCE/2026', document: 'BUDGET.XLS' },
  { folder: 'HR/POLICIES', document: 'LEAVE.DOC' },
  { folder: 'SALES/Q4', document: 'FORECAST.XLS' },
];
const NETSERVER_SHARES = ['PAYROLL', 'HOME', 'PUBLIC', 'QIBM'];
const NWS_SERVERS = ['WINSRV01', 'LANSRV1', 'NTSRV02'];
const PCS = ['PC04711', 'PC04712', 'LT00815', 'WS1203'];
const SYSTEM_NAMES = ['PROD01', 'PROD02', 'DEVSYS', 'HASYS'];
const EXIT_POINTS = [
  'QIBM_QTMF_SVR_LOGON',
  'QIBM_QTMF_SERVER_REQ',
  'QIBM_QZDA_SQL1',
  'QIBM_QZDA_INIT',
  'QIBM_QTG_DEVINIT',
  'QIBM_QPWFS_FILE_SERV',
  'QIBM_QZSO_SIGNONSRV',
  'QIBM_QSY_CHK_PASSWRD',
];
const SERVICE_TOOLS_IDS = ['QSECOFR', 'SSTADMIN', 'SSTOPER1', 'QSRV', '11111111'];
const LOCAL_ADDRESS = '10.1.1.10';
const LOCAL_ADDRESS6 = '2001:db8:1::10';

const yn = (b: boolean) => (b ? 'Y' : 'N');
const digits = (n: number, width: number) => String(n).padStart(width, '0');
const officeAddress = (r: Random) => `10.20.${r.int(1, 30)}.${r.int(2, 250)}`;
const internetAddress = (r: Random) => r.pick(['203.0.113.45', '198.51.100.77', '192.0.2.200']);
const ipv6Address = (r: Random) =>
  `2001:db8:20:${r.int(1, 0xff).toString(16)}::${r.int(2, 0xfff).toString(16)}`;
const jobNumber = (r: Random) => r.int(100000, 999999);
/** ASP device name and number (Char(5)) as the J5 ASP fields hold them. */
const asp = (r: Random) =>
  r.next() < 0.85 ? { name: '*SYSBAS', number: '00001' } : { name: 'IASP01', number: '00033' };
/** A 16-byte integrated-file-system file ID (binary). */
const fileId = (r: Random) => Uint8Array.from({ length: 16 }, (_, i) => (i < 4 ? 0 : r.int(0, 255)));
const ZERO_FILE_ID = new Uint8Array(16);

function saaTimestamp(r: Random, ctx: EntryContext): string {
  if (ctx.timestamp) return ctx.timestamp;
  return `2026-11-${digits(r.int(1, 28), 2)}-${digits(r.int(0, 23), 2)}.${digits(r.int(0, 59), 2)}.${digits(r.int(0, 59), 2)}.${digits(r.int(0, 999999), 6)}`;
}

/** Server date (Char(6), yymmdd) and time (Zoned(6,0), hhmmss) of the retired network-server entries. */
const serverDate = (r: Random) => `2611${digits(r.int(1, 28), 2)}`;
const serverTime = (r: Random) => r.int(0, 23) * 10000 + r.int(0, 59) * 100 + r.int(0, 59);

/** *DTS machine timestamp: microseconds since 1928-08-23 12:03:06.314752 UTC in bits 0–51. */
function dts(r: Random): Uint8Array {
  const epoch = Date.UTC(1928, 7, 23, 12, 3, 6, 314) * 1000 + 752;
  const micros = BigInt(Date.UTC(2026, 10, r.int(1, 28), r.int(0, 23), r.int(0, 59)) * 1000 - epoch);
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, micros << 12n);
  return bytes;
}

/** A 32-bit value as the 8 hexadecimal characters X0 writes into its Char(8) fields. */
const hex8 = (value: number) => (value >>> 0).toString(16).toUpperCase().padStart(8, '0');

// ---------------------------------------------------------------------------------------------
// Builders, one per entry type, in IBM's order of offsets.

/** AD (Auditing Change) — IBM 7.6 page (7.5 AUDIT_JOURNAL_AD for the codes); 656 onward not readable. */
function ad(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'AD');
  const f = new EntryFields().char(610, 1, 'Entry Type', type);
  if (type === 'U') {
    f.char(611, 10, 'Object Name', c.user) // Object Name
      .char(621, 10, 'Library Name', 'QSYS') // Library Name
      .char(631, 8, 'Object Type', '*USRPRF') // Object Type
      .char(639, 10, 'Object Audit Value', r.pick(['*NONE', '*CHANGE', '*ALL'])); // Object Audit Value
  } else if (type === 'D') {
    f.char(611, 10, 'Object Name', `AAB${r.int(1000000, 9999999)}`) // Object Name (DLO system name)
      .char(621, 10, 'Library Name', 'QDOC') // Library Name
      .char(631, 8, 'Object Type', r.pick(['*DOC', '*FLR'])) // Object Type
      .char(639, 10, 'Object Audit Value', r.pick(['*NONE', '*USRPRF', '*CHANGE', '*ALL'])); // Object Audit Value
  } else if (type === 'S') {
    f.char(611, 10, 'Object Name', '') // Object Name (IFS object: named in the path fields)
      .char(621, 10, 'Library Name', '') // Library Name
      .char(631, 8, 'Object Type', '*STMF') // Object Type
      .char(639, 10, 'Object Audit Value', r.pick(['*YES', '*NO', '*CHGONLY'])); // scan attribute value
  } else {
    f.char(611, 10, 'Object Name', c.object) // Object Name
      .char(621, 10, 'Library Name', c.library) // Library Name
      .char(631, 8, 'Object Type', c.objectType ?? '*FILE') // Object Type
      .char(639, 10, 'Object Audit Value', r.pick(['*NONE', '*USRPRF', '*CHANGE', '*ALL'])); // Object Audit Value
  }
  const flag = () => (type === 'U' ? yn(r.next() < 0.5) : '');
  return f
    .char(649, 1, 'CHGUSRAUD *CMD', flag()) // CHGUSRAUD *CMD
    .char(650, 1, 'CHGUSRAUD *CREATE', flag()) // CHGUSRAUD *CREATE
    .char(651, 1, 'CHGUSRAUD *DELETE', flag()) // CHGUSRAUD *DELETE
    .char(652, 1, 'CHGUSRAUD *JOBDTA', flag()) // CHGUSRAUD *JOBDTA
    .char(653, 1, 'CHGUSRAUD *OBJMGT', flag()) // CHGUSRAUD *OBJMGT
    .char(654, 1, 'CHGUSRAUD *OFCSRV', flag()) // CHGUSRAUD *OFCSRV
    .char(655, 1, 'CHGUSRAUD *PGMADP', flag()) // CHGUSRAUD *PGMADP
    .build();
}

/** AP (Adopted Authority) — IBM 7.3 rzarlf07 (complete; ends 679). */
function ap(r: Random): BuiltEntry {
  const pgm = r.pick(PROGRAMS);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'AP')) // Entry Type
    .char(611, 10, 'Object Name', pgm.name) // Object Name
    .char(621, 10, 'Library Name', pgm.library) // Library Name
    .char(631, 8, 'Object Type', r.pick(['*PGM', '*PGM', '*SRVPGM', '*SQLPKG'])) // Object Type
    .char(639, 10, 'Owning User Profile', pgm.owner) // Owning User Profile
    .bytes(649, 16, 'Object File ID', fileId(r)) // Object File ID
    .char(665, 10, 'ASP Name', where.name) // ASP Name
    .char(675, 5, 'ASP Number', where.number) // ASP Number
    .build();
}

/** AU (Attribute Changes, EIM) — IBM 7.3 rzarlf08; Old Value (2738) not readable, not written. */
function au(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'AU');
  const user = r.pick(STAFF);
  const change =
    type === 'E'
      ? {
          action: 'CHG',
          name: r.pick(['Domain', 'Local registry', 'Kerberos registry', 'Connection port']),
          newValue: r.pick([
            'ldap://eim.example.com:389/ibm-eimDomainName=EIM,o=example,c=us',
            'PROD01',
            '636',
          ]),
          oldValue: r.pick([
            'ldap://eimold.example.com:389/ibm-eimDomainName=EIM,o=example,c=us',
            'DEVSYS',
            '389',
          ]),
        }
      : {
          action: r.pick(['ADD', 'RMV']),
          name: user,
          newValue: `ibm-eimIdentifier=${user},cn=Identifiers,ibm-eimDomainName=EIM,o=example,c=us`,
          oldValue: 'ibm-eimRegistryName=PROD01,cn=Registries,ibm-eimDomainName=EIM,o=example,c=us',
        };
  return new EntryFields()
    .char(610, 1, 'Entry type', type) // Entry type
    .char(611, 3, 'Action', change.action) // Action
    .char(614, 100, 'Name', change.name) // Name
    .bin2(714, 'New Value Length', change.newValue.length) // New Value Length
    .bin4(716, 'New Value CCSID', 37) // New Value CCSID
    .char(720, 2, 'New Value Country or Region ID', 'US') // New Value Country or Region ID
    .char(722, 3, 'New Value Language ID', 'ENU') // New Value Language ID
    .varying(725, 2002, 'New Value', change.newValue) // New Value (footnoted variable length: 2-byte length first)
    .bin2(2727, 'Old Value Length', change.oldValue.length) // Old Value Length
    .bin4(2729, 'Old Value CCSID', 37) // Old Value CCSID
    .char(2733, 2, 'Old Value Country or Region ID', 'US') // Old Value Country or Region ID
    .char(2735, 3, 'Old Value Language ID', 'ENU') // Old Value Language ID
    .build();
}

/** AX (Row and Column Access Control) — IBM 7.3 rzarlf81; cut off after 787. */
function ax(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'AX');
  const op = r.pick(['A', 'B', 'C', 'D']);
  const where = asp(r);
  const name = type === 'M' ? r.pick(['SSN_MASK', 'SALARY_MASK']) : type === 'P' ? 'PAYROLL_DEPT_ROWS' : '';
  const status1 = op === 'A' || op === 'C' ? (type === 'T' ? r.pick(['A', 'D']) : r.pick(['E', 'D'])) : '';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Operation Type', op) // Operation Type
    .char(612, 10, 'Table Name', r.pick(['EMPMAST', 'SALHIST'])) // Table Name
    .char(622, 10, 'Table Library', 'PAYROLL') // Table Library
    .char(632, 10, 'Table ASP Name', where.name) // Table ASP Name
    .char(642, 5, 'Table ASP Number', where.number) // Table ASP Number
    .char(647, 128, 'Name', name) // Name
    .char(775, 10, 'Column Name', type === 'M' && op === 'C' ? r.pick(['SSN', 'SALARY']) : '') // Column Name
    .char(785, 1, 'Status 1', status1) // Status 1
    .char(786, 1, 'Status 2', type === 'T' && op === 'A' ? r.pick(['A', 'D']) : '') // Status 2
    .char(787, 1, 'Previous Status 1', type !== 'T' && op === 'A' ? r.pick(['E', 'D']) : '') // Previous Status 1
    .build();
}

/** CD (Command String) — IBM 7.3 and 7.4 rzarlf10 (complete; ends 6654). */
function cd(r: Random, c: EntryContext): BuiltEntry {
  const command = r.pick([
    { name: 'CHGUSRPRF', text: `CHGUSRPRF USRPRF(${c.user}) STATUS(*ENABLED)` },
    { name: 'WRKACTJOB', text: 'WRKACTJOB SBS(QINTER)' },
    { name: 'DSPFD', text: `DSPFD FILE(${c.library}/${c.object})` },
    { name: 'STRSQL', text: 'STRSQL' },
    { name: 'CHGSYSVAL', text: "CHGSYSVAL SYSVAL(QMAXSIGN) VALUE('3')" },
    { name: 'SAVLIB', text: 'SAVLIB LIB(PAYROLL) DEV(TAP01) ENDOPT(*LEAVE)' },
    { name: 'CALL', text: "CALL PGM(PAYROLL/PAYCALC) PARM('2026' '11')" },
  ]);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'CD')) // Entry Type
    .char(611, 10, 'Object Name', command.name) // Object Name
    .char(621, 10, 'Library Name', 'QSYS') // Library Name
    .char(631, 8, 'Object Type', '*CMD') // Object Type
    .char(639, 1, 'Where run', r.pick(['Y', 'R', 'E', 'B', 'N'])) // Where run
    .char(640, 6000, 'Command String', command.text) // Command String
    .char(6640, 10, 'ASP Name for Command Library', where.name) // ASP Name for Command Library
    .char(6650, 5, 'ASP Number for Command Library', where.number) // ASP Number for Command Library
    .build();
}

/** CQ (*CRQD Changes) — IBM 7.3 rzarlf13 (complete; ends 653). */
function cq(r: Random): BuiltEntry {
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'CQ')) // Entry Type
    .char(611, 10, 'Object Name', r.pick(['PTFCRQ01', 'NEWAPPCRQ', 'UPGCRQ'])) // Object Name
    .char(621, 10, 'Library Name', r.pick(['QUSRSYS', 'APPLIB'])) // Library Name
    .char(631, 8, 'Object Type', '*CRQD') // Object Type
    .char(639, 10, 'ASP Name', where.name) // ASP Name
    .char(649, 5, 'ASP Number', where.number) // ASP Number
    .build();
}

/** CU (Cluster Operations) — IBM 7.1 rzarlf14 (complete; ends 707). */
function cu(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'CU');
  const action =
    type === 'R'
      ? r.pick(['ADD', 'CRT', 'DLT', 'DST', 'END', 'FLO', 'LST', 'RMV', 'STR', 'SWT', 'UPC'])
      : r.pick(['ADD', 'CRT', 'DLT', 'END', 'LST', 'RMV', 'RSC', 'STR', 'UPC']);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 3, 'Entry Action', action) // Entry Action
    .char(614, 3, 'Status', r.pick(['STR', 'END', 'END', 'ABN', 'AUT'])) // Status
    .char(617, 10, 'CRG Object Name', type === 'R' ? r.pick(['PAYCRG', 'DTACRG']) : '') // CRG Object Name
    .char(627, 10, 'CRG Library Name', type === 'R' ? 'QCLUSTER' : '') // CRG Library Name
    .char(637, 10, 'Cluster Name', 'PRODCLU') // Cluster Name
    .char(647, 8, 'Node ID', r.pick(['NODEA', 'NODEB'])) // Node ID
    .char(655, 8, 'Source Node ID', r.pick(['NODEA', 'NODEB'])) // Source Node ID
    .char(663, 10, 'Source User Name', c.user) // Source User Name
    .char(673, 10, 'User Queue Name', 'CLUEVTQ') // User Queue Name
    .char(683, 10, 'User Queue Library', 'QGPL') // User Queue Library
    .char(693, 10, 'ASP Name', where.name) // ASP Name
    .char(703, 5, 'ASP Number', where.number) // ASP Number
    .build();
}

/** CV (Connection Verification) — IBM 7.3 rzarlf15; nothing after 903 readable. */
function cv(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'CV');
  const action =
    type === 'C' ? ' ' : type === 'E' ? r.pick([' ', 'A', 'P', 'T', 'U']) : r.pick([...'ACLNPRTU']);
  const protocol = r.pick(['L2TP', 'PPP', 'SLIP']);
  const remoteAuth = r.pick(['CHAP', 'PAP', 'RADIUS', 'SCRIPT']);
  const radius = remoteAuth === 'RADIUS';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Action', action) // Action
    .char(612, 10, 'Point to Point Profile Name', r.pick(['VPNHQ', 'DIALIN01', 'L2TPSITE2'])) // Point to Point Profile Name
    .char(622, 10, 'Protocol', protocol) // Protocol
    .char(632, 10, 'Local Authentication Method', r.pick(['CHAP', 'PAP', 'SCRIPT'])) // Local Authentication Method
    .char(642, 10, 'Remote Authentication Method', remoteAuth) // Remote Authentication Method
    .char(652, 10, 'Object Name', 'QPPPVLDL') // Object Name (*VLDL)
    .char(662, 10, 'Library Name', 'QUSRSYS') // Library Name
    .char(672, 100, '*VLDL User Name', c.user.toLowerCase()) // *VLDL User Name
    .char(772, 40, 'Local IP Address', LOCAL_ADDRESS) // Local IP Address
    .char(812, 40, 'Remote IP Address', internetAddress(r)) // Remote IP Address
    .char(852, 1, 'IP Forwarding', yn(r.next() < 0.2)) // IP Forwarding (codes not shown; Y/N assumed)
    .char(853, 1, 'Proxy ARP', yn(r.next() < 0.2)) // Proxy ARP (codes not shown; Y/N assumed)
    .char(854, 10, 'Radius Name', radius ? 'AAAPRF01' : '') // Radius Name
    .char(864, 40, 'Authenticating IP Address', radius ? '10.1.1.40' : '') // Authenticating IP Address
    .build();
}

/** CY (Cryptographic Configuration) — IBM 7.3 rzarlf16 (Japanese copy); cut off at 630. */
function cy(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'CY');
  const action =
    type === 'A'
      ? r.pick(['CCP', 'CCR', 'DCP', 'DCR', 'QRY', 'RCP', 'RCR'])
      : type === 'F'
        ? r.pick(['CLK', 'EID', 'FCV', 'INI'])
        : type === 'K'
          ? r.pick(['CLR', 'CRT', 'LOD', 'SET', 'TST'])
          : r.pick(['CLR', 'CRT', 'DST', 'LOD', 'RCV', 'SET', 'SHR', 'TST']);
  const card = type === 'A' && action !== 'QRY';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 3, 'Action', action) // Action
    .char(614, 8, 'Card Profile', card ? r.pick(['SECOFR01', 'CRYPTADM']) : '') // Card Profile
    .char(622, 8, 'Card Role', card ? r.pick(['SECADMIN', 'DEFAULT']) : '') // Card Role
    .build();
}

const LDAP_OPERATIONS = [
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
];

/** DI (Directory Server) — IBM 7.3 rzarlf17 (codes) and 7.6 (615–641); nothing after 641 readable. */
function di(r: Random): BuiltEntry {
  const op = r.pick(LDAP_OPERATIONS);
  const viaServer = op !== 'CI' && op !== 'DI' && op !== 'EX' && op !== 'IM';
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'DI')) // Entry Type
    .char(611, 2, 'Operation Type', op) // Operation Type
    .char(613, 1, 'Authority Failure Code', op === 'AF' ? r.pick([...'ABCDEFGIMPRUX']) : '') // Authority Failure Code
    .char(614, 1, 'Configuration Change', '') // Configuration Change (codes not shown)
    .char(615, 1, 'Configuration Change Code', '') // Configuration Change Code (codes not shown)
    .char(616, 1, 'Propagate Flag', '') // Propagate Flag (codes not shown)
    .char(
      617,
      20,
      'Bind Authentication Choice',
      op === 'BN' ? r.pick(['SIMPLE', 'SASL EXTERNAL', 'SASL GSSAPI']) : '',
    ) // Bind Authentication Choice
    .char(637, 4, 'LDAP Version', viaServer ? '3' : '') // LDAP Version
    .char(641, 1, 'SSL Indicator', '') // SSL Indicator (codes not shown)
    .build();
}

/** DS (Service Tools User ID and Attribute Changes) — IBM 7.1, 7.3 and 7.6 rzarlf19; 651 onward not readable. */
function ds(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'DS');
  const id = r.pick(SERVICE_TOOLS_IDS.slice(1));
  const renamed = `SST${r.int(10, 99)}`;
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'IBM-Supplied Service Tools User ID Reset', type === 'A' ? 'Y' : '') // IBM-Supplied Service Tools User ID Reset
    .char(
      612,
      10,
      'Service Tools User ID to change',
      type === 'A' ? '*SECURITY' : type === 'C' || type === 'P' ? id : '',
    ) // Service Tools User ID to change
    .char(622, 8, 'Service Tools User ID New Name', type === 'C' ? renamed : '') // Service Tools User ID New Name
    .char(630, 1, 'Service Tools User ID Password Change', type === 'P' ? 'Y' : '') // Service Tools User ID Password Change
    .char(631, 10, 'Service Tools User ID', type === 'C' ? renamed : 'DHKR'.includes(type) ? id : '') // Service Tools User ID
    .char(641, 10, 'Service Tools User ID Requesting Profile', r.pick(['QSECOFR', 'SSTADMIN'])) // Service Tools User ID Requesting Profile
    .build();
}

const ENVIRONMENT_VARIABLES = [
  'QIBM_USE_DESCRIPTOR_STDIO',
  'QIBM_MULTI_THREADED',
  'JAVA_HOME',
  'QIBM_JAVA_STDIO_CONVERT',
  'PASE_LANG',
  'TZ',
];

/** EV (Environment Variable) — IBM 7.3 rzarlf20 (complete; ends 2628). */
function ev(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'EV');
  const name = type === 'I' ? '' : r.pick(ENVIRONMENT_VARIABLES);
  const newName = type === 'C' ? `${name}_OLD` : '';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Name Truncated', 'N') // Name Truncated
    .bin4(612, 'CCSID', type === 'I' ? 0 : 37) // CCSID
    .bin2(616, 'Length', name.length) // Length
    .varying(618, 1002, 'Environment Variable Name', name) // Environment Variable Name (2-byte length first)
    .char(1620, 1, 'New Name Truncated', type === 'C' ? 'N' : '') // New Name Truncated
    .bin4(1621, 'New Name CCSID', type === 'C' ? 37 : 0) // New Name CCSID
    .bin2(1625, 'New Name Length', newName.length) // New Name Length
    .varying(1627, 1002, 'New Environment Variable Name', newName) // New Environment Variable Name (2-byte length first)
    .build();
}

/** GR (Generic Record) — IBM 7.1 and 7.4 rzarlf21; nothing after Field 1 (730) readable. */
function gr(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'GR');
  let action: string;
  let field1: string;
  if (type === 'F') {
    field1 = r.pick(['*REGISTER', '*REREGISTER', '*DEREGISTER', '*CHGUSAGE', '*CHKUSAGE', '*USAGEFAILURE']);
    action = field1 === '*CHKUSAGE' || field1 === '*USAGEFAILURE' ? 'ZR' : 'ZC';
  } else if (type === 'C') {
    field1 = r.pick(['mc_reg_event_select', 'mc_reg_event_handle', 'mc_reg_class_event']);
    action = r.pick(['ZR', 'ZC']);
  } else if (type === 'O') {
    // What Field 1 holds for ObjectConnect is not in the readable text: the target system here.
    field1 = r.pick(SYSTEM_NAMES);
    action = r.pick(['SV', 'RS']);
  } else {
    // Exit program added/removed/replaced: Field 1 carries the exit point.
    field1 = r.pick(EXIT_POINTS);
    action = 'ZC';
  }
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 2, 'Action', action) // Action
    .char(613, 10, 'User Name', c.user) // User Name
    .bin4(623, 'Field 1 CCSID', 37) // Field 1 CCSID
    .bin2(627, 'Field 1 Length', field1.length) // Field 1 Length
    .char(629, 102, 'Field 1', field1) // Field 1
    .build();
}

/** GS (Give Descriptor) — IBM 7.3 rzarlf22 (complete; ends 656). */
function gs(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'GS');
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'Job Name', r.pick(['QZDASOINIT', 'QZRCSRVS', 'QTVTELNET', 'QZLSFILE'])) // Job Name
    .char(621, 10, 'User Name', 'QUSER') // User Name
    .zoned(631, 6, 'Job Number', jobNumber(r)) // Job Number
    .char(637, 10, 'User Profile Name', c.user) // User Profile Name
    .char(647, 10, 'JUID', type === 'G' ? c.user : '') // JUID
    .build();
}

/** IM (Intrusion Monitor) — IBM 7.3 rzarlf23 and 7.5; nothing after 754 readable. */
function im(r: Random, c: EntryContext): BuiltEntry {
  const v6 = r.next() < 0.2;
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'IM')) // Entry Type
    .char(611, 26, 'Time of Event', saaTimestamp(r, c)) // Time of Event
    .char(637, 4, 'Detection Point Identifier', r.int(0x1000, 0xffff).toString(16).toUpperCase()) // Detection Point Identifier
    .char(641, 1, 'Local Address Family', v6 ? '6' : '4') // Local Address Family
    .zoned(642, 5, 'Local Port Number', r.pick([21, 22, 23, 443, 446, 449, 8470, 8471, 8476])) // Local Port Number
    .char(647, 46, 'Local IP Address', v6 ? LOCAL_ADDRESS6 : LOCAL_ADDRESS) // Local IP Address
    .char(693, 1, 'Remote Address Family', v6 ? '6' : '4') // Remote Address Family
    .zoned(694, 5, 'Remote Port Number', r.int(1024, 65535)) // Remote Port Number
    .char(699, 46, 'Remote IP Address', v6 ? ipv6Address(r) : internetAddress(r)) // Remote IP Address
    .char(
      745,
      6,
      'Probe Type Identifier',
      r.pick([
        'ATTACK',
        'TR-TCP',
        'TR-SSL',
        'TR-UDP',
        'SCANE',
        'SCANG',
        'XATTAC',
        'XTRTCP',
        'XTRUDP',
        'XSCAN',
      ]),
    ) // Probe Type Identifier
    .char(751, 4, 'Event Correlator', r.int(0x1000, 0xffff).toString(16).toUpperCase()) // Event Correlator
    .build();
}

/** IP (Interprocess Communication) — IBM 7.3 rzarlf24 (complete; ends 2720). */
function ip(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'IP');
  const ipcType = type === 'M' ? 'M' : type === 'Z' ? r.pick(['N', 'M']) : r.pick(['M', 'N', 'Q', 'S']);
  const semaphore = ipcType === 'N' ? r.pick(['/PAYROLL_LOCK', '/ETL.QUEUE.MUTEX', '/webprod-session']) : '';
  const ownerChange = type === 'A';
  const authority = () => r.pick(['*R', '*W', '*RW']);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'IPC Type', ipcType) // IPC Type
    .bin4(612, 'IPC Handle', r.int(1, 2_000_000)) // IPC Handle
    .char(616, 10, 'New Owner', ownerChange ? c.user : '') // New Owner
    .char(626, 10, 'Old Owner', ownerChange ? 'QPGMR' : '') // Old Owner
    .char(636, 3, 'Owner Authority', authority()) // Owner Authority
    .char(639, 10, 'New Group', ownerChange ? 'PAYGRP' : '') // New Group
    .char(649, 10, 'Old Group', ownerChange ? 'STAFF' : '') // Old Group
    .char(659, 3, 'Group Authority', authority()) // Group Authority
    .char(662, 3, 'Public Authority', authority()) // Public Authority
    .bin4(665, 'CCSID Semaphore Name', semaphore ? 37 : 0) // CCSID Semaphore Name
    .bin2(669, 'Length Semaphore Name', semaphore.length) // Length Semaphore Name
    .varying(671, 2050, 'Semaphore Name', semaphore) // Semaphore Name (2-byte length first)
    .build();
}

/** IR (IP Rules Actions) — IBM 7.3 rzarlf25; cut off after 1283. */
function ir(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'IR');
  const usesFile = type === 'L' || type === 'R';
  const ifs = usesFile && r.next() < 0.5;
  const qsys = usesFile && !ifs;
  const ifsName = ifs
    ? r.pick(['/QIBM/UserData/OS400/TCPIP/IPRULES/rules.i3p', '/home/secadm1/filters.i3p'])
    : '';
  const connection = type === 'N' || type === 'P';
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'File Name', qsys ? 'IPRULES' : '') // File Name
    .char(621, 10, 'File Library', qsys ? 'QUSRSYS' : '') // File Library
    .bin2(649, 'File Name Length', ifsName.length) // File Name Length
    .bin4(651, 'File Name CCSID', ifs ? 37 : 0) // File Name CCSID
    .char(655, 2, 'File Country or Region ID', ifs ? 'US' : '') // File Country or Region ID
    .char(657, 3, 'File Language ID', ifs ? 'ENU' : '') // File Language ID
    .bytes(663, 16, 'Parent File ID', ifs ? fileId(r) : ZERO_FILE_ID) // Parent File ID
    .bytes(679, 16, 'Object File ID', ifs ? fileId(r) : ZERO_FILE_ID) // Object File ID
    .char(695, 512, 'File Name', ifsName) // File Name
    .char(1207, 40, 'Connection sequence', connection ? r.pick(['VPNHQ:L1', 'BRANCH2:R3']) : '') // Connection sequence
    .bytes(1247, 16, 'Object File ID', ifs ? fileId(r) : ZERO_FILE_ID) // Object File ID (second)
    .char(1263, 10, 'ASP Name', where.name) // ASP Name
    .char(1273, 5, 'ASP Number', where.number) // ASP Number
    .bin4(1278, 'Path Name CCSID', ifs ? 37 : 0) // Path Name CCSID
    .char(1282, 2, 'Path Name Country or Region ID', ifs ? 'US' : '') // Path Name Country or Region ID
    .build();
}

/** IS (Internet Security Management) — IBM 7.3 rzarlf26; cut off after 1172. */
function is(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'IS');
  const phase2 = type === '2';
  const ike = type === '1' || type === '2';
  const v6 = ike && r.next() < 0.2;
  const remote = v6 ? ipv6Address(r) : internetAddress(r);
  const local = v6 ? LOCAL_ADDRESS6 : LOCAL_ADDRESS;
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 15, 'Local IP Address', v6 ? '' : local) // Local IP Address (IPv4 only)
    .char(626, 5, 'Local Client ID Port', phase2 ? '0' : '') // Local Client ID Port
    .char(631, 15, 'Remote IP Address', v6 ? '' : remote) // Remote IP Address (IPv4 only)
    .char(646, 5, 'Remote Client ID Port', phase2 ? '0' : '') // Remote Client ID Port
    .char(651, 1, 'Local IP Address Family', ike ? (v6 ? '6' : '4') : '') // Local IP Address Family
    .char(652, 46, 'Local IP Address', ike ? local : '') // Local IP Address
    .char(698, 1, 'Remote IP Address Family', ike ? (v6 ? '6' : '4') : '') // Remote IP Address Family
    .char(699, 46, 'Remote IP Address', ike ? remote : '') // Remote IP Address
    .char(745, 4, 'IKE Version', ike ? r.pick(['1.0', '2.0']) : '') // IKE Version
    .char(907, 4, 'Result Code', r.pick(['0', '0', '0', '14', '24', '8203'])) // Result Code
    .bin4(911, 'CCSID', 37) // CCSID
    .char(915, 256, 'Local ID', ike ? r.pick(['vpn.example.com', LOCAL_ADDRESS]) : '') // Local ID
    .char(1171, 2, 'Local Client ID Type', phase2 ? r.pick(['1', '2', '3', '4', '5']) : '') // Local Client ID Type
    .build();
}

/** JD (Job Description Change) — IBM 7.1 and 7.3 rzarlf27 (complete; ends 676). */
function jd(r: Random, c: EntryContext): BuiltEntry {
  const jobd = r.pick(JOB_DESCRIPTIONS);
  const command = r.pick(['CHG', 'CRT']);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'JD')) // Entry Type
    .char(611, 10, 'Job Description', jobd.name) // Job Description
    .char(621, 10, 'Library Name', jobd.library) // Library Name
    .char(631, 8, 'Object Type', '*JOBD') // Object Type
    .char(639, 3, 'Command Type', command) // Command Type
    .char(642, 10, 'Old User', command === 'CHG' ? r.pick(['*RQD', 'ETLBATCH']) : '') // Old User
    .char(652, 10, 'New User', c.user) // New User
    .char(662, 10, 'ASP name', where.name) // ASP name
    .char(672, 5, 'ASP number', where.number) // ASP number
    .build();
}

/** KF (Key Ring File) — IBM 7.3 rzarlf29; cut off after 1219 (second file name not readable). */
function kf(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'KF');
  const keyRingOp =
    type === 'K' ? r.pick(['ADD', 'DFT', 'EXP', 'IMP', 'LST', 'PWD', 'RMV', 'INF', '2DB', '2YR']) : '';
  const name = r.pick(['DEFAULT.KDB', 'WEBPROD.KDB', 'CLIENT.KDB']);
  // Import/export name a second (source or destination) file; its name lies past the readable part.
  const other = keyRingOp === 'IMP' || keyRingOp === 'EXP' ? '/tmp/webprod-export.p12' : '';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 3, 'Certificate Operation', type === 'C' ? r.pick(['ADK', 'ADD', 'REQ', 'SGN']) : '') // Certificate Operation
    .char(614, 3, 'Key Ring Operation', keyRingOp) // Key Ring Operation
    .char(617, 3, 'Trusted Root Operation', type === 'T' ? r.pick(['TRS', 'RMV', 'LST']) : '') // Trusted Root Operation
    .bin2(638, 'Object Name Length', name.length) // Object Name Length
    .bin4(640, 'Object Name CCSID', 37) // Object Name CCSID
    .char(644, 2, 'Object Name Country or Region ID', 'US') // Object Name Country or Region ID
    .char(646, 3, 'Object Name Language ID', 'ENU') // Object Name Language ID
    .bytes(652, 16, 'Parent File ID', fileId(r)) // Parent File ID
    .bytes(668, 16, 'Object File ID', fileId(r)) // Object File ID
    .char(684, 512, 'Object Name', name) // Object Name
    .bin2(1214, 'Object Name length', other.length) // Object Name length (second file)
    .bin4(1216, 'Object Name CCSID', other ? 37 : 0) // Object Name CCSID (second file)
    .build();
}

/** M7 (Db2 Mirror Replication Services) — IBM 7.6; nothing between 618 and 855 readable. */
function m7(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'M7');
  const action = type === 'V' ? r.pick(['ADD', 'APY', 'RMV', 'RFS']) : '';
  const numbered = 'ADR'.includes(type) || action === 'ADD' || action === 'RMV';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 3, 'Action', action) // Action (codes shown only for V)
    .bin4(614, 'Rule Identifier', numbered ? r.int(1, 500) : 0) // Rule Identifier
    .build();
}

/** M9 (Db2 Mirror Replication State) — IBM 7.6; cut off after 632. */
function m9(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'M9');
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(
      611,
      10,
      'ASP Name',
      type === 'C'
        ? r.pick(['*SYSBAS', 'IASP01'])
        : r.pick(['IFS RST', 'MANAGER', 'OBJECT MIR', 'OBJECT RST']),
    ) // ASP Name
    .char(621, 12, 'Replication State', type === 'C' ? r.pick(['ACTIVE', 'BLOCKED', 'NOT MIRRORED']) : '') // Replication State
    .build();
}

/** NA (Attribute Change) — IBM 7.3 rzarlf32 (complete; ends 1120). */
function na(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'NA');
  const change =
    type === 'A'
      ? r.pick([
          { name: 'DDMACC', to: '*REJECT', from: '*OBJAUT' },
          { name: 'PCSACC', to: '*OBJAUT', from: '*REGFAC' },
          { name: 'JOBACN', to: '*REJECT', from: '*FILE' },
          { name: 'ALWADDCLU', to: '*NONE', from: '*ANY' },
        ])
      : r.pick([
          { name: 'IPDTGFWD', to: '*NO', from: '*YES' },
          { name: 'TCPKEEPALV', to: '60', from: '120' },
          { name: 'ARPTIMO', to: '5', from: '15' },
          { name: 'IPSRCRTG', to: '*NO', from: '*YES' },
        ]);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'Attribute', change.name) // Attribute
    .char(621, 250, 'New Attribute Value', change.to) // New Attribute Value
    .char(871, 250, 'Old Attribute Value', change.from) // Old Attribute Value
    .build();
}

/** NE (APPN End Point Filter) — IBM 7.3 rzarlf34 (complete; ends 636). Its code lists are not readable: 'A' and Y/N assumed. */
function ne(r: Random): BuiltEntry {
  const inbound = r.next() < 0.5;
  return new EntryFields()
    .char(610, 1, 'Entry Type', 'A') // Entry Type
    .char(611, 8, 'Local location name', 'PROD01') // Local location name
    .char(619, 8, 'Remote location name', r.pick(['BRANCH1', 'BRANCH2', 'S36HOST'])) // Remote location name
    .char(627, 8, 'Remote NETID', 'APPN') // Remote NETID
    .char(635, 1, 'Inbound session', yn(inbound)) // Inbound session
    .char(636, 1, 'Outbound session', yn(!inbound)) // Outbound session
    .build();
}

const OPTICAL_VOLUMES = ['VOL2026A', 'ARCHIVE01', 'BKUP1126', 'INVOICES2026'];

/** O1 (Optical Access: single file/directory) — IBM 7.3 rzarlf38 (complete; ends 943). */
function o1(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'O1');
  const remote = r.next() < 0.3;
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Object Type', type === 'C' ? 'D' : r.pick(['F', 'D', 'S'])) // Object Type
    .char(612, 1, 'Access Type', r.pick(['D', 'A', 'R', 'S'])) // Access Type
    .char(613, 10, 'Device Name', r.pick(['OPTLIB01', 'OPT01'])) // Device Name
    .char(623, 8, 'CSI Name', remote ? 'OPTCSI01' : '') // CSI Name
    .char(631, 10, 'CSI Library', remote ? 'QUSRSYS' : '') // CSI Library
    .char(641, 32, 'Volume Name', r.pick(OPTICAL_VOLUMES)) // Volume Name
    .char(
      673,
      256,
      'Object Name',
      r.pick(['/INVOICES/2026/INV00123.PDF', '/PAYROLL/2026-11', '/SCANS/HR0042.TIF']),
    ) // Object Name
    .char(929, 10, 'ASP name', remote ? where.name : '') // ASP name
    .char(939, 5, 'ASP number', remote ? where.number : '') // ASP number
    .build();
}

/** O2 (Optical Access: copy/move) — IBM 7.3 rzarlf39 (complete; ends 1273). */
function o2(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'O2');
  const remote = r.next() < 0.3;
  const where = asp(r);
  const source = r.pick(['/INVOICES/2026/INV00123.PDF', '/PAYROLL/2026-11']);
  const target = type === 'R' ? `${source}.OLD` : source;
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Object Type', r.pick(['F', 'D'])) // Object Type
    .char(612, 10, 'Src Device Name', 'OPTLIB01') // Src Device Name
    .char(622, 8, 'Src CSI Name', remote ? 'OPTCSI01' : '') // Src CSI Name
    .char(630, 10, 'Src CSI Library', remote ? 'QUSRSYS' : '') // Src CSI Library
    .char(640, 32, 'Src Volume Name', 'VOL2026A') // Src Volume Name
    .char(672, 256, 'Src Obj Name', source) // Src Obj Name
    .char(928, 10, 'Tgt Device Name', r.pick(['OPTLIB01', 'OPTLIB02'])) // Tgt Device Name
    .char(938, 8, 'Tgt CSI Name', remote ? 'OPTCSI02' : '') // Tgt CSI Name
    .char(946, 10, 'Tgt CSI Library', remote ? 'QUSRSYS' : '') // Tgt CSI Library
    .char(956, 32, 'Tgt Volume Name', type === 'R' ? 'VOL2026A' : 'BKUP1126') // Tgt Volume Name
    .char(988, 256, 'Tgt Obj Name', target) // Tgt Obj Name
    .char(1244, 10, 'ASP name', remote ? where.name : '') // ASP name
    .char(1254, 5, 'ASP number', remote ? where.number : '') // ASP number
    .char(1259, 10, 'ASP name for target CSI library', remote ? where.name : '') // ASP name for target CSI library
    .char(1269, 5, 'ASP number for target CSI library', remote ? where.number : '') // ASP number for target CSI library
    .build();
}

/** O3 (Optical Access: volume) — IBM 7.1 rzarlf40 (complete; ends 745). */
function o3(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'O3');
  const remote = r.next() < 0.3;
  const where = asp(r);
  const oldVolume = r.pick(OPTICAL_VOLUMES);
  const newVolume = 'ICN'.includes(type) ? `NEW${r.int(1000, 9999)}` : type === 'B' ? 'BKUP1126' : oldVolume;
  const autl = 'EML'.includes(type);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'Device Name', 'OPTLIB01') // Device Name
    .char(621, 8, 'CSI Name', remote ? 'OPTCSI01' : '') // CSI Name
    .char(629, 10, 'CSI Library', remote ? 'QUSRSYS' : '') // CSI Library
    .char(639, 32, 'Old Volume Name', type === 'I' && r.next() < 0.5 ? '' : oldVolume) // Old Volume Name
    .char(671, 32, 'New Volume Name', newVolume) // New Volume Name
    .char(703, 10, 'Old Auth List', autl ? 'QOPTSEC' : '') // Old Auth List
    .char(713, 10, 'New Auth List', type === 'L' ? 'OPTARCH' : '') // New Auth List
    .bin4(723, 'Address', type === 'R' ? r.int(0, 500000) : 0) // Address
    .bin4(727, 'Length', type === 'R' ? r.pick([2048, 4096, 32768]) : 0) // Length
    .char(731, 10, 'ASP name', remote ? where.name : '') // ASP name
    .char(741, 5, 'ASP number', remote ? where.number : '') // ASP number
    .build();
}

/** OM (Object Management Change) — IBM 7.1 rzarlf35; cut off after 888 (name groups not readable). */
function om(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'OM');
  const kind = r.pick(['library', 'library', 'dlo', 'ifs'] as const);
  const f = new EntryFields().char(610, 1, 'Entry Type', type);
  if (kind === 'dlo') {
    const dlo = r.pick(DLOS);
    const renamed =
      type === 'R' ? dlo.document.replace(/^[^.]*/, (stem) => `${stem.slice(0, 5)}OLD`) : dlo.document;
    const name = `AAB${r.int(1000000, 9999999)}`;
    f.char(611, 10, 'Old Object Name', name) // Old Object Name
      .char(621, 10, 'Old Library Name', 'QDOC') // Old Library Name
      .char(631, 8, 'Object Type', '*DOC') // Object Type
      .char(639, 10, 'New Object Name', name) // New Object Name
      .char(649, 10, 'New Library Name', 'QDOC') // New Library Name
      .char(659, 10, 'Object Attribute', '') // Object Attribute
      .char(679, 10, 'Office User', c.user) // Office User
      .char(689, 12, 'Old Folder or Document Name', dlo.document) // Old Folder or Document Name
      .char(709, 63, 'Old Folder Path', dlo.folder) // Old Folder Path
      .char(772, 12, 'New Folder or Document Name', renamed) // New Folder or Document Name
      .char(792, 63, 'New Folder Path', type === 'M' ? 'ARCHIVE/2026' : dlo.folder) // New Folder Path
      .char(855, 10, 'Office on Behalf of User', r.next() < 0.2 ? r.pick(STAFF) : ''); // Office on Behalf of User
  } else {
    const ifs = kind === 'ifs';
    const name = ifs ? '' : c.object;
    f.char(611, 10, 'Old Object Name', name) // Old Object Name
      .char(621, 10, 'Old Library Name', ifs ? '' : c.library) // Old Library Name
      .char(631, 8, 'Object Type', ifs ? '*STMF' : (c.objectType ?? '*FILE')) // Object Type
      .char(639, 10, 'New Object Name', ifs ? '' : type === 'R' ? `${name.slice(0, 7)}OLD` : name) // New Object Name
      .char(649, 10, 'New Library Name', ifs ? '' : type === 'M' ? 'ARCHLIB' : c.library) // New Library Name
      .char(659, 10, 'Object Attribute', ifs ? '' : 'PF') // Object Attribute
      .char(679, 10, 'Office User', '') // Office User
      .char(689, 12, 'Old Folder or Document Name', '') // Old Folder or Document Name
      .char(709, 63, 'Old Folder Path', '') // Old Folder Path
      .char(772, 12, 'New Folder or Document Name', '') // New Folder or Document Name
      .char(792, 63, 'New Folder Path', '') // New Folder Path
      .char(855, 10, 'Office on Behalf of User', ''); // Office on Behalf of User
  }
  // The old IFS name itself lies past the readable part; its length and CCSID are given.
  const ifsName = kind === 'ifs' ? r.pick(IFS_FILES).name : '';
  return f
    .bin2(883, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(885, 'Object Name CCSID', ifsName ? 37 : 0) // Object Name CCSID
    .build();
}

/** OR (Object Restore) — IBM 7.3 rzarlf36; cut off after 664. */
function or(r: Random, c: EntryContext): BuiltEntry {
  const kind = r.pick(['*FILE', '*PGM', '*CMD', '*STMF'] as const);
  const ifs = kind === '*STMF';
  const object = kind === '*PGM' ? r.pick(PROGRAMS) : { name: c.object, library: c.library };
  const restoredInto = r.next() < 0.8 ? object.library : 'RSTLIB';
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'OR')) // Entry Type
    .char(611, 10, 'Restored Object Name', ifs ? '' : kind === '*CMD' ? 'PAYSTART' : object.name) // Restored Object Name
    .char(621, 10, 'Restored Library Name', ifs ? '' : restoredInto) // Restored Library Name
    .char(631, 8, 'Object Type', kind) // Object Type
    .char(639, 10, 'Save Object Name', ifs ? '' : kind === '*CMD' ? 'PAYSTART' : object.name) // Save Object Name
    .char(649, 10, 'Save Library Name', ifs ? '' : object.library) // Save Library Name
    .char(659, 1, 'Program State', kind === '*PGM' ? r.pick(['N', 'N', 'I', 'Y']) : '') // Program State
    .char(660, 1, 'System Command', kind === '*CMD' ? r.pick(['N', 'Y']) : '') // System Command
    .char(661, 1, 'SETUID Mode', ifs ? yn(r.next() < 0.1) : '') // SETUID Mode
    .char(662, 1, 'SETGID Mode', ifs ? yn(r.next() < 0.1) : '') // SETGID Mode
    .char(663, 1, 'Signature Status', r.pick([...'BEFINST'])) // Signature Status
    .char(664, 1, 'Scan attribute', '') // Scan attribute (codes not readable)
    .build();
}

/** OW (Ownership Change) — IBM 7.3 rzarlf37; cut off after 829 (object name not readable). */
function ow(r: Random, c: EntryContext): BuiltEntry {
  const kind = r.pick(['library', 'library', 'dlo', 'ifs'] as const);
  const dlo = kind === 'dlo' ? r.pick(DLOS) : undefined;
  const ifsName = kind === 'ifs' ? r.pick(IFS_FILES).name : '';
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'OW')) // Entry Type
    .char(611, 10, 'Object Name', kind === 'library' ? c.object : dlo ? `AAB${r.int(1000000, 9999999)}` : '') // Object Name
    .char(621, 10, 'Library Name', kind === 'library' ? c.library : dlo ? 'QDOC' : '') // Library Name
    .char(631, 8, 'Object Type', kind === 'library' ? (c.objectType ?? '*FILE') : dlo ? '*DOC' : '*STMF') // Object Type
    .char(639, 10, 'Old Owner', r.pick(['QPGMR', ...ADMINS, ...STAFF])) // Old Owner
    .char(649, 10, 'New Owner', r.pick(['PAYOWNER', 'SALESOWN', c.user])) // New Owner
    .char(679, 10, 'Office User', dlo ? c.user : '') // Office User
    .char(689, 12, 'DLO Name', dlo ? dlo.document : '') // DLO Name
    .char(709, 63, 'Folder Path', dlo ? dlo.folder : '') // Folder Path
    .char(772, 10, 'Office on Behalf of User', '') // Office on Behalf of User
    .bin2(800, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(802, 'Object Name CCSID', ifsName ? 37 : 0) // Object Name CCSID
    .char(806, 2, 'Object Name Country or Region ID', ifsName ? 'US' : '') // Object Name Country or Region ID
    .char(808, 3, 'Object Name Language ID', ifsName ? 'ENU' : '') // Object Name Language ID
    .bytes(814, 16, 'Parent File ID', ifsName ? fileId(r) : ZERO_FILE_ID) // Parent File ID
    .build();
}

/** PA (Program Adopt) — IBM 7.3 rzarlf41 (to 672) and 7.1 (to 1225); 1226 onward not readable. */
function pa(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'PA');
  const pgm = r.pick(PROGRAMS);
  const ifs = type === 'J' || (type === 'M' && r.next() < 0.7);
  const ifsName = ifs
    ? type === 'J'
      ? r.pick(['payroll.jar', 'PayCalc.class'])
      : r.pick(IFS_FILES).name
    : '';
  const mode = (p: number) => (type === 'M' ? yn(r.next() < p) : '');
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'Program Name', ifs ? '' : pgm.name) // Program Name
    .char(621, 10, 'Program Library', ifs ? '' : pgm.library) // Program Library
    .char(631, 8, 'Object Type', ifs ? '*STMF' : r.pick(['*PGM', '*SRVPGM'])) // Object Type
    .char(639, 10, 'Owner', pgm.owner) // Owner
    .char(649, 1, 'ISVTX mode', mode(0.2)) // ISVTX mode
    .char(650, 1, 'Previous ISVTX mode', mode(0.2)) // Previous ISVTX mode
    .char(651, 1, 'Previous SETUID Mode', mode(0.2)) // Previous SETUID Mode
    .char(652, 1, 'Previous SETGID Mode', mode(0.2)) // Previous SETGID Mode
    .bin2(667, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(669, 'Object Name CCSID', ifs ? 37 : 0) // Object Name CCSID
    .char(673, 2, 'Object Name Country or Region ID', ifs ? 'US' : '') // Object Name Country or Region ID
    .char(675, 3, 'Object Name Language ID', ifs ? 'ENU' : '') // Object Name Language ID
    .bytes(681, 16, 'Parent ID', ifs ? fileId(r) : ZERO_FILE_ID) // Parent ID
    .bytes(697, 16, 'Object File ID', ifs ? fileId(r) : ZERO_FILE_ID) // Object File ID
    .char(713, 512, 'Object Name', ifsName) // Object Name
    .char(1225, 1, 'SETUID Mode', mode(0.3)) // SETUID Mode
    .build();
}

/** PF (PTF Operations) — IBM 7.3 rzarlf82 (codes) and 7.6; 649 onward not readable. */
function pf(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'PF');
  const action =
    type === 'P'
      ? r.pick(['LOGF', 'LOAD', 'SUPR', 'TAPY', 'PAPY', 'TRMV', 'PRMV', 'DAMG', 'PDLT', 'EXTS', 'EXTE'])
      : type === 'L'
        ? r.pick(['REST', 'SAVE', 'DELT', 'SYNC', 'GOPT', 'INSP'])
        : r.pick(['IPLU', 'IPLA']);
  const product = r.pick([
    { id: '5770SS1', ptf: 'SI86543' },
    { id: '5770999', ptf: 'MF70123' },
    { id: '5770DG1', ptf: 'SI85210' },
    { id: '5733SC1', ptf: 'SI84977' },
  ]);
  const products = type !== 'I';
  const optionLoad = products && !['LOGF', 'PDLT', 'SYNC'].includes(action);
  const productId =
    type === 'L' && r.next() < 0.3
      ? r.pick(['*ALL', '*LIST'])
      : type === 'P' && r.next() < 0.1
        ? '*FMW'
        : product.id;
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 4, 'Entry Action', action) // Entry Action
    .char(
      615,
      4,
      'IPL Action for PTF',
      type === 'P' && action !== 'EXTS' && action !== 'EXTE'
        ? r.pick(['NONE', 'ATMP', 'APRM', 'RTMP', 'RPRM', 'ATTP', 'RTTP'])
        : '',
    ) // IPL Action for PTF
    .char(619, 7, 'Product ID', products ? productId : '') // Product ID
    .char(626, 6, 'Product VRM', products ? 'V7R5M0' : '') // Product VRM
    .char(632, 7, 'PTF ID', type === 'P' ? product.ptf : '') // PTF ID
    .char(639, 4, 'Product Option', optionLoad ? r.pick(['0000', '*ALL']) : '') // Product Option
    .char(643, 4, 'Product Load', optionLoad ? r.pick(['5050', '2924', '*ALL']) : '') // Product Load
    .char(647, 2, 'PTF Minimum Level', type === 'P' && action !== 'LOGF' && action !== 'PDLT' ? '00' : '') // PTF Minimum Level
    .build();
}

/** PG (Primary Group Change) — IBM 7.3 rzarlf42; cut off after 692. */
function pg(r: Random, c: EntryContext): BuiltEntry {
  const grant = (p: number) => (r.next() < p ? 'Y' : '');
  const exclude = r.next() < 0.1;
  const data = !exclude;
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'PG')) // Entry Type
    .char(611, 10, 'Object Name', c.object) // Object Name
    .char(621, 10, 'Object Library', c.library) // Object Library
    .char(631, 8, 'Object Type', c.objectType ?? '*FILE') // Object Type
    .char(639, 10, 'Old Primary Group', r.pick(['*NONE', 'STAFF'])) // Old Primary Group
    .char(649, 10, 'New Primary Group', r.pick(['PAYGRP', 'SALESGRP'])) // New Primary Group
    .char(659, 1, 'Object Existence', exclude ? '' : grant(0.1)) // Object Existence
    .char(660, 1, 'Object Management', exclude ? '' : grant(0.1)) // Object Management
    .char(661, 1, 'Object Operational', data ? 'Y' : '') // Object Operational
    .char(662, 1, 'Object Alter', exclude ? '' : grant(0.05)) // Object Alter
    .char(663, 1, 'Object Reference', exclude ? '' : grant(0.05)) // Object Reference
    .char(674, 1, 'Authorization List Management', exclude ? '' : grant(0.05)) // Authorization List Management
    .char(675, 1, 'Read Authority', data ? 'Y' : '') // Read Authority
    .char(676, 1, 'Add Authority', exclude ? '' : grant(0.5)) // Add Authority
    .char(677, 1, 'Update Authority', exclude ? '' : grant(0.5)) // Update Authority
    .char(678, 1, 'Delete Authority', exclude ? '' : grant(0.4)) // Delete Authority
    .char(679, 1, 'Execute Authority', data ? 'Y' : '') // Execute Authority
    .char(690, 1, 'Exclude Authority', exclude ? 'Y' : '') // Exclude Authority
    .char(691, 1, 'Revoke Old Primary Group', r.pick(['Y', ' '])) // Revoke Old Primary Group
    .char(692, 1, 'Object Existence', grant(0.1)) // Object Existence (previous authorities)
    .build();
}

/** PO (Printer Output) — IBM 7.3 rzarlf43; cut off after 739. */
function po(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'PO');
  const spooled = type !== 'D';
  const device = type !== 'R';
  return new EntryFields()
    .char(610, 1, 'Output Type', type) // Output Type
    .char(611, 1, 'Status After Printing', spooled ? r.pick(['D', 'H', 'R', 'S']) : ' ') // Status After Printing
    .char(612, 10, 'Job Name', r.pick(['QPADEV0007', 'PAYRUN', 'QPRTJOB'])) // Job Name
    .char(622, 10, 'Job User Name', c.user) // Job User Name
    .zoned(632, 6, 'Job Number', jobNumber(r)) // Job Number
    .char(638, 10, 'User Profile', c.user) // User Profile
    .char(648, 10, 'Output Queue', spooled ? r.pick(['PRT01', 'PAYROLLQ', 'QPRINT']) : '') // Output Queue
    .char(658, 10, 'Output Queue Library Name', spooled ? r.pick(['QUSRSYS', 'QGPL']) : '') // Output Queue Library Name
    .char(668, 10, 'Device Name', device ? r.pick(['PRT01', 'PRTHR01']) : '') // Device Name
    .char(678, 4, 'Device Type', device ? r.pick(['3812', '6404', '4028']) : '') // Device Type
    .char(682, 4, 'Device Model', device ? r.pick(['1', '0']) : '') // Device Model
    .char(686, 10, 'Device File Name', r.pick(['QSYSPRT', 'QPJOBLOG', 'PAYSLIPP'])) // Device File Name
    .char(696, 10, 'Device File Library', r.pick(['QSYS', 'PAYROLL'])) // Device File Library
    .char(706, 10, 'Spooled File Name', spooled ? r.pick(['QSYSPRT', 'PAYSLIP', 'QPJOBLOG']) : '') // Spooled File Name
    .char(716, 4, 'Short Spooled File Number', spooled ? digits(r.int(1, 9999), 4) : '') // Short Spooled File Number
    .char(720, 10, 'Form Type', r.pick(['*STD', 'PAYSLIP'])) // Form Type
    .char(730, 10, 'User Data', r.pick(['', 'NOV2026', 'CONFIDENT'])) // User Data
    .build();
}

/** PS (Profile Swap) — IBM 7.3 rzarlf44 and 7.6; nothing after 676 readable. */
function ps(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'PS');
  const passThrough = type === 'A';
  const telnet = type === 'T' || type === 'U';
  const onBehalf = type === 'S' || type === 'E';
  const target = r.pick(STAFF);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'User Profile', telnet ? target : c.user) // User Profile
    .char(621, 8, 'Source Location', passThrough ? r.pick(['BRANCH1', 'DEVSYS']) : '') // Source Location
    .char(
      629,
      10,
      'Original Target User Profile',
      passThrough ? c.user : type === 'T' ? r.pick(['', c.user]) : '',
    ) // Original Target User Profile
    .char(639, 10, 'New Target User Profile', passThrough ? target : type === 'T' ? target : '') // New Target User Profile
    .char(649, 10, 'Office User', onBehalf ? c.user : '') // Office User
    .char(659, 10, 'On Behalf of User', onBehalf ? target : '') // On Behalf of User
    .char(669, 1, 'Profile Token Type', '') // Profile Token Type (codes not readable)
    .bin2(670, 'Profile Token Timeout', type === 'P' ? r.pick([600, 3600]) : 0) // Profile Token Timeout
    .char(672, 5, 'Port Number', telnet ? r.pick(['23', '992', ...(type === 'U' ? ['21'] : [])]) : '') // Port Number
    .build();
}

/** PU (PTF Object Change) — IBM 7.3 rzarlf83; cut off after 1340. */
function pu(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'PU');
  const library = type === 'L';
  const directory = type === 'D';
  const lic = type === 'S';
  const ifsName = directory ? r.pick(['qsqsrvr.jar', 'libdb400.a', 'db2jcc.jar']) : '';
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Entry Action', r.pick(['C', 'N'])) // Entry Action
    .char(612, 1, 'PTF Operation', r.pick(['A', 'R'])) // PTF Operation
    .char(613, 7, 'Product ID', lic ? '5770999' : '5770SS1') // Product ID
    .char(620, 6, 'Product VRM', 'V7R5M0') // Product VRM
    .char(626, 7, 'PTF ID', lic ? 'MF70123' : 'SI86543') // PTF ID
    .char(633, 4, 'Product Option', '0000') // Product Option
    .char(637, 4, 'Product Load', '5050') // Product Load
    .char(641, 2, 'Product Minimum Level', '00') // Product Minimum Level
    .char(643, 2, 'Product Maximum Level', '99') // Product Maximum Level
    .char(645, 10, 'Product Library', lic ? '' : 'QSYS') // Product Library
    .char(655, 10, 'Object Name', library ? r.pick(['QSQSRVR', 'QZDASOINIT', 'QSYGETPH']) : '') // Object Name
    .char(665, 10, 'Object Library', library ? 'QSYS' : '') // Object Library
    .char(675, 7, 'Object Type', library ? r.pick(['*PGM', '*SRVPGM', '*CMD']) : '') // Object Type
    .char(682, 8, 'RU Name', lic ? r.pick(['RSLCMOD1', 'RTRCAGNT']) : '') // RU Name
    .bin2(748, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(750, 'Object Name CCSID', directory ? 37 : 0) // Object Name CCSID
    .char(754, 2, 'Object Name Country or Region ID', directory ? 'US' : '') // Object Name Country or Region ID
    .char(756, 3, 'Object Name Language ID', directory ? 'ENU' : '') // Object Name Language ID
    .bytes(762, 16, 'Parent File ID', directory ? fileId(r) : ZERO_FILE_ID) // Parent File ID
    .bytes(778, 16, 'Object File ID', directory ? fileId(r) : ZERO_FILE_ID) // Object File ID
    .char(794, 512, 'Object Name', ifsName) // Object Name
    .bytes(1306, 16, 'Object File ID', directory ? fileId(r) : ZERO_FILE_ID) // Object File ID (second)
    .char(1322, 10, 'ASP Name', where.name) // ASP Name
    .char(1332, 5, 'ASP Number', where.number) // ASP Number
    .bin4(1337, 'Path Name CCSID', directory ? 37 : 0) // Path Name CCSID
    .build();
}

/** RJ (Restoring Job Description) — IBM 7.6 (complete; ends 673). */
function rj(r: Random, c: EntryContext): BuiltEntry {
  const jobd = r.pick(JOB_DESCRIPTIONS);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'RJ')) // Entry Type
    .char(611, 10, 'Job Description Name', jobd.name) // Job Description Name
    .char(621, 10, 'Library Name', jobd.library) // Library Name
    .char(631, 8, 'Object Type', '*JOBD') // Object Type
    .char(639, 10, 'User Name', c.user) // User Name
    .char(649, 10, 'ASP name', where.name) // ASP name
    .char(659, 5, 'ASP number', where.number) // ASP number
    .char(664, 10, 'Previous User Name', r.pick(['*RQD', 'ETLBATCH', c.user])) // Previous User Name
    .build();
}

/** The restored-object layout shared by RO and RZ up to 790 (IBM 7.3 rzarlf48 / rzarlf52). */
function restoredObject(
  r: Random,
  c: EntryContext,
  f: EntryFields,
  names: { library: string; saved: string; restored: string },
  savedValue: string,
  restoredValue: string,
): { ifsName: string } {
  const kind = r.pick(['library', 'library', 'dlo', 'ifs'] as const);
  const dlo = kind === 'dlo' ? r.pick(DLOS) : undefined;
  const ifsName = kind === 'ifs' ? r.pick(IFS_FILES).name : '';
  f.char(611, 10, 'Object Name', kind === 'library' ? c.object : dlo ? `AAB${r.int(1000000, 9999999)}` : '') // Object Name
    .char(621, 10, names.library, kind === 'library' ? c.library : dlo ? 'QDOC' : '') // Library Name / Object Library
    .char(631, 8, 'Object Type', kind === 'library' ? (c.objectType ?? '*FILE') : dlo ? '*DOC' : '*STMF') // Object Type
    .char(639, 10, names.saved, savedValue) // Saved Owner / Saved Primary Group
    .char(649, 10, names.restored, restoredValue) // Restored Owner / Restored Primary Group
    .char(679, 12, 'DLO Name', dlo ? dlo.document : '') // DLO Name
    .char(699, 63, 'Folder Path', dlo ? dlo.folder : '') // Folder Path
    .bin2(780, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(782, 'Object Name CCSID', ifsName ? 37 : 0) // Object Name CCSID
    .char(786, 2, 'Object Name Country or Region ID', ifsName ? 'US' : '') // Object Name Country or Region ID
    .char(788, 3, 'Object Name Language ID', ifsName ? 'ENU' : ''); // Object Name Language ID
  return { ifsName };
}

/** RO (Ownership Change for Restored Object) — IBM 7.3 rzarlf48; 1338 onward not readable. */
function ro(r: Random, c: EntryContext): BuiltEntry {
  const f = new EntryFields().char(610, 1, 'Entry Type', subtypeOf(r, 'RO'));
  const { ifsName } = restoredObject(
    r,
    c,
    f,
    { library: 'Library Name', saved: 'Saved Owner', restored: 'Restored Owner' },
    r.pick(['PAYOWNER', 'OLDADMIN', 'JSMITH']),
    r.pick(['QDFTOWN', 'PAYOWNER']),
  );
  return f
    .bytes(794, 16, 'Parent File ID', ifsName ? fileId(r) : ZERO_FILE_ID) // Parent File ID
    .bytes(810, 16, 'Object File ID', ifsName ? fileId(r) : ZERO_FILE_ID) // Object File ID
    .char(826, 512, 'Object Name', ifsName) // Object Name
    .build();
}

/** RP (Restoring Programs that Adopt Authority) — IBM 7.3 rzarlf49 (to 696) and 7.1 (to 1261); 1262 onward not readable. */
function rp(r: Random): BuiltEntry {
  const pgm = r.pick(PROGRAMS);
  const java = r.next() < 0.25;
  const ifsName = java ? 'payroll.jar' : '';
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'RP')) // Entry Type
    .char(611, 10, 'Program Name', java ? '' : pgm.name) // Program Name
    .char(621, 10, 'Program Library', java ? '' : pgm.library) // Program Library
    .char(631, 8, 'Object Type', java ? '*STMF' : '*PGM') // Object Type
    .char(639, 10, 'Owner Name', pgm.owner) // Owner Name
    .bin2(667, 'Object Name Length', ifsName.length) // Object Name Length
    .bin4(669, 'Object Name CCSID', java ? 37 : 0) // Object Name CCSID
    .char(673, 2, 'Object Name Country or Region ID', java ? 'US' : '') // Object Name Country or Region ID
    .char(675, 3, 'Object name Language ID', java ? 'ENU' : '') // Object name Language ID
    .bytes(681, 16, 'Parent File ID', java ? fileId(r) : ZERO_FILE_ID) // Parent File ID
    .bytes(697, 16, 'Object File ID', java ? fileId(r) : ZERO_FILE_ID) // Object File ID
    .char(713, 512, 'Object Name', ifsName) // Object Name
    .bytes(1225, 16, 'Object File ID', java ? fileId(r) : ZERO_FILE_ID) // Object File ID (second)
    .char(1241, 10, 'ASP Name', where.name) // ASP Name
    .char(1251, 5, 'ASP Number', where.number) // ASP Number
    .bin4(1256, 'Path Name CCSID', java ? 37 : 0) // Path Name CCSID
    .char(1260, 2, 'Path Name Country or Region ID', java ? 'US' : '') // Path Name Country or Region ID
    .build();
}

/** RU (Restore Authority for User Profile) — IBM 7.3 rzarlf51 (ends 639). Code lists not readable: 'A' and A/S assumed. */
function ru(r: Random, c: EntryContext): BuiltEntry {
  return new EntryFields()
    .char(610, 1, 'Entry Type', 'A') // Entry Type
    .char(611, 10, 'User Name', c.user) // User Name
    .char(621, 10, 'Library Name', 'QSYS') // Library Name
    .char(631, 8, 'Object Type', '*USRPRF') // Object Type
    .char(639, 1, 'Authority Restored', r.pick(['A', 'S'])) // Authority Restored
    .build();
}

/** RZ (Primary Group Change for Restored Object) — IBM 7.3 rzarlf52 and 7.6; 794 onward not readable. Code list not readable: 'A' assumed. */
function rz(r: Random, c: EntryContext): BuiltEntry {
  const f = new EntryFields().char(610, 1, 'Entry Type', 'A');
  restoredObject(
    r,
    c,
    f,
    { library: 'Object Library', saved: 'Saved Primary Group', restored: 'Restored Primary Group' },
    r.pick(['PAYGRP', '*NONE']),
    r.pick(['*NONE', 'SALESGRP']),
  );
  return f.build();
}

/** SD (Change System Distribution Directory) — IBM 7.1 and 7.3 rzarlf53 (ends 712). */
function sd(r: Random, c: EntryContext): BuiltEntry {
  const record = r.pick(['DIRE', 'DPTD', 'SHDW', 'SRCH']);
  const user = r.pick(STAFF);
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'SD')) // Entry Type
    .char(
      611,
      3,
      'Type of Change',
      r.pick(['ADD', 'CHG', 'COL', 'DSP', 'OUT', 'PRT', 'RMV', 'RNM', 'RTV', 'SUP']),
    ) // Type of Change
    .char(614, 4, 'Type of record', record) // Type of record
    .char(618, 8, 'Originating System', r.pick(SYSTEM_NAMES)) // Originating System
    .char(626, 10, 'User Profile', c.user) // User Profile
    .char(636, 8, 'Requesting system', r.pick(SYSTEM_NAMES)) // Requesting system
    .char(
      644,
      6,
      'Function Requested',
      record === 'SHDW' ? r.pick(['INIT', 'OFFLIN', 'REINIT', 'SHADOW', 'STPSHD']) : '',
    ) // Function Requested
    .char(650, 8, 'User ID', user) // User ID
    .char(658, 8, 'Address', 'PROD01') // Address
    .char(666, 47, 'Network User ID', `${user.toLowerCase()}@example.com`) // Network User ID
    .build();
}

/** SF (Action to Spooled File) — IBM 7.3 rzarlf55; cut off after 698. */
function sf(r: Random): BuiltEntry {
  const number = r.int(1, 99999);
  return new EntryFields()
    .char(610, 1, 'Access Type', subtypeOf(r, 'SF')) // Access Type
    .char(611, 10, 'Database File Name', `Q${digits(r.int(1, 9999), 4)}N${digits(r.int(1, 999), 3)}`) // Database File Name
    .char(621, 10, 'Library Name', 'QSPL') // Library Name
    .char(631, 8, 'Object Type', '*FILE') // Object Type
    .char(649, 10, 'Member Name', `Q${digits(r.int(1, 999999999), 9)}`) // Member Name
    .char(659, 10, 'Spooled File Name', r.pick(['QSYSPRT', 'PAYSLIP', 'QPJOBLOG', 'QPDSPLOG'])) // Spooled File Name
    .char(669, 4, 'Short Spooled File Number', number <= 9999 ? digits(number, 4) : '') // Short Spooled File Number
    .char(673, 10, 'Output Queue Name', r.pick(['PRT01', 'PAYROLLQ', 'QPRINT'])) // Output Queue Name
    .char(683, 10, 'Output Queue Library', r.pick(['QUSRSYS', 'QGPL'])) // Output Queue Library
    .char(693, 6, 'Spooled File Number', digits(number, 6)) // Spooled File Number
    .build();
}

/** SG (Asynchronous Signals) — IBM 7.3 rzarlf56 and 7.6 (complete; ends 660). */
function sg(r: Random): BuiltEntry {
  const source = r.pick(['M', 'P']);
  const job = source === 'P';
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'SG')) // Entry Type
    .char(611, 4, 'Signal Number', String(r.pick([1, 2, 5, 6, 9, 14, 15, 30]))) // Signal Number
    .char(615, 1, 'Handle action', r.pick(['C', 'E', 'H', 'S', 'T', 'U'])) // Handle action
    .char(616, 1, 'Signal Source', source) // Signal Source
    .char(617, 10, 'Source Job Name', job ? r.pick(['QP0ZSPWP', 'QSQSRVR', 'NIGHTLY']) : '') // Source Job Name
    .char(627, 10, 'Source Job User Name', job ? r.pick(['QUSER', 'ETLBATCH']) : '') // Source Job User Name
    .char(637, 6, 'Source Job Number', job ? String(jobNumber(r)) : '') // Source Job Number
    .char(643, 10, 'Source Job Current User', job ? r.pick(STAFF) : '') // Source Job Current User
    .bytes(653, 8, 'Generation Timestamp', dts(r)) // Generation Timestamp (*DTS)
    .build();
}

/** SK (Sockets Connections) — IBM 7.3 rzarlf57 and rzain; nothing after 1579 readable. */
function sk(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'SK');
  const v6 = r.next() < 0.15;
  const mail = type === 'F' || type === 'R';
  const dhcp = type === 'D' || type === 'U';
  const secure = type === 'S' || type === 'X';
  const local = v6 ? LOCAL_ADDRESS6 : LOCAL_ADDRESS;
  const remote = v6 ? ipv6Address(r) : r.next() < 0.7 ? officeAddress(r) : internetAddress(r);
  const localPort = String(secure ? r.pick([443, 992, 9471, 8476]) : r.pick([21, 23, 25, 446, 449, 8471]));
  const filterData = mail
    ? r.pick(['From: *@spam.example', 'Subject: invoice overdue', 'Attachment: *.exe'])
    : '';
  return new EntryFields()
    .char(610, 1, 'Entry type', type) // Entry type
    .char(611, 15, 'Local IP Address', v6 ? '' : local) // Local IP Address (IPv4)
    .char(626, 5, 'Local port', localPort) // Local port
    .char(631, 15, 'Remote IP Address', v6 ? '' : remote) // Remote IP Address (IPv4)
    .char(646, 5, 'Remote port', String(r.int(1024, 65535))) // Remote port
    .bin4(651, 'Socket Descriptor', r.int(0, 4000)) // Socket Descriptor
    .char(655, 10, 'Filter Description', mail ? r.pick(['SPAMFLT', 'VIRUSFLT']) : '') // Filter Description
    .bin2(665, 'Filter Data Length', filterData.length) // Filter Data Length
    .char(667, 514, 'Filter Data', filterData) // Filter Data
    .char(1181, 10, 'Address Family', v6 ? '*IPV6' : '*IPV4') // Address Family
    .char(1191, 46, 'Local IP address', local) // Local IP address
    .char(1237, 46, 'Remote IP address', remote) // Remote IP address
    .char(1283, 32, 'MAC address', dhcp ? `40:B0:34:${r.int(16, 255).toString(16)}:0A:1F` : '') // MAC address
    .char(1315, 255, 'Host name', dhcp ? `pc${r.int(1000, 9999)}.example.com` : '') // Host name
    .char(1570, 10, 'Secure version', secure ? r.pick(['TLSV1.3', 'TLSV1.2']) : '') // Secure version
    .build();
}

/** SM (Systems Management Change) — IBM 7.1 rzarlf58 (ends 722; codes M from 7.4 AUDIT_JOURNAL_SM). */
function sm(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'SM');
  const network = type === 'N';
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Access Type', r.pick(['A', 'C', 'D', 'R', 'S', 'T'])) // Access Type
    .char(612, 4, 'Sequence Number', type === 'S' ? digits(r.pick([10, 20, 30, 9999]), 4) : '') // Sequence Number
    .char(616, 7, 'Message ID', type === 'S' ? r.pick(['CPA0701', 'CPA5305', '*ANY']) : '') // Message ID
    .char(623, 18, 'Relational Database Name', type === 'D' ? r.pick(SYSTEM_NAMES) : '') // Relational Database Name
    .char(641, 10, 'File System Name', type === 'F' ? 'QDLS' : '') // File System Name
    .char(651, 10, 'Backup Option Changed', type === 'O' ? r.pick(['*DAILY', '*WEEKLY', '*MONTHLY']) : '') // Backup Option Changed
    .char(661, 10, 'Backup List Change', type === 'B' ? r.pick(['*LIB', '*FLR']) : '') // Backup List Change
    .char(671, 10, 'Network File Name', network ? 'PAYEXPORT' : '') // Network File Name
    .char(681, 10, 'Network File Member', network ? 'NOV2026' : '') // Network File Member
    .zoned(691, 6, 'Network File Number', network ? r.int(1, 9999) : 0) // Network File Number
    .char(697, 10, 'Network File Owner', network ? c.user : '') // Network File Owner
    .char(707, 8, 'Network File Originating User', network ? r.pick(STAFF) : '') // Network File Originating User
    .char(715, 8, 'Network File Originating Address', network ? r.pick(SYSTEM_NAMES) : '') // Network File Originating Address
    .build();
}

/** SO (Server Security User Information Actions) — IBM 7.3 rzarlf59 (complete; ends 1849). */
function so(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'SO');
  const userId = r.pick(['etl_reader', 'PAYROLL', c.user.toLowerCase(), 'svc-db2-sync']);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 10, 'User Profile', c.user) // User Profile
    .char(621, 1, 'User Information Entry Type', r.pick(['N', 'U', 'Y'])) // User Information Entry Type
    .char(622, 1, 'Password Stored', type === 'C' ? r.pick(['N', 'S', 'Y']) : r.pick(['N', 'Y'])) // Password Stored
    .char(623, 200, 'Server Name', r.pick(['QDDMDRDASERVER', 'QDDMSERVER', 'PROD02', 'SFTP.EXAMPLE.COM'])) // Server Name
    .bin2(826, 'User ID Length', userId.length) // User ID Length
    .varying(848, 1002, 'User ID', userId) // User ID (2-byte length first)
    .build();
}

const SERVICE_TOOLS = [
  'AN',
  'AR',
  'AS',
  'CD',
  'CE',
  'CS',
  'CT',
  'DC',
  'DD',
  'DF',
  'DI',
  'DJ',
  'DM',
  'DO',
  'DS',
  'DU',
  'DW',
  'EC',
  'ER',
  'FF',
  'GS',
  'HD',
  'HL',
  'JW',
  'LC',
  'LD',
  'LE',
  'LF',
  'LG',
  'LH',
  'LI',
  'MC',
  'MD',
  'MP',
  'MQ',
  'OP',
  'PC',
  'PE',
  'PI',
  'PS',
  'SC',
  'SE',
  'SF',
  'SJ',
  'SN',
  'SR',
  'SS',
  'ST',
  'SV',
  'TA',
  'TC',
];

/** ST (Service Tools Action) — IBM 7.3 rzarlf60 (Japanese copy) and 7.3 AUDIT_JOURNAL_ST; 613 onward not readable. */
function st(r: Random): BuiltEntry {
  return new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'ST')) // Entry Type
    .char(611, 2, 'Service Tool', r.pick(SERVICE_TOOLS)) // Service Tool
    .build();
}

/** Fields 611–650 common to the retired network-server entries (VA, VC, VL, VN, VP, VR, VS, VU, VV). */
function networkServer(
  r: Random,
  f: EntryFields,
  userName: string,
  user: string,
  server = r.pick(NWS_SERVERS),
  computer = r.pick(PCS),
) {
  return f
    .char(611, 10, 'Server Name', server) // Server Name
    .char(621, 6, 'Server Date', serverDate(r)) // Server Date
    .zoned(627, 6, 'Server Time', serverTime(r)) // Server Time
    .char(633, 8, 'Computer Name', computer) // Computer Name
    .char(641, 10, userName, user); // User / Requester Name / Connection User
}

const RESOURCES = [
  '\\\\WINSRV01\\PAYROLL\\2026',
  'C:\\SHARED\\HR\\LEAVE.DOC',
  'PRINTQ01',
  '\\\\LANSRV1\\PUBLIC',
];

/** VA (Change of Access Control List) — IBM 7.3 rzarlf62 (complete; ends 911). */
function va(r: Random, c: EntryContext): BuiltEntry {
  const f = new EntryFields().char(610, 1, 'Status', subtypeOf(r, 'VA'));
  return networkServer(r, f, 'Requester Name', c.user)
    .char(651, 1, 'Action Performed', r.pick(['A', 'C', 'D'])) // Action Performed
    .char(652, 260, 'Resource Name', r.pick(RESOURCES)) // Resource Name
    .build();
}

/** VC (Connection Start and End) — IBM 7.3 rzarlf63 (complete; ends 668). */
function vc(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'VC');
  const f = new EntryFields().char(610, 1, 'Connect Action', type);
  return networkServer(r, f, 'Connection User', c.user)
    .char(651, 5, 'Connect ID', String(r.int(1, 99999))) // Connect ID
    .char(656, 1, 'Rejection Reason', type === 'R' ? r.pick(['A', 'E', 'N', 'P']) : '') // Rejection Reason
    .char(657, 12, 'Network Name', r.pick(['PAYROLL', 'PUBLIC', 'IPC$'])) // Network Name
    .build();
}

/** VL (Account Limit Exceeded) — IBM 7.3 rzarlf65 (complete; ends 910). Reason codes not readable: 'A' assumed. */
function vl(r: Random, c: EntryContext): BuiltEntry {
  const f = new EntryFields().char(610, 1, 'Reason', 'A');
  return networkServer(r, f, 'User', c.user)
    .char(651, 260, 'Resource Name', r.pick(RESOURCES)) // Resource Name
    .build();
}

/** VN (Network Log On and Off) — IBM 7.3 rzarlf66 (complete; ends 653). */
function vn(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'VN');
  const reject = type === 'R' ? r.pick(['A', 'F', 'P']) : '';
  const f = new EntryFields().char(610, 1, 'Log Type', type);
  return networkServer(r, f, 'User', c.user)
    .char(651, 1, 'User Privilege', type === 'O' ? r.pick(['A', 'G', 'U']) : '') // User Privilege
    .char(652, 1, 'Reject Reason', reject) // Reject Reason
    .char(653, 1, 'Additional Reason', reject === 'A' ? r.pick(['A', 'D', 'L', 'R', 'U']) : '') // Additional Reason
    .build();
}

/** VO (Validation List) — IBM 7.1 and 7.3 rzarlf67; nothing after 1782 readable. */
function vo(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'VO');
  const entryId = Buffer.from(c.user.toLowerCase(), 'ascii');
  const hasData = 'AC'.includes(type) && r.next() < 0.5;
  const data = hasData
    ? Buffer.from(`dept=payroll;role=${r.pick(['viewer', 'editor'])}`, 'ascii')
    : new Uint8Array(0);
  const where = asp(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(611, 1, 'Unsuccessful Type', type === 'U' ? r.pick(['E', 'I', 'V']) : '') // Unsuccessful Type
    .char(612, 10, 'Validation List', r.pick(['WEBUSERS', 'QPPPVLDL', 'HTTPVLDL'])) // Validation List
    .char(622, 10, 'Library Name', r.pick(['QUSRSYS', 'WEBPROD'])) // Library Name
    .char(632, 1, 'Encrypted Data', yn('ACUV'.includes(type))) // Encrypted Data
    .char(633, 1, 'Entry Data', yn(hasData)) // Entry Data
    .bin2(634, 'Entry ID Length', entryId.length) // Entry ID Length
    .bin2(636, 'Data length', data.length) // Data length
    .char(638, 1, 'Encrypted Data Attribute', 'AC'.includes(type) ? r.pick([' ', '0', '1']) : ' ') // Encrypted Data Attribute
    .char(639, 1, 'X.509 Certificate attribute', '') // X.509 Certificate attribute (codes not readable)
    .bytes(668, 100, 'Entry ID', entryId, true) // Entry ID (length at 634)
    .bytes(768, 1000, 'Entry Data', data, true) // Entry Data (length at 636)
    .char(1768, 10, 'ASP name for validation list library', where.name) // ASP name for validation list library
    .char(1778, 5, 'ASP number for validation list library', where.number) // ASP number for validation list library
    .build();
}

/** VP (Network) — IBM 7.3 rzarlf68 and 7.6; nothing after 746 readable. */
function vp(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'VP');
  const share = 'ACES'.includes(type);
  const f = new EntryFields().char(610, 1, 'Entry Type', type);
  // Computer Name (633) is no longer used: blank; the client is in Long Computer Name.
  return networkServer(r, f, 'User', c.user, '*NETSERVER', '')
    .char(
      651,
      46,
      'Long Computer Name',
      r.next() < 0.5 ? officeAddress(r) : `${r.pick(PCS).toLowerCase()}.example.com`,
    ) // Long Computer Name
    .char(697, 12, 'Share name', share ? r.pick([...NETSERVER_SHARES, '*SERVER']) : '') // Share name
    .char(
      709,
      10,
      'Authorization list name',
      type === 'A' || type === 'S' ? r.pick(['PAYAUTL', 'HRAUTL']) : '',
    ) // Authorization list name
    .char(739, 8, 'Correlation ID', type === 'C' || type === 'E' ? hex8(r.int(1, 0x7fffffff)) : '') // Correlation ID
    .build();
}

/** VR (Network Resource Access) — IBM 7.3 rzarlf69 (complete; ends 924). */
function vr(r: Random, c: EntryContext): BuiltEntry {
  const status = subtypeOf(r, 'VR');
  const f = new EntryFields().char(610, 1, 'Status', status);
  return networkServer(r, f, 'User', c.user)
    .char(651, 1, 'Operation Type', r.pick(['A', 'C', 'D', 'P', 'R', 'W', 'X'])) // Operation Type
    .char(652, 4, 'Return Code', status === 'S' ? '0' : r.pick(['5', '32', '65'])) // Return Code
    .char(656, 4, 'Server Message', status === 'S' ? '0' : r.pick(['2221', '2240'])) // Server Message
    .char(660, 5, 'File ID', String(r.int(1, 65535))) // File ID
    .char(665, 260, 'Resource Name', r.pick(RESOURCES)) // Resource Name
    .build();
}

/** VS (Server Session) — IBM 7.3 rzarlf70 (complete; ends 652). */
function vs(r: Random, c: EntryContext): BuiltEntry {
  const type = subtypeOf(r, 'VS');
  const f = new EntryFields().char(610, 1, 'Session Action', type);
  return networkServer(r, f, 'User', c.user)
    .char(651, 1, 'User Privilege', type === 'S' ? r.pick(['A', 'G', 'U']) : '') // User Privilege
    .char(652, 1, 'Reason Code', type === 'E' ? r.pick(['A', 'D', 'E', 'N', 'R']) : '') // Reason Code
    .build();
}

/** VU (Network Profile Change) — IBM 7.1 and 7.3 rzarlf71 (complete; ends 911). */
function vu(r: Random, c: EntryContext): BuiltEntry {
  const f = new EntryFields().char(610, 1, 'Type', subtypeOf(r, 'VU'));
  return networkServer(r, f, 'User', c.user)
    .char(651, 1, 'Action', r.pick(['A', 'C', 'D', 'P'])) // Action
    .char(652, 260, 'Resource Name', r.pick([r.pick(STAFF), 'PAYGRP', 'DOMAIN USERS'])) // Resource Name
    .build();
}

/** VV (Service Status Change) — IBM 7.3 rzarlf72 (complete; ends 763). */
function vv(r: Random, c: EntryContext): BuiltEntry {
  const service = r.pick([
    { code: 'SRV00001', name: 'Server' },
    { code: 'SRV00002', name: 'Messenger' },
    { code: 'SRV00003', name: 'Alerter' },
  ]);
  const f = new EntryFields().char(610, 1, 'Entry Type', subtypeOf(r, 'VV'));
  return networkServer(r, f, 'User', c.user)
    .char(651, 1, 'Status', r.pick(['A', 'B', 'C', 'E', 'H', 'I', 'S'])) // Status
    .char(652, 8, 'Service Code', service.code) // Service Code
    .char(660, 80, 'Text Set', `${service.name} service state changed by ${c.user}`) // Text Set
    .char(740, 4, 'Return Value', r.pick(['0', '0', '2182'])) // Return Value
    .char(744, 20, 'Service', service.name) // Service
    .build();
}

/** X0 (Network Authentication) — IBM 7.3 rzarlf73 (to 941) and 7.6 (to 1504); nothing after 1504 readable. */
function x0(r: Random): BuiltEntry {
  const type = subtypeOf(r, 'X0');
  const gss = 'KLMNOPQ'.includes(type);
  const ticket = !gss;
  // Kerberos times are 32-bit seconds; IBM's Char(8) fields are read as their 8 hex digits.
  const auth = Math.floor(Date.UTC(2026, 10, r.int(1, 28), r.int(0, 23)) / 1000);
  const principal = `krbsvr400/prod01.example.com@EXAMPLE.COM`;
  const remote = officeAddress(r);
  return new EntryFields()
    .char(610, 1, 'Entry Type', type) // Entry Type
    .char(
      611,
      8,
      'Status Code',
      type === '1' ? '00000000' : hex8(r.pick([0x96c73a1f, 0x96c73a20, 0x96c73a29, 0x96c73a25])),
    ) // Status Code
    .char(619, 8, 'GSS Status Value', gss ? hex8(r.pick([0x000b0000, 0x00070000, 0x000d0000])) : '00000000') // GSS Status Value
    .char(627, 21, 'Remote IP Address', remote) // Remote IP Address
    .char(648, 21, 'Local IP Address', LOCAL_ADDRESS) // Local IP Address
    .char(669, 256, 'Encrypted Addresses', ticket ? remote : '') // Encrypted Addresses
    .char(925, 1, 'Encrypted Addresses Indicator', ticket ? r.pick(['Y', 'N', 'X']) : 'X') // Encrypted Addresses Indicator
    .char(926, 8, 'Ticket flags', ticket ? hex8(r.pick([0x40e10000, 0x40a10000])) : '') // Ticket flags
    .char(934, 8, 'Ticket Authentication Time', ticket ? hex8(auth) : '') // Ticket Authentication Time
    .char(942, 8, 'Ticket Start Time', ticket ? hex8(auth) : '') // Ticket Start Time
    .char(950, 8, 'Ticket End Time', ticket ? hex8(auth + 36000) : '') // Ticket End Time
    .char(958, 8, 'Ticket Renew Time', ticket ? hex8(auth + 604800) : '') // Ticket Renew Time
    .char(966, 8, 'Message Time Stamp', 'ADEF'.includes(type) ? hex8(auth + r.int(60, 3600)) : '') // Message Time Stamp
    .char(974, 8, 'GSS Expiration Time Stamp', type === 'K' || type === 'N' ? hex8(auth + 36000) : '') // GSS Expiration Time Stamp
    .bin4(982, 'Server Principal CCSID', 37) // Server Principal CCSID
    .bin2(986, 'Server Principal Length', principal.length) // Server Principal Length
    .char(988, 1, 'Server Principal Indicator', '') // Server Principal Indicator (codes not readable)
    .char(989, 512, 'Server Principal', principal) // Server Principal
    .bin4(1501, 'Server Principal Parameter CCSID', 37) // Server Principal Parameter CCSID
    .build();
}

/** XD (Directory Server Extension) — IBM 7.1 rzarlf80 (to 8778) and 7.3 (to 4768); Field 5 not readable. */
function xd(r: Random): BuiltEntry {
  const groups = [
    'cn=payroll,ou=groups,o=example',
    'cn=hr-admins,ou=groups,o=example',
    'cn=auditors,ou=groups,o=example',
    'cn=all-staff,ou=groups,o=example',
  ];
  const count = r.int(1, 4);
  const group = (n: number) => (n <= count ? groups[n - 1]! : '');
  const hex = (n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('');
  const f = new EntryFields()
    .char(610, 1, 'Entry Type', subtypeOf(r, 'XD')) // Entry Type
    .char(611, 36, 'Cross Reference', `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`); // Cross Reference
  return f
    .bin4(747, 'Field 1 CCSID', 37) // Field 1 CCSID
    .bin2(751, 'Field 1 Length', group(1).length) // Field 1 Length
    .char(753, 2002, 'Field 1', group(1)) // Field 1
    .bin4(2755, 'Field 2 CCSID', group(2) ? 37 : 0) // Field 2 CCSID
    .bin2(2759, 'Field 2 Length', group(2).length) // Field 2 Length
    .char(2761, 2002, 'Field 2', group(2)) // Field 2
    .bin4(4763, 'Field 3 CCSID', group(3) ? 37 : 0) // Field 3 CCSID
    .bin2(4767, 'Field 3 Length', group(3).length) // Field 3 Length
    .char(4769, 2002, 'Field 3', group(3)) // Field 3
    .bin4(6771, 'Field 4 CCSID', group(4) ? 37 : 0) // Field 4 CCSID
    .bin2(6775, 'Field 4 Length', group(4).length) // Field 4 Length
    .char(6777, 2002, 'Field 4', group(4)) // Field 4
    .build();
}

/** The DLO access layout of YC and YR (IBM 7.1 rzarlf75, 7.3 rzarlf76; ends 744). */
function dloAccess(
  r: Random,
  c: EntryContext,
  entryType: string,
  accessCodes: readonly number[],
): BuiltEntry {
  const dlo = r.pick(DLOS);
  const folder = r.next() < 0.25;
  return new EntryFields()
    .char(610, 1, 'Entry Type', entryType) // Entry Type
    .char(611, 10, 'Object Name', `AAB${r.int(1000000, 9999999)}`) // Object Name
    .char(621, 10, 'Library Name', 'QDOC') // Library Name
    .char(631, 8, 'Object Type', folder ? '*FLR' : '*DOC') // Object Type
    .char(639, 10, 'Office User', c.user) // Office User
    .char(649, 12, 'Folder or Document Name', folder ? dlo.folder.split('/').pop()! : dlo.document) // Folder or Document Name
    .char(669, 63, 'Folder Path', folder ? dlo.folder.split('/')[0]! : dlo.folder) // Folder Path
    .char(732, 10, 'On Behalf of User', r.next() < 0.15 ? r.pick(STAFF) : '') // On Behalf of User
    .packed(742, 3, 'Access Type', r.pick(accessCodes)) // Access Type (numeric access code)
    .build();
}

/** YC (Change to DLO Object) — IBM 7.1 rzarlf75. Access codes: 7 Change, 17 Delete, 39 Rename, 58–61 DLO parts. */
function yc(r: Random, c: EntryContext): BuiltEntry {
  return dloAccess(r, c, subtypeOf(r, 'YC'), [7, 17, 39, 58, 59, 60, 61]);
}

/** YR (Read of DLO Object) — IBM 7.3 rzarlf76. Code list not readable: 'R' assumed (as ZR). Access codes: 19 Display, 35 Read, 58–61. */
function yr(r: Random, c: EntryContext): BuiltEntry {
  return dloAccess(r, c, 'R', [19, 35, 58, 60, 61]);
}

export const MORE_ENTRY_BUILDERS: Readonly<Record<string, Builder>> = {
  AD: ad,
  AP: ap,
  AU: au,
  AX: ax,
  CD: cd,
  CQ: cq,
  CU: cu,
  CV: cv,
  CY: cy,
  DI: di,
  DS: ds,
  EV: ev,
  GR: gr,
  GS: gs,
  IM: im,
  IP: ip,
  IR: ir,
  IS: is,
  JD: jd,
  KF: kf,
  M7: m7,
  M9: m9,
  NA: na,
  NE: ne,
  O1: o1,
  O2: o2,
  O3: o3,
  OM: om,
  OR: or,
  OW: ow,
  PA: pa,
  PF: pf,
  PG: pg,
  PO: po,
  PS: ps,
  PU: pu,
  RJ: rj,
  RO: ro,
  RP: rp,
  RU: ru,
  RZ: rz,
  SD: sd,
  SF: sf,
  SG: sg,
  SK: sk,
  SM: sm,
  SO: so,
  ST: st,
  VA: va,
  VC: vc,
  VL: vl,
  VN: vn,
  VO: vo,
  VP: vp,
  VR: vr,
  VS: vs,
  VU: vu,
  VV: vv,
  X0: x0,
  XD: xd,
  YC: yc,
  YR: yr,
};

/** Entry types the builders above generate. */
export const MORE_ENTRY_TYPES: readonly string[] = Object.keys(MORE_ENTRY_BUILDERS);
