/**
 * The parts of a simulated IBM i set-up that `auditrelay ibmi doctor` reads and
 * `auditrelay ibmi install-exit-points` changes: system values, user profiles, objects,
 * the registration facility's exit points and programs, and what SQL created. Tests start
 * from a healthy set-up and break one thing at a time.
 *
 * Views and table functions follow IBM's column names, types and null rules where the page
 * could be read (V, page named); the rest is marked K (names public code uses, types ours).
 */
import {
  type ColumnDef,
  column,
  mapepireTimestamp,
  type ObjectContext,
  rowOf,
  type SimulatedObject,
} from './objects.js';
import { sqlError } from './sql-errors.js';
import {
  bigint,
  char,
  integer,
  ROW_LIMIT,
  rowWidth,
  type SqlType,
  type SqlValue,
  timestamp,
  varchar,
  vargraphic,
} from './sql-types.js';

export interface SimulatedUser {
  status: '*ENABLED' | '*DISABLED';
  specialAuthorities: string[];
}

export interface SimulatedObjectEntry {
  library: string;
  name: string;
  type: string;
  owner: string;
}

export interface RegisteredProgram {
  exitPoint: string;
  format: string;
  number: number;
  library: string;
  program: string;
  text: string;
}

/**
 * Exit points and formats of the registration facility that the simulator knows, with
 * the most programs each takes. Names and formats: V (IBM pages listed in
 * /work/research/exit-points.md); the maximum of one program per host-server and logon
 * exit point is K, chosen as the stricter answer.
 */
export const REGISTRATION_FACILITY: readonly { exitPoint: string; format: string; max: number | null }[] = [
  { exitPoint: 'QIBM_QZDA_INIT', format: 'ZDAI0100', max: 1 },
  { exitPoint: 'QIBM_QZDA_SQL1', format: 'ZDAQ0100', max: 1 },
  { exitPoint: 'QIBM_QZDA_SQL2', format: 'ZDAQ0200', max: 1 },
  { exitPoint: 'QIBM_QZDA_NDB1', format: 'ZDAD0100', max: 1 },
  { exitPoint: 'QIBM_QZDA_NDB1', format: 'ZDAD0200', max: 1 },
  { exitPoint: 'QIBM_QZDA_ROI1', format: 'ZDAR0100', max: 1 },
  { exitPoint: 'QIBM_QZDA_ROI1', format: 'ZDAR0200', max: 1 },
  { exitPoint: 'QIBM_QZRC_RMT', format: 'CZRC0100', max: 1 },
  { exitPoint: 'QIBM_QPWFS_FILE_SERV', format: 'PWFS0100', max: 1 },
  { exitPoint: 'QIBM_QPWFS_FILE_SERV', format: 'PWFS0200', max: 1 },
  { exitPoint: 'QIBM_QZSO_SIGNONSRV', format: 'ZSOY0100', max: 1 },
  { exitPoint: 'QIBM_QZHQ_DATA_QUEUE', format: 'ZHQ00100', max: 1 },
  { exitPoint: 'QIBM_QHQ_DTAQ', format: 'DTAQ0100', max: 1 },
  { exitPoint: 'QIBM_QTMF_SERVER_REQ', format: 'VLRQ0100', max: null },
  { exitPoint: 'QIBM_QTMF_CLIENT_REQ', format: 'VLRQ0100', max: null },
  { exitPoint: 'QIBM_QTMF_SVR_LOGON', format: 'TCPL0100', max: 1 },
  { exitPoint: 'QIBM_QTMF_SVR_LOGON', format: 'TCPL0200', max: 1 },
  { exitPoint: 'QIBM_QTMF_SVR_LOGON', format: 'TCPL0300', max: 1 },
  { exitPoint: 'QIBM_QTG_DEVINIT', format: 'INIT0100', max: null },
  { exitPoint: 'QIBM_QTG_DEVTERM', format: 'TERM0100', max: null },
  { exitPoint: 'QIBM_QJO_DLT_JRNRCV', format: 'DRCV0100', max: null },
];

