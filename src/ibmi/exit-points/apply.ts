/**
 * Runs an install or uninstall plan over the agent's Db2 connection, one statement at a
 * time, and says what it did. Before it changes anything it reads what is already there,
 * so a second run skips what the first one did, and a statement that fails stops the rest
 * of its exit program (a failure of the library or the table stops everything).
 */
import { jobLogReason } from '../db2/job-log.js';
import { type Db2Connection, sqlFailureOf } from '../db2/port.js';
import { LOG_TABLE, type PlanStep, PROGRAM_NUMBER } from './sql.js';

export interface ApplyResult {
  ran: number;
  skipped: number;
  failed: number;
}

interface Installed {
  library: boolean;
  table: boolean;
  /** `EXITPOINT/FORMAT` where our program is registered at PROGRAM_NUMBER. */
  registered: Set<string>;
}

async function installed(connection: Db2Connection, library: string): Promise<Installed> {
  const lib = await connection.query(
    "SELECT OBJNAME FROM TABLE(QSYS2.OBJECT_STATISTICS(OBJECT_SCHEMA => 'QSYS', OBJTYPELIST => '*LIB', OBJECT_NAME => ?)) AS O",
    [library],
  );
  const table = await connection.query(
    'SELECT TABLE_NAME FROM QSYS2.SYSTABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [library, LOG_TABLE],
  );
  const programs = await connection.query(
    'SELECT EXIT_POINT_NAME, EXIT_POINT_FORMAT, EXIT_PROGRAM_NUMBER FROM QSYS2.EXIT_PROGRAM_INFO WHERE EXIT_PROGRAM_LIBRARY = ?',
    [library],
  );
  return {
    library: lib.rows.length > 0,
    table: table.rows.length > 0,
    registered: new Set(
      programs.rows
        .filter((r) => Number(r['EXIT_PROGRAM_NUMBER']) === PROGRAM_NUMBER)
        .map((r) => `${String(r['EXIT_POINT_NAME']).trim()}/${String(r['EXIT_POINT_FORMAT']).trim()}`),
    ),
  };
}

function skip(step: PlanStep, state: Installed): boolean {
  const key = step.program && `${step.program.exitPoint}/${step.program.format}`;
  switch (step.skipWhen) {
    case 'library-exists':
      return state.library;
    case 'table-exists':
      return state.table;
    case 'program-registered':
      return key !== undefined && state.registered.has(key);
    case 'program-not-registered':
      return key !== undefined && !state.registered.has(key);
    default:
      return false;
  }
}

export async function applyPlan(
  connection: Db2Connection,
  steps: readonly PlanStep[],
  library: string,
  say: (line: string) => void,
): Promise<ApplyResult> {
  const state = await installed(connection, library);
  const result: ApplyResult = { ran: 0, skipped: 0, failed: 0 };
  const brokenPrograms = new Set<string>();
  const firstLine = (step: PlanStep) =>
    step.kind === 'cl' ? step.text : (step.text.split('\n').find((l) => !l.startsWith('--')) ?? '');
  for (const [index, step] of steps.entries()) {
    if (step.program && brokenPrograms.has(step.program.program)) {
      say(`skipped  ${firstLine(step)} (an earlier statement of ${step.program.exitPoint} failed)`);
      result.skipped++;
      continue;
    }
    if (skip(step, state)) {
      say(`skipped  ${firstLine(step)} (already so)`);
      result.skipped++;
      continue;
    }
    try {
      await connection.query(step.sql);
      say(`done     ${firstLine(step)}`);
      result.ran++;
    } catch (error) {
      const failure = sqlFailureOf(error);
      if (!failure) throw error;
      const reason = await jobLogReason(connection);
      say(
        `FAILED   ${firstLine(step)}: ${failure.message} (SQLSTATE ${failure.sqlState ?? '-'}, SQLCODE ${failure.sqlCode ?? '-'})${reason ? `; job log: ${reason}` : ''}`,
      );
      result.failed++;
      if (!step.program) {
        say(`stopped: ${steps.length - index - 1} statements not run`);
        break;
      }
      brokenPrograms.add(step.program.program);
    }
  }
  return result;
}
