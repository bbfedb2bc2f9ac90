/**
 * The SQL and CL that install and remove AuditRelay's exit programs. Pure: builds text only.
 *
 * UNVERIFIED ON A REAL IBM i: that Db2 for i builds an SQL procedure with PROGRAM TYPE MAIN
 * into a *PGM that an exit point can call with its own parameter list (no SQL indicator
 * arguments), and that the generated program does not read past the storage the caller
 * passed for a parameter declared longer than the request. IBM documents neither; every
 * generated procedure says so in its header. See docs/ibmi-setup.md.
 */
import type { Decode, ExitProgram, LogColumn, Parameter } from './catalog.js';

/** The log table: one row per call; ENTRY_ID (identity) is the position a reader resumes at. */
export const LOG_TABLE = 'EXIT_LOG';

/** ADDEXITPGM's program number: fixed, so uninstall needs no lookup, and REPLACE(*NO) never replaces another program. */
export const PROGRAM_NUMBER = 9901;

const LOG_COLUMN_TYPES: Record<LogColumn, string> = {
  USER_NAME: 'VARCHAR(10)',
  SERVER_ID: 'VARCHAR(10)',
  FUNCTION_ID: 'INTEGER',
  REMOTE_ADDRESS: 'VARCHAR(45)',
  OBJECT_LIBRARY: 'VARCHAR(128)',
  OBJECT_NAME: 'VARCHAR(256)',
  OBJECT_MEMBER: 'VARCHAR(20)',
  PATH_NAME: 'VARGRAPHIC(2048) CCSID 1200',
  STATEMENT_LENGTH: 'INTEGER',
  STATEMENT_TEXT: 'VARCHAR(16000)',
  DETAIL: 'VARCHAR(512)',
};

export function logTableSql(library: string): string {
  const columns = [
    'ENTRY_ID BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 NO CYCLE)',
    'LOGGED_AT TIMESTAMP NOT NULL DEFAULT CURRENT TIMESTAMP',
    'EXIT_POINT VARCHAR(20) NOT NULL',
    'EXIT_FORMAT CHAR(8) NOT NULL',
    'JOB_NAME VARCHAR(28)',
    ...Object.entries(LOG_COLUMN_TYPES).map(([name, type]) => `${name} ${type}`),
    'PRIMARY KEY (ENTRY_ID)',
  ];
  return `CREATE TABLE ${library}.${LOG_TABLE} (\n  ${columns.join(',\n  ')}\n)`;
}

const isInteger = (parameter: Parameter | undefined) => parameter?.type === 'INTEGER';

/** The SQL expression of a logged value. Offsets are IBM's (from 0); SUBSTR counts from 1. */
function expression(program: ExitProgram, decode: Decode, column: LogColumn): string {
  const parameter = (name: string) => {
    const found = program.parameters.find((p) => p.name === name);
    if (!found) throw new Error(`${program.program}: no parameter ${name}`);
    return found;
  };
  switch (decode.kind) {
    case 'param': {
      const p = parameter(decode.param);
      if (!isInteger(p)) return `RTRIM(${p.name})`;
      return LOG_COLUMN_TYPES[column] === 'INTEGER' ? p.name : `CAST(${p.name} AS VARCHAR(10))`;
    }
    case 'char':
      return `RTRIM(INTERPRET(SUBSTR(${parameter(decode.param).name}, ${decode.offset + 1}, ${decode.length}) AS CHAR(${decode.length})))`;
    case 'int':
      return `INTERPRET(SUBSTR(${parameter(decode.param).name}, ${decode.offset + 1}, 4) AS INTEGER)`;
    case 'text': {
      const length =
        decode.length.offset === undefined
          ? parameter(decode.length.param).name
          : expression(
              program,
              { kind: 'int', param: decode.length.param, offset: decode.length.offset },
              column,
            );
      const bytes = `SUBSTR(${parameter(decode.param).name}, ${decode.offset + 1}, MIN(MAX(${length}, 0), ${decode.max}))`;
      const as =
        decode.ccsid === 1200
          ? `GRAPHIC(${decode.max / 2}) CCSID 1200`
          : `CHAR(${decode.max})${decode.ccsid ? ` CCSID ${decode.ccsid}` : ''}`;
      return `RTRIM(INTERPRET(${bytes} AS ${as}))`;
    }
  }
}