/**
 * A table created over SQL, with its rows. Db2 for i gives an identity column its values in
 * blocks (CACHE 20 by default), so values can be skipped; the simulator numbers without gaps
 * unless a test takes values away (`skipIdentity`), as an IPL that discards the cache does.
 */
export class SimulatedTable {
  readonly rows: Record<string, SqlValue>[] = [];
  /** Who may SELECT besides the owner (GRANT SELECT … TO). */
  readonly readers = new Set<string>();
  private nextIdentity = 1;

  constructor(
    readonly schema: string,
    readonly name: string,
    readonly columns: readonly ColumnDef[],
    readonly owner: string,
    /** GENERATED ALWAYS AS IDENTITY; `DEFAULT CURRENT TIMESTAMP` columns. */
    private readonly generated: { identity?: string; timestamps: readonly string[] },
  ) {}

  /** INSERT with the columns given: the identity and default timestamp filled in; the row as stored. */
  insert(values: Record<string, SqlValue>, now = new Date()): Record<string, SqlValue> {
    const row: Record<string, SqlValue> = {};
    for (const { name, type } of this.columns) {
      let value = values[name] ?? null;
      if (name === this.generated.identity) {
        if (values[name] !== undefined) throw sqlError('SQL0798', name);
        value = BigInt(this.nextIdentity++);
      } else if (value === null && this.generated.timestamps.includes(name)) {
        value = mapepireTimestamp(now);
      }
      if (value === null && !type.nullable) throw sqlError('SQL0407', `${this.name}.${name}`);
      if (typeof value === 'string' && value.length > type.length) throw sqlError('SQL0404', name);
      row[name] = value;
    }
    for (const name of Object.keys(values)) {
      if (!this.columns.some((c) => c.name === name)) throw sqlError('SQL0206', name);
    }
    this.rows.push(row);
    return row;
  }

  /** Identity values lost (an IPL discarding the cached block, a failed insert). */
  skipIdentity(count: number): void {
    this.nextIdentity += count;
  }

  /** The table as the SQL engine reads it (SELECT … FROM schema.name). */
  asView(): SimulatedObject {
    return {
      schema: this.schema,
      name: this.name,
      kind: 'view',
      columns: this.columns,
      rows: (_args, { user }) => {
        if (user !== this.owner && !this.readers.has(user)) {
          throw sqlError('SQL0551', this.name, this.schema, 'FILE');
        }
        return this.rows.map((row) => rowOf(row));
      },
    };
  }
}

/** System values whose values need *ALLOBJ or *AUDIT (IBM, SYSTEM_VALUE_INFO, 7.5, V). */
const AUDIT_VALUES = new Set(['QAUDCTL', 'QAUDENDACN', 'QAUDFRCLVL', 'QAUDLVL', 'QAUDLVL2', 'QCRTOBJAUD']);

export class SimulatedSystem {
  systemValues: Record<string, string | number> = {
    QAUDCTL: '*AUDLVL *OBJAUD *NOQTEMP',
    QAUDLVL: '*AUTFAIL *CREATE *DELETE *SECURITY *SAVRST *SERVICE *PGMFAIL *JOBDTA *NETCMN',
    QAUDLVL2: '*NONE',
    QCCSID: 37,
    QUTCOFFSET: '-05:00',
  };
  users = new Map<string, SimulatedUser>();
  objects: SimulatedObjectEntry[] = [
    { library: 'QSYS', name: 'QAUDJRN', type: '*JRN', owner: 'QSYS' },
    { library: 'QSYS', name: 'QSYSMSG', type: '*MSGQ', owner: 'QSECOFR' },
    { library: 'QSYS', name: 'QSYSOPR', type: '*MSGQ', owner: 'QSYS' },
  ];
  /** Profiles with the authorities DISPLAY_JOURNAL needs on QAUDJRN and its receivers. */
  journalReaders = new Set<string>();
  exitPrograms: RegisteredProgram[] = [];
  /** QAUDJRN's DLTRCV(*YES): the system deletes detached receivers by itself. */
  journalDeletesReceivers = false;
  /** SQL routines and tables created over SQL: `LIB.NAME`. */
  routines = new Map<string, { parameters: number }>();
  tables = new Map<string, SimulatedTable>();
  /** Told of every exit program added or removed, so the journal can record it (GR A/D). */
  onRegistrationChange?: (change: { subtype: 'A' | 'D'; exitPoint: string; user: string }) => void;

