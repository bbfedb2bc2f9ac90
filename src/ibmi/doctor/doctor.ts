/**
 * `auditrelay ibmi doctor`: read-only checks of an IBM i set-up over the agent's own
 * connection. Every statement is a SELECT (or VALUES) against IBM's SQL services; each check
 * ends in PASS, WARN or FAIL with the CL or SQL that fixes it. The services and their
 * columns are IBM's (pages named in the simulator, src/ibmi/simulator/system.ts).
 */

import { jobLogReason } from '../db2/job-log.js';
import type { Db2Connection, Db2Row } from '../db2/port.js';
import { isMissingObject, sqlFailureOf } from '../db2/port.js';
import { EXIT_PROGRAMS } from '../exit-points/catalog.js';
import { LOG_TABLE } from '../exit-points/sql.js';
import { DEFAULT_SET, ENTRY_AUDIT_LEVELS, effectiveLevels, levelActive } from './audit-levels.js';
import type { Finding } from './findings.js';

export interface DoctorOptions {
  /** The agent's user profile (connection.user). */
  user: string;
  journalLibrary: string;
  journal: string;
  /** The configured entry types; empty means all. */
  entryTypes: readonly string[];
  /** The CCSID the agent decodes with (config `ccsid`). */
  ccsid: number;
  /** The configured UTC offset in minutes, if the config sets one. */
  utcOffsetMinutes?: number;
  /** Library of the exit programs (install-exit-points --library). */
  exitPointLibrary: string;
}

/** IBM's services the agent uses, what needs each, and how bad it is without. */
const SERVICES: readonly { name: string; kind: 'FUNCTION' | 'VIEW'; use: string; required: boolean }[] = [
  { name: 'DISPLAY_JOURNAL', kind: 'FUNCTION', use: 'reads the audit journal', required: true },
  { name: 'JOURNAL_INFO', kind: 'VIEW', use: 'finds the attached receiver (startAt: now)', required: false },
  {
    name: 'JOURNAL_RECEIVER_INFO',
    kind: 'VIEW',
    use: 'tells a deleted receiver from a stalled read, startAt: now',
    required: false,
  },
  { name: 'JOBLOG_INFO', kind: 'FUNCTION', use: 'explains failed reads (the CPF message)', required: false },
  { name: 'HISTORY_LOG_INFO', kind: 'FUNCTION', use: 'the history log (QHST) source', required: false },
  { name: 'MESSAGE_QUEUE_INFO', kind: 'FUNCTION', use: 'the QSYSOPR/QSYSMSG source', required: false },
  {
    name: 'EXIT_PROGRAM_INFO',
    kind: 'VIEW',
    use: 'checks the exit programs (doctor, install)',
    required: false,
  },
];

/** Db2 for i PTF groups by release (IBM support pages on DISPLAY_JOURNAL, HISTORY_LOG_INFO, GROUP_PTF_INFO: V). */
const DB2_GROUPS: Readonly<Record<string, string>> = {
  '7.2': 'SF99702',
  '7.3': 'SF99703',
  '7.4': 'SF99704',
  '7.5': 'SF99950',
  '7.6': 'SF99960',
};

const APPLY_DB2_GROUP = `apply the latest Db2 PTF group of your release (${Object.entries(DB2_GROUPS)
  .map(([release, group]) => `${group} ${release}`)
  .join(', ')})`;

/** Special authorities the agent needs: none. *AUDIT only lets the doctor read the audit system values. */
const OPTIONAL_SPECIAL = new Set(['*AUDIT']);

