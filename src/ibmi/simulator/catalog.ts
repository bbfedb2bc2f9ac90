/**
 * The slices of the Db2 for i catalog that `auditrelay ibmi probe` reads: the result columns
 * of DISPLAY_JOURNAL (SYSIBM.SQLFUNCTIONCOLS) and the fields of the *TYPE5 model outfile
 * QSYS/QADSPJR5 (QSYS2.SYSCOLUMNS). The probe exists because neither list could be read
 * on an IBM page; what the simulator answers here only exercises the probe.
 */
import { DISPLAY_JOURNAL_RESULT } from './display-journal.js';
import { column, rowOf, type SimulatedObject } from './objects.js';
import { char, integer, smallint, varchar } from './sql-types.js';

/**
 * SYSIBM.SQLFUNCTIONCOLS: one row per parameter and result column of a function; a table
 * function's result columns have COLUMN_TYPE 5 (IBM, catalog views, 7.3,
 * rbafzcatsqlfunctionparms.htm). Types of the columns are ours (K). Only DISPLAY_JOURNAL's
 * result columns are simulated.
 */
export const SQLFUNCTIONCOLS: SimulatedObject = {
  schema: 'SYSIBM',
  name: 'SQLFUNCTIONCOLS',
  kind: 'view',
  columns: [
    column('FUNCTION_SCHEM', varchar(128)),
    column('FUNCTION_NAME', varchar(128)),
    column('COLUMN_NAME', varchar(128)),
    column('COLUMN_TYPE', smallint()),
    column('TYPE_NAME', varchar(128)),
    column('COLUMN_SIZE', integer(true)),
    column('DECIMAL_DIGITS', smallint(true)),
    column('IS_NULLABLE', varchar(3)),
    column('ORDINAL_POSITION', integer()),
  ],
  rows: (_args, { release }) =>
    DISPLAY_JOURNAL_RESULT.filter((c) => !release.missing.includes(`QSYS2.DISPLAY_JOURNAL.${c.name}`)).map(
      (c, i) =>
        rowOf({
          FUNCTION_SCHEM: 'QSYS2',
          FUNCTION_NAME: 'DISPLAY_JOURNAL',
          COLUMN_NAME: c.name,
          COLUMN_TYPE: 5,
          TYPE_NAME: c.type.name,
          COLUMN_SIZE: c.type.length,
          DECIMAL_DIGITS: c.type.scale ?? null,
          IS_NULLABLE: c.type.nullable ? 'YES' : 'NO',
          ORDINAL_POSITION: i + 1,
        }),
    ),
};

/**
 * QADSPJR5's fields: name, Db2 type, length, scale. The sizes follow IBM's *TYPE5 heading
 * table (rzarlf01.htm, read to offset 126; the rest adds up to IBM's 609-byte heading);
 * the field names are recalled, not read on an IBM page (K).
 */
const QADSPJR5: readonly [name: string, type: string, length: number, scale?: number][] = [
  ['JOENTL', 'NUMERIC', 5, 0],
  ['JOSEQN', 'CHAR', 20],
  ['JOCODE', 'CHAR', 1],
  ['JOENTT', 'CHAR', 2],
  ['JOTSTP', 'CHAR', 26],
  ['JOJOB', 'CHAR', 10],
  ['JOUSER', 'CHAR', 10],
  ['JONBR', 'NUMERIC', 6, 0],
  ['JOPGM', 'CHAR', 10],
  ['JOPGMLIB', 'CHAR', 10],
  ['JOPGMDEV', 'CHAR', 10],
  ['JOPGMASP', 'NUMERIC', 5, 0],
  ['JOOBJ', 'CHAR', 10],
  ['JOLIB', 'CHAR', 10],
  ['JOMBR', 'CHAR', 10],
  ['JOCTRR', 'CHAR', 20],
  ['JOFLAG', 'CHAR', 1],
  ['JOCCID', 'CHAR', 20],
  ['JOUSPF', 'CHAR', 10],
  ['JOSYNM', 'CHAR', 8],
  ['JOJID', 'CHAR', 10],
  ['JORCST', 'CHAR', 1],
  ['JOTGR', 'CHAR', 1],
  ['JOINCDAT', 'CHAR', 1],
  ['JOIGNAPY', 'CHAR', 1],
  ['JOMINESD', 'CHAR', 1],
  ['JOOBJIND', 'CHAR', 1],
  ['JOSYSSEQ', 'CHAR', 20],
  ['JORCV', 'CHAR', 10],
  ['JORCVLIB', 'CHAR', 10],
  ['JORCVDEV', 'CHAR', 10],
  ['JORCVASP', 'NUMERIC', 5, 0],
  ['JOARM', 'NUMERIC', 5, 0],
  ['JOTHDX', 'BINARY', 8],
  ['JOTHD', 'CHAR', 16],
  ['JOADF', 'CHAR', 1],
  ['JORPORT', 'NUMERIC', 5, 0],
  ['JORADR', 'CHAR', 46],
  ['JOLUW', 'CHAR', 39],
  ['JOXID', 'CHAR', 140],
  ['JOOBJTYP', 'CHAR', 7],
  ['JOFILTYP', 'CHAR', 1],
  ['JOCMTLVL', 'CHAR', 7],
  ['JORES', 'CHAR', 59],
  ['JOESD', 'CHAR', 32_766],
];

/** QSYS2.SYSCOLUMNS (IBM catalog, 7.3); only QSYS/QADSPJR5 is simulated. */
export const SYSCOLUMNS: SimulatedObject = {
  schema: 'QSYS2',
  name: 'SYSCOLUMNS',
  kind: 'view',
  columns: [
    column('COLUMN_NAME', varchar(128)),
    column('TABLE_NAME', varchar(128)),
    column('TABLE_SCHEMA', varchar(128)),
    column('ORDINAL_POSITION', integer()),
    column('DATA_TYPE', varchar(8)),
    column('LENGTH', integer()),
    column('NUMERIC_SCALE', integer(true)),
    column('IS_NULLABLE', char(1)),
    column('SYSTEM_COLUMN_NAME', char(10)),
    column('SYSTEM_TABLE_NAME', char(10)),
    column('SYSTEM_TABLE_SCHEMA', char(10)),
  ],
  rows: () =>
    QADSPJR5.map(([name, type, length, scale], i) =>
      rowOf({
        COLUMN_NAME: name,
        TABLE_NAME: 'QADSPJR5',
        TABLE_SCHEMA: 'QSYS',
        ORDINAL_POSITION: i + 1,
        DATA_TYPE: type,
        LENGTH: length,
        NUMERIC_SCALE: scale ?? null,
        IS_NULLABLE: 'N',
        SYSTEM_COLUMN_NAME: name,
        SYSTEM_TABLE_NAME: 'QADSPJR5',
        SYSTEM_TABLE_SCHEMA: 'QSYS',
      }),
    ),
};