  /** A set-up as docs/ibmi-setup.md describes it, for the agent's profile. */
  static healthy(agentUser: string): SimulatedSystem {
    const system = new SimulatedSystem();
    system.users.set(agentUser, { status: '*ENABLED', specialAuthorities: ['*AUDIT'] });
    system.users.set('QSECOFR', {
      status: '*ENABLED',
      specialAuthorities: [
        '*ALLOBJ',
        '*AUDIT',
        '*IOSYSCFG',
        '*JOBCTL',
        '*SAVSYS',
        '*SECADM',
        '*SERVICE',
        '*SPLCTL',
      ],
    });
    system.journalReaders.add(agentUser);
    return system;
  }

  special(user: string): string[] {
    return this.users.get(user)?.specialAuthorities ?? [];
  }

  hasObject(library: string, name: string, type: string): boolean {
    return this.objects.some((o) => o.library === library && o.name === name && o.type === type);
  }
}

const text = (value: unknown) =>
  value === null || value === undefined ? undefined : String(value).trim().toUpperCase();

/** QSYS2.SYSTEM_VALUE_INFO (system name SYSVALINFO). V: the three columns, types and null rules, *NOTAVL/-1 (IBM 7.5, rzajqviewsysvalinfo.htm). */
export const SYSTEM_VALUE_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'SYSTEM_VALUE_INFO',
  kind: 'view',
  columns: [
    column('SYSTEM_VALUE_NAME', varchar(10)),
    column('CURRENT_NUMERIC_VALUE', bigint(true)),
    column('CURRENT_CHARACTER_VALUE', vargraphic(3840, true)),
  ],
  rows: (_args, { system, user }) => {
    const allowed = system.special(user).some((a) => a === '*ALLOBJ' || a === '*AUDIT');
    return Object.entries(system.systemValues).map(([name, value]) => {
      const hidden = AUDIT_VALUES.has(name) && !allowed;
      const numeric = typeof value === 'number';
      return rowOf({
        SYSTEM_VALUE_NAME: name,
        CURRENT_NUMERIC_VALUE: numeric ? (hidden ? -1n : BigInt(value)) : null,
        CURRENT_CHARACTER_VALUE: numeric ? null : hidden ? '*NOTAVL' : value,
      });
    });
  },
};

/**
 * QSYS2.USER_INFO. V: AUTHORIZATION_NAME and STATUS VARCHAR(10) nullable, and that only
 * profiles the caller has *OBJOPR and *READ to are returned (IBM 7.3/7.4,
 * rzajqviewuserinfo.htm). K: SPECIAL_AUTHORITIES and GROUP_PROFILE_NAME types; that a
 * profile sees its own row (the simulator assumes it does; with *ALLOBJ it sees all).
 */
export const USER_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'USER_INFO',
  kind: 'view',
  columns: [
    column('AUTHORIZATION_NAME', varchar(10, true)),
    column('STATUS', varchar(10, true)),
    column('SPECIAL_AUTHORITIES', varchar(88, true)),
    column('GROUP_PROFILE_NAME', varchar(10, true)),
  ],
  rows: (_args, { system, user }) => {
    const all = system.special(user).includes('*ALLOBJ');
    return [...system.users]
      .filter(([name]) => all || name === user)
      .map(([name, profile]) =>
        rowOf({
          AUTHORIZATION_NAME: name,
          STATUS: profile.status,
          SPECIAL_AUTHORITIES: profile.specialAuthorities.length
            ? profile.specialAuthorities.join(' ')
            : '*NONE',
          GROUP_PROFILE_NAME: '*NONE',
        }),
      );
  },
};