export async function runDoctor(connection: Db2Connection, options: DoctorOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const checks: [string, () => Promise<Finding | Finding[]>][] = [
    ['release', () => release(connection)],
    ['SQL services', () => services(connection)],
    ['user profile', () => profile(connection, options)],
    ['audit system values', () => auditValues(connection, options)],
    ['audit journal', () => journal(connection, options)],
    ['receiver deletion', () => receiverDeletion(connection, options)],
    ['QSYSMSG', () => qsysmsg(connection, options)],
    ['CCSID and time', () => ccsidAndTime(connection, options)],
    ['exit programs', () => exitPrograms(connection, options)],
    ['exit-point log', () => exitLog(connection, options)],
  ];
  for (const [name, check] of checks) {
    try {
      findings.push(...[await check()].flat());
    } catch (error) {
      // A check that cannot ask is itself a finding; the others still run.
      findings.push({ check: name, verdict: 'WARN', what: `could not check: ${describe(error)}` });
    }
  }
  return findings;
}

function describe(error: unknown): string {
  const failure = sqlFailureOf(error);
  if (failure)
    return `${failure.message} (SQLSTATE ${failure.sqlState ?? '-'}, SQLCODE ${failure.sqlCode ?? '-'})`;
  return error instanceof Error ? error.message : String(error);
}

const str = (row: Db2Row | undefined, column: string) => {
  const value = row?.[column];
  return value === null || value === undefined ? undefined : String(value).trim();
};

async function release(connection: Db2Connection): Promise<Finding> {
  const [env] = (await connection.query('SELECT OS_VERSION, OS_RELEASE FROM SYSIBMADM.ENV_SYS_INFO')).rows;
  const version = `${str(env, 'OS_VERSION')}.${str(env, 'OS_RELEASE')}`;
  const group = DB2_GROUPS[version];
  if (!group) {
    return {
      check: 'release',
      verdict: 'WARN',
      what: `IBM i ${version}: AuditRelay follows IBM's 7.3-7.6 documentation; nothing was checked for this release`,
    };
  }
  const { rows } = await connection.query(
    "SELECT PTF_GROUP_LEVEL FROM QSYS2.GROUP_PTF_INFO WHERE PTF_GROUP_NAME = ? AND PTF_GROUP_STATUS = 'INSTALLED' ORDER BY PTF_GROUP_LEVEL DESC FETCH FIRST 1 ROW ONLY",
    [group],
  );
  const level = str(rows[0], 'PTF_GROUP_LEVEL');
  if (level === undefined) {
    return {
      check: 'release',
      verdict: 'WARN',
      what: `IBM i ${version} without an installed Db2 PTF group ${group}: the SQL services the agent uses arrive with it`,
      fix: [
        `SNDPTFORD PTFID((${group}))`,
        `then install it: INSPTF or GO PTF (see IBM's PTF group page for ${group})`,
      ],
    };
  }
  return {
    check: 'release',
    verdict: 'PASS',
    what: `IBM i ${version}, Db2 PTF group ${group} level ${level}`,
  };
}

/** Which of IBM's QSYS2 services are in the catalog: table functions in SYSROUTINES, views in SYSTABLES. */
async function inCatalog(
  connection: Db2Connection,
  kind: 'FUNCTION' | 'VIEW',
): Promise<Set<string | undefined>> {
  const [table, column] = kind === 'FUNCTION' ? ['SYSROUTINES', 'ROUTINE'] : ['SYSTABLES', 'TABLE'];
  const names = SERVICES.filter((s) => s.kind === kind).map((s) => s.name);
  const { rows } = await connection.query(
    `SELECT ${column}_NAME FROM QSYS2.${table} WHERE ${column}_SCHEMA = 'QSYS2' AND ${column}_NAME IN (${names.map(() => '?').join(', ')})`,
    names,
  );
  return new Set(rows.map((r) => str(r, `${column}_NAME`)));
}