/** The CREATE PROCEDURE of one exit program, with its provenance as comments. */
export function procedureSql(program: ExitProgram, library: string): string {
  const functionField = program.fields.find((f) => f.column === 'FUNCTION_ID');
  const columns = ['EXIT_POINT', 'EXIT_FORMAT', 'JOB_NAME'];
  const values = [`'${program.exitPoint}'`, `'${program.format}'`, 'QSYS2.JOB_NAME'];
  if (program.clientFromJob) {
    columns.push('REMOTE_ADDRESS');
    values.push('LEFT(SYSIBM.CLIENT_IPADDR, 45)');
  }
  for (const field of program.fields) {
    let value = expression(program, field.value, field.column);
    if (field.onlyFunction !== undefined && functionField) {
      const fn = expression(program, functionField.value, 'FUNCTION_ID');
      value = `CASE WHEN ${fn} = ${field.onlyFunction} THEN ${value} END`;
    }
    columns.push(field.column);
    values.push(value);
  }
  const comment = (lines: readonly string[]) => lines.map((l) => `  -- ${l}`).join('\n');
  return [
    `CREATE OR REPLACE PROCEDURE ${library}.${program.program} (`,
    program.parameters
      .map(
        (p, i) =>
          `  ${p.mode} ${p.name} ${p.type}${i < program.parameters.length - 1 ? ',' : ''} -- ${i + 1}: ${p.what}`,
      )
      .join('\n'),
    ')',
    '  LANGUAGE SQL',
    `  SPECIFIC ${library}.${program.program}`,
    '  NOT DETERMINISTIC',
    '  MODIFIES SQL DATA',
    '  PROGRAM TYPE MAIN',
    '  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER',
    'BEGIN',
    // Inside the body, so the routine's source on the IBM i keeps its provenance.
    comment([
      `${program.exitPoint} format ${program.format}: ${program.title}.`,
      'Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).',
      'NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as',
      'an exit program with the parameter list above. Test it on a non-production system first.',
      ...(program.caution ? [`CAUTION: ${program.caution}`] : []),
      'Sources:',
      ...program.provenance.map((p) => `  ${p}`),
      'Logged fields:',
      ...program.fields.map((f) => `  ${f.column}: ${f.ibm}`),
      ...(program.clientFromJob
        ? [
            '  REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)',
          ]
        : []),
    ]),
    '  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;',
    ...program.allow.split('; ').map((s) => `  ${s};`),
    `  INSERT INTO ${library}.${LOG_TABLE} (${columns.join(', ')})`,
    `    VALUES (\n      ${values.join(',\n      ')});`,
    'END',
  ].join('\n');
}

export interface PlanStep {
  /** What an admin reads: the SQL statement, or the CL command. */
  text: string;
  kind: 'sql' | 'cl';
  /** What is sent over the connection (CL goes through QSYS2.QCMDEXC). */
  sql: string;
  /** At run time the step is left out when this is already so. */
  skipWhen?: 'library-exists' | 'table-exists' | 'program-registered' | 'program-not-registered';
  program?: ExitProgram;
}

const sqlStep = (text: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  text,
  kind: 'sql',
  sql: text,
  ...extra,
});
const clStep = (command: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  text: command,
  kind: 'cl',
  sql: `CALL QSYS2.QCMDEXC('${command.replaceAll("'", "''")}')`,
  ...extra,
});

export interface InstallOptions {
  library: string;
  /** The agent's profile: it gets SELECT on the log table. */
  agentUser: string;
  programs: readonly ExitProgram[];
}

export function installPlan(options: InstallOptions): PlanStep[] {
  const { library, agentUser, programs } = options;
  return [
    sqlStep(`CREATE SCHEMA ${library}`, { skipWhen: 'library-exists' }),
    sqlStep(logTableSql(library), { skipWhen: 'table-exists' }),
    // Only the exit programs (adopting the owner's authority) and the agent touch the log.
    sqlStep(`REVOKE ALL ON ${library}.${LOG_TABLE} FROM PUBLIC`),
    sqlStep(`GRANT SELECT ON ${library}.${LOG_TABLE} TO ${agentUser}`),
    ...programs.map((program) => sqlStep(procedureSql(program, library), { program })),
    ...programs.map((program) =>
      clStep(
        `ADDEXITPGM EXITPNT(${program.exitPoint}) FORMAT(${program.format}) PGMNBR(${PROGRAM_NUMBER}) PGM(${library}/${program.program}) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)`,
        { skipWhen: 'program-registered', program },
      ),
    ),
  ];
}

export function uninstallPlan(options: Omit<InstallOptions, 'agentUser'>): PlanStep[] {
  const { library, programs } = options;
  return [
    ...programs.map((program) =>
      clStep(`RMVEXITPGM EXITPNT(${program.exitPoint}) FORMAT(${program.format}) PGMNBR(${PROGRAM_NUMBER})`, {
        skipWhen: 'program-not-registered',
        program,
      }),
    ),
    ...programs.map((program) => sqlStep(`DROP PROCEDURE ${library}.${program.program}`, { program })),
  ];
}

/** The server jobs to restart so the servers call (or stop calling) the programs, once each. */
export function restartCommands(programs: readonly ExitProgram[]): string[] {
  return [...new Set(programs.flatMap((p) => p.restart))];
}