/**
 * QSYS2.OBJECT_STATISTICS(OBJECT_SCHEMA, OBJTYPELIST, OBJECT_NAME). V: the named parameters
 * and OBJNAME VARCHAR(10), OBJTYPE VARCHAR(8), OBJOWNER VARCHAR(10) (IBM 7.3,
 * rzajqudfobjectstat.htm); an object the caller may not see is left out (7.3/7.4).
 */
export const OBJECT_STATISTICS: SimulatedObject = {
  schema: 'QSYS2',
  name: 'OBJECT_STATISTICS',
  kind: 'function',
  columns: [column('OBJNAME', varchar(10)), column('OBJTYPE', varchar(8)), column('OBJOWNER', varchar(10))],
  rows: (args, { system }) => {
    const library = text(args.named.get('OBJECT_SCHEMA') ?? args.positional[0]);
    const types = text(args.named.get('OBJTYPELIST') ?? args.positional[1]);
    const name = text(args.named.get('OBJECT_NAME') ?? args.positional[2]);
    if (!library || !types) throw sqlError('SQL0440', 'OBJECT_STATISTICS', 'QSYS2');
    const wanted =
      types === '*ALL' ? undefined : types.split(/[\s,]+/).map((t) => (t.startsWith('*') ? t : `*${t}`));
    return system.objects
      .filter(
        (o) =>
          o.library === library &&
          (!wanted || wanted.includes(o.type)) &&
          (name === undefined || o.name === name),
      )
      .map((o) => rowOf({ OBJNAME: o.name, OBJTYPE: o.type, OBJOWNER: o.owner }));
  },
};

/**
 * QSYS2.EXIT_PROGRAM_INFO (system name EXIT_PGM). V: these columns and types, no
 * authority needed (IBM 7.3/7.5, rzajqviewexitprograminfo.htm).
 */
export const EXIT_PROGRAM_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'EXIT_PROGRAM_INFO',
  kind: 'view',
  columns: [
    column('EXIT_POINT_NAME', varchar(20)),
    column('EXIT_POINT_FORMAT', char(8)),
    column('REGISTERED', varchar(3)),
    column('COMPLETE', varchar(3)),
    column('EXIT_PROGRAM_NUMBER', integer()),
    column('EXIT_PROGRAM_LIBRARY', varchar(10)),
    column('EXIT_PROGRAM', varchar(10)),
    column('TEXT_DESCRIPTION', varchar(132, true)),
  ],
  rows: (_args, { system }) =>
    system.exitPrograms.map((p) =>
      rowOf({
        EXIT_POINT_NAME: p.exitPoint,
        EXIT_POINT_FORMAT: p.format,
        REGISTERED: 'YES',
        COMPLETE: 'YES',
        EXIT_PROGRAM_NUMBER: p.number,
        EXIT_PROGRAM_LIBRARY: p.library,
        EXIT_PROGRAM: p.program,
        TEXT_DESCRIPTION: p.text || null,
      }),
    ),
};

/**
 * QSYS2.SYSROUTINES: IBM's services the simulator has (table functions) and the procedures
 * created over SQL. V: ROUTINE_SCHEMA, ROUTINE_NAME VARCHAR(128), ROUTINE_TYPE VARCHAR(9)
 * (IBM 7.2 catalog, rbafzcatsysrout.htm).
 */
export const SYSROUTINES: SimulatedObject = {
  schema: 'QSYS2',
  name: 'SYSROUTINES',
  kind: 'view',
  columns: [
    column('ROUTINE_SCHEMA', varchar(128)),
    column('ROUTINE_NAME', varchar(128)),
    column('ROUTINE_TYPE', varchar(9)),
  ],
  rows: (_args, { system, services }) => [
    ...services
      .filter((s) => s.kind === 'function')
      .map((s) => rowOf({ ROUTINE_SCHEMA: s.schema, ROUTINE_NAME: s.name, ROUTINE_TYPE: 'FUNCTION' })),
    ...[...system.routines.keys()].map((key) => {
      const [schema, name] = key.split('.');
      return rowOf({ ROUTINE_SCHEMA: schema, ROUTINE_NAME: name, ROUTINE_TYPE: 'PROCEDURE' });
    }),
  ],
};