async function services(connection: Db2Connection): Promise<Finding[]> {
  const present = {
    FUNCTION: await inCatalog(connection, 'FUNCTION'),
    VIEW: await inCatalog(connection, 'VIEW'),
  };
  const missing = SERVICES.filter((s) => !present[s.kind].has(s.name));
  const fix = [APPLY_DB2_GROUP];
  const required = missing.filter((s) => s.required);
  const optional = missing.filter((s) => !s.required);
  const list = (items: typeof SERVICES) => items.map((s) => `QSYS2.${s.name} (${s.use})`).join(', ');
  const findings: Finding[] = [];
  if (required.length)
    findings.push({ check: 'SQL services', verdict: 'FAIL', what: `missing: ${list(required)}`, fix });
  if (optional.length)
    findings.push({ check: 'SQL services', verdict: 'WARN', what: `missing: ${list(optional)}`, fix });
  if (!missing.length) {
    findings.push({
      check: 'SQL services',
      verdict: 'PASS',
      what: `all present: ${SERVICES.map((s) => s.name).join(', ')}`,
    });
  }
  return findings;
}

async function profile(connection: Db2Connection, options: DoctorOptions): Promise<Finding> {
  const { rows } = await connection.query(
    'SELECT AUTHORIZATION_NAME, STATUS, SPECIAL_AUTHORITIES FROM QSYS2.USER_INFO WHERE AUTHORIZATION_NAME = ?',
    [options.user.toUpperCase()],
  );
  const [row] = rows;
  if (!row) {
    return {
      check: 'user profile',
      verdict: 'WARN',
      what: `QSYS2.USER_INFO shows no row for ${options.user}: the profile cannot read its own *USRPRF (needs *OBJOPR and *READ)`,
      fix: [`GRTOBJAUT OBJ(${options.user}) OBJTYPE(*USRPRF) USER(${options.user}) AUT(*USE)`],
    };
  }
  const special = (str(row, 'SPECIAL_AUTHORITIES') ?? '').split(/\s+/).filter((a) => a && a !== '*NONE');
  const extra = special.filter((a) => !OPTIONAL_SPECIAL.has(a));
  if (extra.length) {
    return {
      check: 'user profile',
      verdict: 'WARN',
      what: `${options.user} has special authorities the agent does not need: ${extra.join(' ')}${extra.includes('*ALLOBJ') ? ' (*ALLOBJ reaches every object on the system)' : ''}`,
      fix: [`CHGUSRPRF USRPRF(${options.user}) SPCAUT(${special.includes('*AUDIT') ? '*AUDIT' : '*NONE'})`],
    };
  }
  return {
    check: 'user profile',
    verdict: 'PASS',
    what: `${options.user} is ${str(row, 'STATUS')}, special authorities: ${special.join(' ') || '*NONE'}${special.includes('*AUDIT') ? ' (*AUDIT lets the doctor read the audit values; it also allows changing auditing)' : ''}`,
  };
}

async function systemValues(
  connection: Db2Connection,
  names: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await connection.query(
    `SELECT SYSTEM_VALUE_NAME, CURRENT_NUMERIC_VALUE, CURRENT_CHARACTER_VALUE FROM QSYS2.SYSTEM_VALUE_INFO WHERE SYSTEM_VALUE_NAME IN (${names.map(() => '?').join(', ')})`,
    names,
  );
  return new Map(
    rows.map((r) => [
      str(r, 'SYSTEM_VALUE_NAME') ?? '',
      str(r, 'CURRENT_CHARACTER_VALUE') ?? str(r, 'CURRENT_NUMERIC_VALUE') ?? '',
    ]),
  );
}

const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

