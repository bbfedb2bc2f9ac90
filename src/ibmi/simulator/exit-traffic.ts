import { LOG_TABLE } from '../exit-points/sql.js';
import { messageTimestamp } from './message-traffic.js';
import { Random, type SimulatedEntry } from './scenario.js';
import type { SqlValue } from './sql-types.js';
import type { SimulatedSystem } from './system.js';

/**
 * The rows AuditRelay's exit programs write while the journal's server jobs work, once
 * `install-exit-points` has created the log table and registered a program: an ODBC client
 * connecting and running SQL against the files its journal entries name (QZDASOINIT), remote
 * commands and program calls (QZRCSRVS), FTP sessions that fetch members and a save file
 * (QTFTP…), sign-on server requests, brute force included (QZSOSIGN). Seeded apart from the
 * journal's generator, so journals stay what they were.
 *
 * A row holds what the installed program logs (src/ibmi/exit-points/catalog.ts names each
 * column's IBM field): server ids, function and operation numbers are IBM's (V, pages in the
 * catalog); statements and commands are ours. SQL PL is not run: the simulator writes the
 * row the program would write.
 */
const SQL_FUNCTIONS = { execute: 0x1806, prepareAndExecute: 0x180d, connect: 0x1809 } as const;
const REMOTE_COMMAND = 0x1002;
const PROGRAM_CALL = 0x1003;
const FTP_SERVER = 1;
const FTP = { start: 0, list: 4, get: 6, put: 7, command: 9 } as const;
const SIGNON = { start: 0x7002, retrieve: 0x7004, changePassword: 0x7005 } as const;

/** Database server jobs remembered as connected; older ones connect again. */
const CONNECTED_JOBS = 256;

export class ExitPointTraffic {
  private readonly random: Random;
  private readonly connected: string[] = [];

  constructor(
    private readonly system: SimulatedSystem,
    seed: number,
  ) {
    this.random = new Random((seed ^ 0xe417) >>> 0);
  }

  /** The rows that follow one journal entry, at its time (`YYYY-MM-DD-HH.MM.SS.ffffff`). */
  after(entry: SimulatedEntry, journalTimestamp: string): void {
    const { heading, object } = entry;
    if (heading.journalCode !== 'T') return;
    const jobName = String(heading.jobName ?? '');
    const user = String(heading.currentUser ?? '');
    const base = {
      LOGGED_AT: messageTimestamp(journalTimestamp),
      JOB_NAME: `${heading.jobNumber}/${heading.jobUser}/${jobName}`,
      USER_NAME: user,
      REMOTE_ADDRESS: String(heading.remoteAddress ?? '') || null,
    };
    const r = this.random;
    if (jobName === 'QZDASOINIT' && object) {
      if (!this.connected.includes(base.JOB_NAME)) {
        this.connected.push(base.JOB_NAME);
        if (this.connected.length > CONNECTED_JOBS) this.connected.shift();
        this.write('QIBM_QZDA_INIT', {
          ...base,
          SERVER_ID: '*SQL',
          FUNCTION_ID: 0,
          DETAIL: r.pick(['IBM i Access ODBC Driver', 'IBM Toolbox for Java', 'IBM i Access .NET Provider']),
        });
      }
      const table = `${object.library}.${object.object}`;
      const statement =
        entry.heading.entryType === 'ZC'
          ? `UPDATE ${table} SET LAST_CHANGED = CURRENT TIMESTAMP WHERE ID = ${r.int(1, 99999)}`
          : `SELECT * FROM ${table} WHERE ID > ${r.int(0, 500)} FETCH FIRST ${r.int(10, 1000)} ROWS ONLY`;
      this.write('QIBM_QZDA_SQL2', {
        ...base,
        SERVER_ID: '*SQLSRV',
        FUNCTION_ID: r.pick([SQL_FUNCTIONS.execute, SQL_FUNCTIONS.prepareAndExecute]),
        OBJECT_LIBRARY: object.library,
        STATEMENT_LENGTH: statement.length,
        STATEMENT_TEXT: statement,
      });
      return;
    }
    if (jobName === 'QZRCSRVS') {
      if (r.next() < 0.3) {
        this.write('QIBM_QZRC_RMT', {
          ...base,
          SERVER_ID: '*RMTSRV',
          FUNCTION_ID: PROGRAM_CALL,
          OBJECT_NAME: 'PAYCALC',
          OBJECT_LIBRARY: 'PAYROLL',
        });
        return;
      }
      const command = r.pick([
        `DSPUSRPRF USRPRF(${user})`,
        'WRKACTJOB SBS(QINTER)',
        object
          ? `CPYF FROMFILE(${object.library}/${object.object}) TOFILE(QTEMP/EXPORT) CRTFILE(*YES)`
          : 'DSPSYSVAL SYSVAL(QSECURITY)',
        `CHGUSRPRF USRPRF(${user}) TEXT('Updated remotely')`,
      ]);
      this.write('QIBM_QZRC_RMT', {
        ...base,
        SERVER_ID: '*RMTSRV',
        FUNCTION_ID: REMOTE_COMMAND,
        STATEMENT_LENGTH: command.length,
        STATEMENT_TEXT: command,
      });
      return;
    }
    if (jobName.startsWith('QTFTP')) {
      const ftp = (operation: number, info: string) =>
        this.write('QIBM_QTMF_SERVER_REQ', {
          ...base,
          SERVER_ID: String(FTP_SERVER),
          FUNCTION_ID: operation,
          STATEMENT_LENGTH: info.length,
          STATEMENT_TEXT: info,
        });
      ftp(FTP.start, '10.20.0.1');
      if (object?.objectType === '*FILE') {
        const member = `/QSYS.LIB/${object.library}.LIB/${object.object}.FILE/${object.object}.MBR`;
        ftp(entry.heading.entryType === 'ZC' ? FTP.put : FTP.get, member);
      } else if (r.next() < 0.5) {
        // The save file an insider takes home: the "FTP GET of a save file".
        ftp(FTP.list, '/QSYS.LIB/QGPL.LIB');
        ftp(FTP.get, '/QSYS.LIB/QGPL.LIB/PAYSAV.FILE');
      } else {
        ftp(FTP.command, 'RCMD SBMJOB CMD(CALL PGM(PAYROLL/PAYCALC))');
      }
      return;
    }
    if (jobName === 'QZSOSIGN') {
      const signon = (fn: number) =>
        this.write('QIBM_QZSO_SIGNONSRV', { ...base, SERVER_ID: '*SIGNON', FUNCTION_ID: fn });
      if (entry.heading.entryType === 'PW') signon(SIGNON.start);
      else signon(r.next() < 0.1 ? SIGNON.changePassword : SIGNON.retrieve);
    }
  }

  /** Writes the row when a program of ours is registered at the exit point and its log exists. */
  private write(exitPoint: string, values: Record<string, SqlValue>): void {
    for (const p of this.system.exitPrograms) {
      if (p.exitPoint !== exitPoint || !this.system.routines.has(`${p.library}.${p.program}`)) continue;
      const log = this.system.tables.get(`${p.library}.${LOG_TABLE}`);
      if (!log) continue;
      log.insert({ ...values, EXIT_POINT: exitPoint, EXIT_FORMAT: p.format });
      return;
    }
  }
}