/**
 * QSYS2.SYSTABLES: IBM's views the simulator has and the tables created over SQL. K: the
 * columns TABLE_SCHEMA, TABLE_NAME VARCHAR(128) and TABLE_TYPE CHAR(1) (V for view, T for
 * table) as public code uses them; the IBM page was not read.
 */
export const SYSTABLES: SimulatedObject = {
  schema: 'QSYS2',
  name: 'SYSTABLES',
  kind: 'view',
  columns: [
    column('TABLE_SCHEMA', varchar(128)),
    column('TABLE_NAME', varchar(128)),
    column('TABLE_TYPE', char(1)),
  ],
  rows: (_args, { system, services }) => [
    ...services
      .filter((s) => s.kind === 'view')
      .map((s) => rowOf({ TABLE_SCHEMA: s.schema, TABLE_NAME: s.name, TABLE_TYPE: 'V' })),
    ...[...system.tables.keys()].map((key) => {
      const [schema, name] = key.split('.');
      return rowOf({ TABLE_SCHEMA: schema, TABLE_NAME: name, TABLE_TYPE: 'T' });
    }),
  ],
};

export const SYSTEM_OBJECTS: readonly SimulatedObject[] = [
  SYSTEM_VALUE_INFO,
  USER_INFO,
  OBJECT_STATISTICS,
  EXIT_PROGRAM_INFO,
  SYSROUTINES,
  SYSTABLES,
];

/** Statements that change the set-up: the subset `install-exit-points` sends. */
const CHANGE = /^\s*(CREATE|DROP|CALL|GRANT|REVOKE)\b/i;

export const isChange = (sql: string) => CHANGE.test(stripComments(sql));

/**
 * Runs one statement that changes the set-up, far enough to know what was installed: the
 * library, the table and its columns, each procedure and its parameter count, and exit
 * program registrations. SQL PL bodies are not run. Anything else is SQL0104, as a real
 * server answers what it cannot parse.
 */
export function runChange(sql: string, context: Pick<ObjectContext, 'system' | 'jobLog' | 'user'>): void {
  const statement = stripComments(sql).trim();
  for (const [pattern, run] of CHANGES) {
    const match = pattern.exec(statement);
    if (match) {
      run(match, context);
      return;
    }
  }
  throw sqlError('SQL0104', statement.split(/\s+/).slice(0, 2).join(' '), 'SELECT VALUES');
}

type ChangeContext = Pick<ObjectContext, 'system' | 'jobLog' | 'user'>;

function requireLibrary(system: SimulatedSystem, name: string): void {
  if (!system.hasObject('QSYS', name, '*LIB')) throw sqlError('SQL0204', name, '*N', 'LIB');
}

const NAME = '([A-Z0-9$#@_]+)\\.([A-Z0-9$#@_]+)';
const names = (m: RegExpExecArray) => [m[1]!.toUpperCase(), m[2]!.toUpperCase()] as const;