async function auditValues(connection: Db2Connection, options: DoctorOptions): Promise<Finding[]> {
  const values = await systemValues(connection, ['QAUDCTL', 'QAUDLVL', 'QAUDLVL2']);
  const control = values.get('QAUDCTL');
  if (control === '*NOTAVL' || control === undefined) {
    return [
      {
        check: 'audit system values',
        verdict: 'WARN',
        what: `QAUDCTL, QAUDLVL and QAUDLVL2 are hidden from ${options.user} (reading them needs *AUDIT or *ALLOBJ)`,
        fix: [
          'DSPSYSVAL SYSVAL(QAUDCTL) and DSPSYSVAL SYSVAL(QAUDLVL) as a security officer',
          `or run the doctor once with a profile that has *AUDIT (CHGUSRPRF USRPRF(${options.user}) SPCAUT(*AUDIT))`,
        ],
      },
    ];
  }
  const wanted = options.entryTypes.length ? options.entryTypes : [];
  const objectTypes = wanted.filter(
    (t) => ENTRY_AUDIT_LEVELS[t]?.object && !ENTRY_AUDIT_LEVELS[t]?.levels.length,
  );
  const findings: Finding[] = [];
  const controlWords = words(control).filter((w) => w !== '*NONE');
  const neededControl = ['*AUDLVL', ...(objectTypes.length ? ['*OBJAUD'] : [])].filter(
    (w) => !controlWords.includes(w),
  );
  if (neededControl.length) {
    findings.push({
      check: 'QAUDCTL',
      verdict: 'FAIL',
      what: `is '${control}': without ${neededControl.join(' and ')} the system writes no ${neededControl.includes('*AUDLVL') ? 'action-audit' : `object-audit (${objectTypes.join(' ')})`} entries`,
      fix: [`CHGSYSVAL SYSVAL(QAUDCTL) VALUE('${[...controlWords, ...neededControl].join(' ')}')`],
    });
  } else {
    findings.push({ check: 'QAUDCTL', verdict: 'PASS', what: `'${control}'` });
  }

  const level1 = words(values.get('QAUDLVL')).filter((w) => w !== '*NONE');
  const level2 = level1.includes('*AUDLVL2')
    ? words(values.get('QAUDLVL2')).filter((w) => w !== '*NONE')
    : [];
  const current = [...level1.filter((w) => w !== '*AUDLVL2'), ...level2];
  const active = effectiveLevels(current);
  const needed = new Map<string, string[]>(); // level → entry types that need it
  if (wanted.length === 0) {
    for (const value of DEFAULT_SET) needed.set(value, ['(CHGSECAUD *DFTSET)']);
  }
  for (const type of wanted) {
    const source = ENTRY_AUDIT_LEVELS[type];
    if (!source || source.levels.length === 0) continue;
    if (source.levels.some((l) => levelActive(l, active))) continue;
    const value = source.levels[0]!;
    needed.set(value, [...(needed.get(value) ?? []), type]);
  }
  const missing = [...needed].filter(([value]) => !levelActive(value, active));
  if (missing.length) {
    const all = [...current, ...missing.map(([value]) => value)];
    findings.push({
      check: 'QAUDLVL',
      verdict: 'FAIL',
      what: `missing ${missing.map(([value, types]) => `${value} (for ${types.join(' ')})`).join(', ')}; now: ${current.join(' ') || '*NONE'}`,
      fix:
        all.length <= 16
          ? [`CHGSYSVAL SYSVAL(QAUDLVL) VALUE('${all.join(' ')}')`]
          : [
              `CHGSYSVAL SYSVAL(QAUDLVL) VALUE('${[...all.slice(0, 15), '*AUDLVL2'].join(' ')}')`,
              `CHGSYSVAL SYSVAL(QAUDLVL2) VALUE('${all.slice(15).join(' ')}')`,
            ],
    });
  } else {
    findings.push({
      check: 'QAUDLVL',
      verdict: 'PASS',
      what: `${current.join(' ')} covers the configured entry types`,
    });
  }
  const userLevel = wanted.filter((t) => ENTRY_AUDIT_LEVELS[t]?.userLevel);
  if (userLevel.length) {
    findings.push({
      check: 'QAUDLVL',
      verdict: 'WARN',
      what: `${userLevel.join(' ')} come from per-user auditing (AUDLVL *CMD), which the system values do not show`,
      fix: ['CHGUSRAUD USRPRF(user) AUDLVL(*CMD) for each user whose commands must be audited'],
    });
  }
  return findings;
}