const CHANGES: readonly [RegExp, (m: RegExpExecArray, context: ChangeContext) => void][] = [
  [
    /^CREATE\s+SCHEMA\s+([A-Z0-9$#@_]{1,10})$/i,
    (m, { system, user }) => {
      const name = m[1]!.toUpperCase();
      if (system.hasObject('QSYS', name, '*LIB')) throw sqlError('SQL0601', name, 'QSYS', 'LIB');
      system.objects.push({ library: 'QSYS', name, type: '*LIB', owner: user });
    },
  ],
  [
    new RegExp(`^CREATE\\s+TABLE\\s+${NAME}\\s*\\(([\\s\\S]*)\\)$`, 'i'),
    (m, { system, user }) => {
      const [lib, name] = names(m);
      requireLibrary(system, lib);
      if (system.tables.has(`${lib}.${name}`)) throw sqlError('SQL0601', name, lib, 'FILE');
      const definitions = topLevel(m[3]!)
        .map((part) => part.trim())
        .filter((part) => !/^(PRIMARY|CONSTRAINT|UNIQUE)\b/i.test(part));
      const columns = definitions.map((d) => column(d.split(/\s+/)[0]!.toUpperCase(), columnType(d)));
      // Db2 for i limits a record to 32 766 bytes (IBM, "Database file sizes", 7.4).
      if (rowWidth(columns.map((c) => c.type)) > ROW_LIMIT) throw sqlError('SQL0101');
      const named = (pattern: RegExp) =>
        definitions.filter((d) => pattern.test(d)).map((d) => d.split(/\s+/)[0]!.toUpperCase());
      system.tables.set(
        `${lib}.${name}`,
        new SimulatedTable(lib, name, columns, user, {
          identity: named(/\bGENERATED\s+ALWAYS\s+AS\s+IDENTITY\b/i)[0],
          timestamps: named(/\bDEFAULT\s+CURRENT\s+TIMESTAMP\b/i),
        }),
      );
      system.objects.push({ library: lib, name, type: '*FILE', owner: user });
    },
  ],
  [
    new RegExp(
      `^(?:GRANT|REVOKE)\\s+[\\w\\s,]+\\s+ON\\s+(?:TABLE\\s+)?${NAME}\\s+(?:TO|FROM)\\s+(\\w+)$`,
      'i',
    ),
    (m, { system }) => {
      const [lib, name] = names(m);
      const table = system.tables.get(`${lib}.${name}`);
      if (!table) throw sqlError('SQL0204', name, lib, 'FILE');
      if (/^GRANT\s+(SELECT|ALL)\b/i.test(m[0])) table.readers.add(m[3]!.toUpperCase());
    },
  ],
  [
    new RegExp(
      `^CREATE\\s+(?:OR\\s+REPLACE\\s+)?PROCEDURE\\s+${NAME}\\s*\\(([\\s\\S]*?)\\)\\s+LANGUAGE\\s+SQL\\b[\\s\\S]*\\bPROGRAM\\s+TYPE\\s+MAIN\\b[\\s\\S]*\\bBEGIN\\b[\\s\\S]*\\bEND$`,
      'i',
    ),
    (m, { system, user }) => {
      const [lib, name] = names(m);
      requireLibrary(system, lib);
      // A *PGM gets the procedure's name only when it is a valid system name (10 characters).
      if (name.length > 10)
        throw sqlError('SQL0104', name, 'a name of 10 characters at most (the *PGM name)');
      system.routines.set(`${lib}.${name}`, { parameters: topLevel(m[3]!).length });
      if (!system.hasObject(lib, name, '*PGM'))
        system.objects.push({ library: lib, name, type: '*PGM', owner: user });
    },
  ],
  [
    new RegExp(`^DROP\\s+PROCEDURE\\s+${NAME}$`, 'i'),
    (m, { system }) => {
      const [lib, name] = names(m);
      if (!system.routines.delete(`${lib}.${name}`)) throw sqlError('SQL0204', name, lib, 'N');
      system.objects = system.objects.filter(
        (o) => !(o.library === lib && o.name === name && o.type === '*PGM'),
      );
    },
  ],
  [
    /^CALL\s+QSYS2\.QCMDEXC\s*\(\s*'((?:[^']|'')*)'\s*\)$/i,
    (m, context) => runCommand(m[1]!.replaceAll("''", "'"), context),
  ],
];

/**
 * ADDEXITPGM and RMVEXITPGM through QSYS2.QCMDEXC. A failing command leaves its CPF message
 * in the job log and fails the CALL with SQL0443, as the simulator's other services do. The
 * CPF ids are our guesses (K); the rules (an unknown exit point or format, a number in use,
 * a full exit point, a program not registered) follow the CL pages (V5R4 ADDEXITPGM, V).
 */