async function journal(connection: Db2Connection, options: DoctorOptions): Promise<Finding> {
  const name = `${options.journalLibrary}/${options.journal}`;
  const { rows } = await connection.query(
    'SELECT ATTACHED_JOURNAL_RECEIVER_LIBRARY, ATTACHED_JOURNAL_RECEIVER_NAME FROM QSYS2.JOURNAL_INFO WHERE JOURNAL_LIBRARY = ? AND JOURNAL_NAME = ?',
    [options.journalLibrary, options.journal],
  );
  const [info] = rows;
  if (!info) {
    return {
      check: 'audit journal',
      verdict: 'FAIL',
      what: `${name} does not exist (or ${options.user} cannot see it)`,
      fix: [
        'CRTLIB LIB(AUDLIB)',
        'CRTJRNRCV JRNRCV(AUDLIB/AUDRCV0001)',
        `CRTJRN JRN(${name}) JRNRCV(AUDLIB/AUDRCV0001) MNGRCV(*SYSTEM) DLTRCV(*NO)`,
      ],
    };
  }
  const library = str(info, 'ATTACHED_JOURNAL_RECEIVER_LIBRARY');
  const receiver = str(info, 'ATTACHED_JOURNAL_RECEIVER_NAME');
  if (!receiver) {
    return {
      check: 'audit journal',
      verdict: 'FAIL',
      what: `${name} has no attached receiver`,
      fix: [`CHGJRN JRN(${name}) JRNRCV(*GEN)`],
    };
  }
  const grants = [
    `GRTOBJAUT OBJ(${name}) OBJTYPE(*JRN) USER(${options.user}) AUT(*USE)`,
    `GRTOBJAUT OBJ(${name}) OBJTYPE(*JRN) USER(${options.user}) AUT(*OBJEXIST)`,
    `GRTOBJAUT OBJ(QSYS/${library}) OBJTYPE(*LIB) USER(${options.user}) AUT(*EXECUTE)`,
    `GRTOBJAUT OBJ(${library}/*ALL) OBJTYPE(*JRNRCV) USER(${options.user}) AUT(*USE)`,
  ];
  try {
    await connection.query(
      `SELECT J.SEQUENCE_NUMBER FROM TABLE(QSYS2.DISPLAY_JOURNAL(JOURNAL_LIBRARY => ?, JOURNAL_NAME => ?, STARTING_RECEIVER_NAME => '*CURRENT', JOURNAL_CODES => 'T')) AS J FETCH FIRST 1 ROW ONLY`,
      [options.journalLibrary, options.journal],
    );
  } catch (error) {
    if (!sqlFailureOf(error)) throw error;
    if (isMissingObject(error)) {
      return {
        check: 'audit journal',
        verdict: 'FAIL',
        what: `cannot read ${name}: QSYS2.DISPLAY_JOURNAL is not on this system (${describe(error)})`,
        fix: [APPLY_DB2_GROUP],
      };
    }
    const reason = await jobLogReason(connection);
    return {
      check: 'audit journal',
      verdict: 'FAIL',
      what: `${options.user} cannot read ${name}: ${describe(error)}${reason ? `; job log: ${reason}` : ''}`,
      fix: grants,
    };
  }
  return {
    check: 'audit journal',
    verdict: 'PASS',
    what: `${name}, receiver ${library}/${receiver} attached and readable`,
  };
}

async function qsysmsg(connection: Db2Connection, options: DoctorOptions): Promise<Finding> {
  const { rows } = await connection.query(
    "SELECT OBJNAME FROM TABLE(QSYS2.OBJECT_STATISTICS(OBJECT_SCHEMA => 'QSYS', OBJTYPELIST => '*MSGQ', OBJECT_NAME => 'QSYSMSG')) AS O",
  );
  if (rows.length === 0) {
    return {
      check: 'QSYSMSG',
      verdict: 'WARN',
      what: `QSYS/QSYSMSG does not exist (or ${options.user} cannot see it): critical system messages go only to QSYSOPR`,
      fix: [
        "CRTMSGQ MSGQ(QSYS/QSYSMSG) TEXT('Optional MSGQ to receive specific system messages')",
        `GRTOBJAUT OBJ(QSYS/QSYSMSG) OBJTYPE(*MSGQ) USER(${options.user}) AUT(*USE)`,
      ],
    };
  }
  return { check: 'QSYSMSG', verdict: 'PASS', what: 'QSYS/QSYSMSG exists' };
}

async function ccsidAndTime(connection: Db2Connection, options: DoctorOptions): Promise<Finding[]> {
  const values = await systemValues(connection, ['QCCSID']);
  const system = Number(values.get('QCCSID'));
  const findings: Finding[] = [];
  if (system === 65535) {
    findings.push({
      check: 'CCSID',
      verdict: 'WARN',
      what: `QCCSID is 65535; the agent decodes character fields with CCSID ${options.ccsid}: make sure that is the CCSID your jobs use`,
      fix: ['set ccsid: in the audit-journal source to the CCSID of your jobs (docs/ccsids.md)'],
    });
  } else if (system !== options.ccsid) {
    findings.push({
      check: 'CCSID',
      verdict: 'WARN',
      what: `QCCSID is ${system}, the agent decodes with CCSID ${options.ccsid}`,
      fix: [`set ccsid: ${system} in the audit-journal source`],
    });
  } else findings.push({ check: 'CCSID', verdict: 'PASS', what: `QCCSID ${system}, as configured` });

  const [row] = (await connection.query('VALUES CURRENT TIMEZONE')).rows;
  const duration = Number(Object.values(row ?? {})[0]);
  const sign = duration < 0 ? -1 : 1;
  const abs = Math.abs(duration);
  const minutes = sign * (Math.floor(abs / 10000) * 60 + (Math.floor(abs / 100) % 100));
  const shown = formatOffset(minutes);
  if (options.utcOffsetMinutes !== undefined && options.utcOffsetMinutes !== minutes) {
    findings.push({
      check: 'UTC offset',
      verdict: 'WARN',
      what: `the IBM i is at UTC${shown} (CURRENT TIMEZONE), the config says utcOffset ${formatOffset(options.utcOffsetMinutes)}: event times will be off`,
      fix: [
        'remove utcOffset from the config (the agent then asks the IBM i), or correct QUTCOFFSET / QTIMZON',
      ],
    });
  } else {
    findings.push({
      check: 'UTC offset',
      verdict: 'PASS',
      what: `UTC${shown}${options.utcOffsetMinutes === undefined ? ' (asked from the IBM i at connect)' : ', as configured'}`,
    });
  }
  return findings;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

async function exitPrograms(connection: Db2Connection, options: DoctorOptions): Promise<Finding> {
  const { rows } = await connection.query(
    'SELECT EXIT_POINT_NAME, EXIT_POINT_FORMAT, EXIT_PROGRAM_LIBRARY, EXIT_PROGRAM FROM QSYS2.EXIT_PROGRAM_INFO WHERE EXIT_POINT_NAME IN (' +
      EXIT_PROGRAMS.map(() => '?').join(', ') +
      ')',
    EXIT_PROGRAMS.map((p) => p.exitPoint),
  );
  const registered = new Set(
    rows
      .filter((r) => str(r, 'EXIT_PROGRAM_LIBRARY') === options.exitPointLibrary)
      .map((r) => str(r, 'EXIT_POINT_NAME')),
  );
  const ours = EXIT_PROGRAMS.filter((p) => registered.has(p.exitPoint)).map((p) => p.exitPoint);
  const others = rows
    .filter((r) => str(r, 'EXIT_PROGRAM_LIBRARY') !== options.exitPointLibrary)
    .map((r) => `${str(r, 'EXIT_POINT_NAME')} → ${str(r, 'EXIT_PROGRAM_LIBRARY')}/${str(r, 'EXIT_PROGRAM')}`);
  const missing = EXIT_PROGRAMS.filter((p) => p.byDefault && !registered.has(p.exitPoint)).map(
    (p) => p.exitPoint,
  );
  const foreign = others.length ? `; other programs: ${others.join(', ')}` : '';
  if (ours.length === 0) {
    return {
      check: 'exit programs',
      verdict: 'WARN',
      what: `no AuditRelay exit program in ${options.exitPointLibrary}: network requests (ODBC, FTP, remote commands) are not recorded${foreign}`,
      fix: ['auditrelay ibmi install-exit-points --config FILE --dry-run, review, then without --dry-run'],
    };
  }
  if (missing.length) {
    return {
      check: 'exit programs',
      verdict: 'WARN',
      what: `registered: ${ours.join(', ')}; not registered: ${missing.join(', ')}${foreign}`,
      fix: ['auditrelay ibmi install-exit-points --config FILE'],
    };
  }
  return { check: 'exit programs', verdict: 'PASS', what: `registered: ${ours.join(', ')}${foreign}` };
}

/** Whether the agent's profile can read the exit programs' log (when there is one to read). */
async function exitLog(connection: Db2Connection, options: DoctorOptions): Promise<Finding[]> {
  const table = `${options.exitPointLibrary}.${LOG_TABLE}`;
  try {
    await connection.query(`SELECT ENTRY_ID FROM ${table} ORDER BY ENTRY_ID DESC FETCH FIRST 1 ROWS ONLY`);
    return [{ check: 'exit-point log', verdict: 'PASS', what: `${table} is readable by ${options.user}` }];
  } catch (error) {
    const code = sqlFailureOf(error)?.sqlCode;
    if (code === -204) {
      // No log: nothing installed, which the exit programs check already says.
      return [];
    }
    if (code !== -551) throw error;
    return [
      {
        check: 'exit-point log',
        verdict: 'FAIL',
        what: `${options.user} may not read ${table}: the exit-points source cannot send what the exit programs log`,
        fix: [`GRANT SELECT ON ${table} TO ${options.user}`],
      },
    ];
  }
}

/**
 * Whether QAUDJRN's receivers can go before the agent read them: the system deletes detached
 * receivers itself under DLTRCV(*YES) (IBM, JOURNAL_INFO DELETE_RECEIVER_OPTION); a program at
 * QIBM_QJO_DLT_JRNRCV can hold a receiver back (IBM, "Deleting journal receivers").
 */
async function receiverDeletion(connection: Db2Connection, options: DoctorOptions): Promise<Finding> {
  const name = `${options.journalLibrary}/${options.journal}`;
  const [info] = (
    await connection.query(
      'SELECT DELETE_RECEIVER_OPTION FROM QSYS2.JOURNAL_INFO WHERE JOURNAL_LIBRARY = ? AND JOURNAL_NAME = ?',
      [options.journalLibrary, options.journal],
    )
  ).rows;
  const guards = (
    await connection.query(
      "SELECT EXIT_PROGRAM_LIBRARY, EXIT_PROGRAM FROM QSYS2.EXIT_PROGRAM_INFO WHERE EXIT_POINT_NAME = 'QIBM_QJO_DLT_JRNRCV'",
    )
  ).rows.map((r) => `${str(r, 'EXIT_PROGRAM_LIBRARY')}/${str(r, 'EXIT_PROGRAM')}`);
  const guarded = guards.length
    ? `; delete-receiver exit program${guards.length > 1 ? 's' : ''} ${guards.join(', ')} can hold receivers back`
    : '';
  if (str(info, 'DELETE_RECEIVER_OPTION') !== 'YES') {
    return {
      check: 'receiver deletion',
      verdict: 'PASS',
      what: `${name} keeps detached receivers until someone deletes them (DLTRCV *NO)${guarded}; delete them only after \`auditrelay status\` shows the agent past them`,
    };
  }
  return {
    check: 'receiver deletion',
    verdict: 'WARN',
    what: `the system deletes detached ${name} receivers by itself (DLTRCV *YES)${guarded}: one deleted before AuditRelay read it is lost to the SIEM (the agent reports it as a gap)`,
    fix: [
      `CHGJRN JRN(${name}) DLTRCV(*NO)`,
      'then save and delete detached receivers on a schedule, after `auditrelay status` shows the agent past them',
    ],
  };
}