function runCommand(command: string, context: ChangeContext): void {
  const { system, jobLog, user } = context;
  const fail = (cpf: string, message: string) => {
    jobLog.add(cpf, 'ESCAPE', 40, message);
    jobLog.add('SQL0443', 'DIAGNOSTIC', 30, 'Trigger program or external routine detected an error.');
    return sqlError('SQL0443');
  };
  const [name = ''] = command.trim().split(/\s+/);
  const keyword = (key: string) =>
    new RegExp(`\\b${key}\\(((?:'[^']*'|[^)])*)\\)`, 'i').exec(command)?.[1]?.trim();
  const point = keyword('EXITPNT')?.toUpperCase();
  const format = keyword('FORMAT')?.toUpperCase();
  const number = Number(keyword('PGMNBR'));
  if (!point || !format || !Number.isInteger(number) || number < 1) {
    throw fail('CPD0071', `Required parameter missing or not valid in ${name.toUpperCase()}.`);
  }
  const registered = REGISTRATION_FACILITY.find((e) => e.exitPoint === point && e.format === format);
  if (!registered) throw fail('CPF83D3', `Exit point ${point} format ${format} not found.`);
  const at = system.exitPrograms.filter((p) => p.exitPoint === point && p.format === format);
  switch (name.toUpperCase()) {
    case 'ADDEXITPGM': {
      const [library, program] = (keyword('PGM') ?? '').toUpperCase().split('/');
      if (!library || !program) throw fail('CPD0071', 'Required parameter PGM missing.');
      if (at.some((p) => p.number === number)) {
        throw fail('CPF83C3', `Exit program number ${number} already exists for exit point ${point}.`);
      }
      if (registered.max !== null && at.length >= registered.max) {
        throw fail('CPF83CF', `Maximum number of exit programs reached for exit point ${point}.`);
      }
      const text = keyword('TEXT')?.replace(/^'|'$/g, '') ?? '';
      system.exitPrograms.push({ exitPoint: point, format, number, library, program, text });
      system.onRegistrationChange?.({ subtype: 'A', exitPoint: point, user });
      return;
    }
    case 'RMVEXITPGM': {
      if (!at.some((p) => p.number === number)) {
        throw fail('CPF83C4', `Exit program number ${number} not found for exit point ${point}.`);
      }
      system.exitPrograms = system.exitPrograms.filter(
        (p) => !(p.exitPoint === point && p.format === format && p.number === number),
      );
      system.onRegistrationChange?.({ subtype: 'D', exitPoint: point, user });
      return;
    }
    default:
      throw fail('CPD0030', `Command ${name} not allowed in the simulated IBM i.`);
  }
}

/** The type of one column definition (`NAME TYPE [NOT NULL] …`), for the types the install uses. */
function columnType(definition: string): SqlType {
  const m = /^\S+\s+(BIGINT|INTEGER|TIMESTAMP|CHAR|VARCHAR|VARGRAPHIC)\b(?:\s*\((\d+)\))?/i.exec(definition);
  if (!m) throw sqlError('SQL0104', definition.split(/\s+/)[1] ?? definition, 'a data type');
  const nullable = !/\bNOT\s+NULL\b|\bGENERATED\b/i.test(definition);
  const length = Number(m[2] ?? 1);
  switch (m[1]!.toUpperCase()) {
    case 'BIGINT':
      return bigint(nullable);
    case 'INTEGER':
      return integer(nullable);
    case 'TIMESTAMP':
      return timestamp(nullable);
    case 'CHAR':
      return char(length, nullable);
    case 'VARCHAR':
      return varchar(length, nullable);
    default:
      return vargraphic(length, nullable);
  }
}

function stripComments(sql: string): string {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n');
}

/** The comma-separated parts of a list, not splitting inside parentheses or quotes. */
function topLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const c of list) {
    if (c === "'") quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === ',') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current);
  return parts;
}
