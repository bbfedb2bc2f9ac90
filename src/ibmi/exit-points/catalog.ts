import { AuditRelayError } from '../../core/errors.js';

/**
 * The monitor-only exit programs AuditRelay ships: for each network exit point, its
 * parameter list and where each logged value sits, transcribed from IBM's pages (offsets
 * are IBM's decimal offsets from 0; the generated SQL adds 1 for SUBSTR). The provenance of
 * every field is kept here and printed into the SQL; V = read on the page named, K = not
 * confirmed on an IBM page (see /work/research/exit-points.md and docs/ibmi-setup.md).
 *
 * Not shipped, on purpose:
 * - QIBM_QHQ_DTAQ (DTAQ0100): the original data queue server; its layout is on no IBM page
 *   we could read. Current clients use the sockets data queue server, QIBM_QZHQ_DATA_QUEUE
 *   (ZHQ00100), which is shipped instead.
 * - QIBM_QDDM: DDM/DRDA access control is not a registration-facility exit point; the
 *   program is named by the network attribute DDMACC (CHGNETA), which holds one program for
 *   the whole system, and its structure after offset 60 could not be read.
 * - QIBM_QRQ_SQL: no IBM documentation found.
 */

/** Where a logged value comes from. */
export type Decode =
  /** A parameter as declared (an INTEGER, or a CHAR(10) in the job CCSID). */
  | { kind: 'param'; param: string }
  /** CHAR(length) at offset of a FOR BIT DATA parameter, in the job CCSID, trailing blanks cut. */
  | { kind: 'char'; param: string; offset: number; length: number }
  /** BINARY(4) at offset. */
  | { kind: 'int'; param: string; offset: number }
  /**
   * Text of a length given elsewhere (a BINARY(4) at `lengthAt` in the same parameter, or
   * an INTEGER parameter), cut at `max` bytes; `ccsid` 1200 for UTF-16, otherwise the job CCSID.
   */
  | {
      kind: 'text';
      param: string;
      offset: number;
      length: { param: string; offset?: number };
      max: number;
      ccsid?: 1200 | 1208;
    };

/** The columns of the log table an exit program fills (see logTable in sql.ts). */
export type LogColumn =
  | 'USER_NAME'
  | 'SERVER_ID'
  | 'FUNCTION_ID'
  | 'REMOTE_ADDRESS'
  | 'OBJECT_LIBRARY'
  | 'OBJECT_NAME'
  | 'OBJECT_MEMBER'
  | 'PATH_NAME'
  | 'STATEMENT_LENGTH'
  | 'STATEMENT_TEXT'
  | 'DETAIL';

export interface Parameter {
  name: string;
  /** The SQL parameter declaration (type), sized to what the program reads. */
  type: string;
  mode: 'IN' | 'OUT' | 'INOUT';
  what: string;
}

export interface LoggedField {
  column: LogColumn;
  value: Decode;
  /** Logged only for this requested function (the field means something else for others). */
  onlyFunction?: number;
  /** IBM's name of the field, its type, and where the layout was read. */
  ibm: string;
}

export interface ExitProgram {
  exitPoint: string;
  format: string;
  /** The SQL procedure and *PGM name (10 characters at most, so both names are the same). */
  program: string;
  title: string;
  parameters: readonly Parameter[];
  /** The assignment that answers "allow", run before anything else. */
  allow: string;
  /** Host-server exit programs get the client address from the job (they have none in their format). */
  clientFromJob: boolean;
  fields: readonly LoggedField[];
  /** What must be restarted before the server calls the program (CL). */
  restart: readonly string[];
  provenance: readonly string[];
  /** Installed unless the admin names the exit points to install. */
  byDefault: boolean;
  caution?: string;
}

/** The host servers' two parameters: a 1-byte answer and the request structure. */
const hostParameters = (length: number, what: string): Parameter[] => [
  {
    name: 'RETURN_CODE',
    type: 'CHAR(1)',
    mode: 'INOUT',
    what: "answer: X'F0' ('0') rejects, anything else allows; we set '1'",
  },
  { name: 'REQUEST', type: `CHAR(${length}) FOR BIT DATA`, mode: 'IN', what },
];

const HOST_ALLOW = "SET RETURN_CODE = '1'";

/** Offsets 0-31 shared by the ZDA*, CZRC, ZSOY and ZHQ formats (user, server id, format, function). */
const header = (source: string): LoggedField[] => [
  { column: 'USER_NAME', value: char(0, 10), ibm: `user profile CHAR(10) @0 (${source})` },
  { column: 'SERVER_ID', value: char(10, 10), ibm: `server identifier CHAR(10) @10 (${source})` },
  { column: 'FUNCTION_ID', value: int(28), ibm: `requested function BINARY(4) @28 (${source})` },
];

function char(offset: number, length: number, param = 'REQUEST'): Decode {
  return { kind: 'char', param, offset, length };
}
function int(offset: number, param = 'REQUEST'): Decode {
  return { kind: 'int', param, offset };
}

const PRESTART = (program: string) => [
  `ENDPJ SBS(QUSRWRK) PGM(QSYS/${program}) OPTION(*IMMED)`,
  `STRPJ SBS(QUSRWRK) PGM(QSYS/${program})`,
];
const DATABASE_RESTART = [...PRESTART('QZDASOINIT'), ...PRESTART('QZDASSINIT')];

const S = {
  zda74: "IBM i 7.4 rzaikodbcexitprog.htm: two parameters, X'F0' rejects (V)",
  zdai73: 'IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V)',
  zdaq72: 'IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V)',
  zdad54: 'V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K)',
  zdar54: 'V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K)',
  czrc75: 'IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V)',
  pwfs72: 'IBM i 7.2 and V5R4 "File server", PWFS0100 (V)',
  zsoy54: 'V5R4 rzaiimstexsignon.htm, ZSOY0100 (V)',
  zhq54: 'V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V)',
  vlrq74: 'IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V)',
  tcpl54: 'V5R4 rzaiql0100.htm, TCPL0100 (V)',
  init74:
    'IBM i 7.4 rzaiwdevinit.htm, INIT0100 parameters (V); connection description offsets from the V5R4 QSYSINC header ETGDEVEX (K on 7.x)',
};

export const EXIT_PROGRAMS: readonly ExitProgram[] = [
  {
    exitPoint: 'QIBM_QZDA_INIT',
    format: 'ZDAI0100',
    program: 'ARZDAINIT',
    title: 'database server: a client connects (ODBC, JDBC, OLE DB, .NET)',
    parameters: hostParameters(285, 'ZDAI0100, 285 bytes'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.zdai73),
      { column: 'DETAIL', value: char(95, 127), ibm: `interface name CHAR(127) @95 (${S.zdai73})` },
    ],
    restart: DATABASE_RESTART,
    provenance: [
      S.zda74,
      S.zdai73,
      'the interface fields at 32-284 arrived in 6.1 (K); on V5R4 the format ended at 32',
    ],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZDA_SQL2',
    format: 'ZDAQ0200',
    program: 'ARZDASQL2',
    title: 'database server: SQL requests, with the full statement text',
    parameters: hostParameters(32765, 'ZDAQ0200: 238 bytes, then the statement text (its length at 234)'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.zdaq72),
      {
        column: 'OBJECT_LIBRARY',
        value: char(95, 10),
        ibm: `default SQL schema CHAR(10) @95 (${S.zdaq72}; a placeholder when the schema name is longer: K)`,
      },
      {
        column: 'STATEMENT_LENGTH',
        value: int(234),
        ibm: `length of SQL statement text BINARY(4) @234 (${S.zdaq72})`,
      },
      {
        column: 'STATEMENT_TEXT',
        value: {
          kind: 'text',
          param: 'REQUEST',
          offset: 238,
          length: { param: 'REQUEST', offset: 234 },
          max: 16000,
        },
        ibm: `SQL statement text CHAR(*) @238 (${S.zdaq72}; its CCSID is not stated: the job CCSID is our assumption, K)`,
      },
    ],
    restart: DATABASE_RESTART,
    provenance: [
      S.zda74,
      S.zdaq72,
      'IBM i 7.5 "Exit program parameter formats": a program on SQL2 means SQL1 is not called (V)',
      'bytes 105-233 changed in 6.1 (extended cursor/schema fields, K); 234 and 238 agree in every source',
    ],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZDA_NDB1',
    format: 'ZDAD0100',
    program: 'ARZDANDB1',
    title: 'database server: native database requests (create, clear, delete files and members, overrides)',
    parameters: hostParameters(358, 'ZDAD0100, 358 bytes'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.zdad54),
      { column: 'OBJECT_NAME', value: char(32, 128), ibm: `file name CHAR(128) @32 (${S.zdad54})` },
      { column: 'OBJECT_LIBRARY', value: char(160, 10), ibm: `library name CHAR(10) @160 (${S.zdad54})` },
      { column: 'OBJECT_MEMBER', value: char(170, 10), ibm: `member name CHAR(10) @170 (${S.zdad54})` },
    ],
    restart: DATABASE_RESTART,
    provenance: [S.zda74, S.zdad54, 'format ZDAD0200 (add libraries to the library list) is not registered'],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZDA_ROI1',
    format: 'ZDAR0100',
    program: 'ARZDAROI1',
    title: 'database server: catalog and object information requests',
    parameters: hostParameters(404, 'ZDAR0100, 404 bytes'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.zdar54),
      {
        column: 'OBJECT_LIBRARY',
        value: char(32, 20),
        ibm: `library name or search pattern CHAR(20) @32 (${S.zdar54})`,
      },
      {
        column: 'OBJECT_NAME',
        value: char(108, 256),
        ibm: `file or SQL alias name or pattern CHAR(256) @108 (${S.zdar54})`,
      },
      {
        column: 'OBJECT_MEMBER',
        value: char(364, 20),
        ibm: `member name or pattern CHAR(20) @364 (${S.zdar54})`,
      },
    ],
    restart: DATABASE_RESTART,
    provenance: [S.zda74, S.zdar54, 'format ZDAR0200 (primary and foreign keys) is not registered'],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZRC_RMT',
    format: 'CZRC0100',
    program: 'ARZRCRMT',
    title:
      "remote command and distributed program call server (IBM i Access 'Run command', JTOpen CommandCall, ProgramCall)",
    parameters: hostParameters(16056, 'CZRC0100: 56 bytes, then the command string (its length at 52)'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.czrc75),
      {
        column: 'OBJECT_NAME',
        value: char(32, 10),
        onlyFunction: 0x1003,
        ibm: `program name CHAR(10) @32, function X'1003' only (${S.czrc75})`,
      },
      {
        column: 'OBJECT_LIBRARY',
        value: char(42, 10),
        onlyFunction: 0x1003,
        ibm: `program library CHAR(10) @42, function X'1003' only (${S.czrc75})`,
      },
      {
        column: 'STATEMENT_LENGTH',
        value: int(52),
        onlyFunction: 0x1002,
        ibm: `length of command string BINARY(4) @52, function X'1002' (${S.czrc75})`,
      },
      {
        column: 'STATEMENT_TEXT',
        value: {
          kind: 'text',
          param: 'REQUEST',
          offset: 56,
          length: { param: 'REQUEST', offset: 52 },
          max: 16000,
        },
        onlyFunction: 0x1002,
        ibm: `command string CHAR(*) @56, function X'1002'; CCSID BINARY(4) @32: 0 job CCSID, 1200 UTF-16, 1208 UTF-8 (${S.czrc75})`,
      },
    ],
    restart: PRESTART('QZRCSRVS'),
    provenance: [
      S.czrc75,
      "return value for the non-database host servers: IBM states the X'F0' rule for the database server only (K)",
      'the command CCSID field at 32 is 7.2+; on V5R4 offsets 32-51 were reserved (V)',
      'the generated program decodes the command in the job CCSID only; commands sent in UTF-16 or UTF-8 are logged as the job CCSID would read their bytes (a limit of this version)',
    ],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QPWFS_FILE_SERV',
    format: 'PWFS0100',
    program: 'ARPWFS',
    title: 'file server: IFS requests from IBM i Access and NetServer (open, create, delete, rename, move)',
    parameters: hostParameters(
      4136,
      'PWFS0100: 40 bytes, then the path name in UTF-16 (its length in bytes at 36)',
    ),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      { column: 'USER_NAME', value: char(0, 10), ibm: `user profile CHAR(10) @0 (${S.pwfs72})` },
      { column: 'SERVER_ID', value: char(10, 10), ibm: `server identifier CHAR(10) @10 (${S.pwfs72})` },
      {
        column: 'FUNCTION_ID',
        value: int(20),
        ibm: `requested function BINARY(4) @20, before the format name (${S.pwfs72})`,
      },
      {
        column: 'DETAIL',
        value: char(32, 4),
        ibm: `file access CHAR(4) @32: read, write, read/write, delete-allowed, each X'F1' or X'F0' (${S.pwfs72})`,
      },
      {
        column: 'PATH_NAME',
        value: {
          kind: 'text',
          param: 'REQUEST',
          offset: 40,
          length: { param: 'REQUEST', offset: 36 },
          max: 4096,
          ccsid: 1200,
        },
        ibm: `file name CHAR(*) @40 in CCSID 1200, its length in bytes BINARY(4) @36 (${S.pwfs72})`,
      },
    ],
    restart: ['ENDSBS SBS(QSERVER) OPTION(*CNTRLD) DELAY(60)', 'STRSBS SBSD(QSYS/QSERVER)'],
    provenance: [
      S.pwfs72,
      'IBM i 7.3: format PWFS0200 adds the copy request; a program registered for PWFS0200 is called instead (V); PWFS0200 layout not read',
      'the program name is resolved when QSERVER starts: restart QSERVER (V, 7.3); ending QSERVER also ends NetServer and the database server daemon',
    ],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZSO_SIGNONSRV',
    format: 'ZSOY0100',
    program: 'ARZSOSIGN',
    title: 'sign-on server: sign-on, password change, authentication tokens',
    parameters: hostParameters(32, 'ZSOY0100, 32 bytes'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: header(S.zsoy54),
    restart: PRESTART('QZSOSIGN'),
    provenance: [S.zsoy54, 'function values from the V5R4 header EZSOEP only (K on an IBM page)'],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QZHQ_DATA_QUEUE',
    format: 'ZHQ00100',
    program: 'ARZHQDTAQ',
    title:
      'data queue server (sockets): create, delete, send, receive, clear; replaces the old QIBM_QHQ_DTAQ',
    parameters: hostParameters(314, 'ZHQ00100, 314 bytes'),
    allow: HOST_ALLOW,
    clientFromJob: true,
    fields: [
      ...header(S.zhq54),
      { column: 'OBJECT_NAME', value: char(32, 10), ibm: `data queue name CHAR(10) @32 (${S.zhq54})` },
      { column: 'OBJECT_LIBRARY', value: char(42, 10), ibm: `data queue library CHAR(10) @42 (${S.zhq54})` },
    ],
    restart: PRESTART('QZHQSSRV'),
    provenance: [S.zhq54, 'the message data itself is not passed to the exit program (V)'],
    byDefault: true,
  },
  {
    exitPoint: 'QIBM_QTMF_SERVER_REQ',
    format: 'VLRQ0100',
    program: 'ARFTPREQ',
    title: 'FTP server (and REXEC, TFTP through the same format): every subcommand',
    parameters: [
      {
        name: 'APPLICATION_ID',
        type: 'INTEGER',
        mode: 'IN',
        what: '0 FTP client, 1 FTP server, 2 REXEC, 3 TFTP',
      },
      {
        name: 'OPERATION_ID',
        type: 'INTEGER',
        mode: 'IN',
        what: 'operation: 0 session start … 9 CL command',
      },
      { name: 'USER_PROFILE', type: 'CHAR(10)', mode: 'IN', what: 'user profile' },
      {
        name: 'REMOTE_IP',
        type: 'CHAR(46) FOR BIT DATA',
        mode: 'IN',
        what: 'remote IP address, dotted or IPv6 form',
      },
      { name: 'REMOTE_IP_LENGTH', type: 'INTEGER', mode: 'IN', what: 'length of the remote IP address' },
      {
        name: 'OPERATION_INFO',
        type: 'CHAR(16000) FOR BIT DATA',
        mode: 'IN',
        what: 'operation-specific information: a path, or the CL command for operation 9',
      },
      { name: 'OPERATION_INFO_LENGTH', type: 'INTEGER', mode: 'IN', what: 'its length (0 if none)' },
      {
        name: 'ALLOW_OPERATION',
        type: 'INTEGER',
        mode: 'INOUT',
        what: 'answer: 1 allows this request; we set 1',
      },
    ],
    allow: 'SET ALLOW_OPERATION = 1',
    clientFromJob: false,
    fields: [
      {
        column: 'USER_NAME',
        value: { kind: 'param', param: 'USER_PROFILE' },
        ibm: `parameter 3 CHAR(10) (${S.vlrq74})`,
      },
      {
        column: 'SERVER_ID',
        value: { kind: 'param', param: 'APPLICATION_ID' },
        ibm: `parameter 1 BINARY(4), application identifier (${S.vlrq74})`,
      },
      {
        column: 'FUNCTION_ID',
        value: { kind: 'param', param: 'OPERATION_ID' },
        ibm: `parameter 2 BINARY(4), operation identifier (${S.vlrq74})`,
      },
      {
        column: 'REMOTE_ADDRESS',
        value: {
          kind: 'text',
          param: 'REMOTE_IP',
          offset: 0,
          length: { param: 'REMOTE_IP_LENGTH' },
          max: 45,
        },
        ibm: `parameters 4-5, remote IP address CHAR(*) and its length (${S.vlrq74}); no port in the format`,
      },
      {
        column: 'STATEMENT_LENGTH',
        value: { kind: 'param', param: 'OPERATION_INFO_LENGTH' },
        ibm: `parameter 7 BINARY(4) (${S.vlrq74})`,
      },
      {
        column: 'STATEMENT_TEXT',
        value: {
          kind: 'text',
          param: 'OPERATION_INFO',
          offset: 0,
          length: { param: 'OPERATION_INFO_LENGTH' },
          max: 16000,
        },
        ibm: `parameter 6 CHAR(*), operation-specific information (${S.vlrq74}; its CCSID: K)`,
      },
    ],
    restart: ['ENDTCPSVR SERVER(*FTP)', 'STRTCPSVR SERVER(*FTP)'],
    provenance: [
      S.vlrq74,
      'IBM i 7.4: an exception in the exit program, or a value not valid in parameter 8, makes the FTP server REJECT the request (V): this program sets 1 before anything else',
      "allow value 1 from community code and IBM's 7.2 page (-1 rejects always, V); 2 would stop later calls for the session and is never used",
      'IBM support "Debugging FTP exit programs": restart the FTP server after registering (V)',
    ],
    byDefault: true,
    caution: 'A failing exit program rejects FTP requests (IBM, V): test on a non-production system first.',
  },
  {
    exitPoint: 'QIBM_QTMF_SVR_LOGON',
    format: 'TCPL0100',
    program: 'ARFTPLOGON',
    title: 'FTP server logon: every logon attempt, with the client address (never the password)',
    parameters: [
      { name: 'APPLICATION_ID', type: 'INTEGER', mode: 'IN', what: '1 FTP server, 2 REXEC server' },
      {
        name: 'USER_ID',
        type: 'CHAR(256) FOR BIT DATA',
        mode: 'IN',
        what: 'user identifier sent by the client',
      },
      { name: 'USER_ID_LENGTH', type: 'INTEGER', mode: 'IN', what: 'its length' },
      {
        name: 'AUTHENTICATION',
        type: 'CHAR(256) FOR BIT DATA',
        mode: 'IN',
        what: 'the password as sent: declared only to reach the next parameters, NEVER read',
      },
      { name: 'AUTHENTICATION_LENGTH', type: 'INTEGER', mode: 'IN', what: 'its length' },
      { name: 'CLIENT_IP', type: 'CHAR(46) FOR BIT DATA', mode: 'IN', what: 'client IP address' },
      { name: 'CLIENT_IP_LENGTH', type: 'INTEGER', mode: 'IN', what: 'its length' },
      {
        name: 'RETURN_CODE',
        type: 'INTEGER',
        mode: 'INOUT',
        what: "answer: 1 = go on with the client's own user and password; we set 1",
      },
      { name: 'USER_PROFILE', type: 'CHAR(10)', mode: 'INOUT', what: 'output, left alone' },
      { name: 'PASSWORD', type: 'CHAR(10)', mode: 'INOUT', what: 'output, left alone' },
      { name: 'INITIAL_LIBRARY', type: 'CHAR(10)', mode: 'INOUT', what: 'output, left alone' },
    ],
    allow: 'SET RETURN_CODE = 1',
    clientFromJob: false,
    fields: [
      {
        column: 'SERVER_ID',
        value: { kind: 'param', param: 'APPLICATION_ID' },
        ibm: `parameter 1 BINARY(4) (${S.tcpl54})`,
      },
      {
        column: 'USER_NAME',
        value: { kind: 'text', param: 'USER_ID', offset: 0, length: { param: 'USER_ID_LENGTH' }, max: 10 },
        ibm: `parameters 2-3, user identifier CHAR(*) (${S.tcpl54}); cut at 10 characters`,
      },
      {
        column: 'REMOTE_ADDRESS',
        value: {
          kind: 'text',
          param: 'CLIENT_IP',
          offset: 0,
          length: { param: 'CLIENT_IP_LENGTH' },
          max: 45,
        },
        ibm: `parameters 6-7, client IP address CHAR(*) (${S.tcpl54})`,
      },
    ],
    restart: ['ENDTCPSVR SERVER(*FTP)', 'STRTCPSVR SERVER(*FTP)'],
    provenance: [
      S.tcpl54,
      "return code 1 = accept with the client's user and password; 5 and 6 would skip the password check and are never used (V5R4 usage notes, V)",
      'registering any logon exit changes the answer to user ANONYMOUS (V5R4, V); one program per logon exit point (K)',
    ],
    byDefault: false,
    caution:
      'A logon exit that cannot run could stop every FTP logon, and registering one changes how ANONYMOUS is handled: install it only after testing (--exit-points).',
  },
  {
    exitPoint: 'QIBM_QTG_DEVINIT',
    format: 'INIT0100',
    program: 'ARTELNET',
    title: 'Telnet server: a session starts (client address, device)',
    parameters: [
      {
        name: 'USER_DESCRIPTION',
        type: 'CHAR(44) FOR BIT DATA',
        mode: 'INOUT',
        what: 'auto-sign-on values, left alone',
      },
      {
        name: 'DEVICE_DESCRIPTION',
        type: 'CHAR(64) FOR BIT DATA',
        mode: 'INOUT',
        what: 'device name at 0, left alone',
      },
      { name: 'CONNECTION', type: 'CHAR(76) FOR BIT DATA', mode: 'IN', what: 'connection description' },
      {
        name: 'ENVIRONMENT',
        type: 'CHAR(1024) FOR BIT DATA',
        mode: 'IN',
        what: 'environment options, not read',
      },
      { name: 'ENVIRONMENT_LENGTH', type: 'INTEGER', mode: 'IN', what: 'their length' },
      { name: 'ALLOW_CONNECTION', type: 'CHAR(1)', mode: 'INOUT', what: "answer: '1' accepts; we set '1'" },
      {
        name: 'ALLOW_AUTO_SIGNON',
        type: 'CHAR(1)',
        mode: 'INOUT',
        what: "'0': no auto-sign-on, the returned values are ignored",
      },
    ],
    allow: "SET ALLOW_CONNECTION = '1'; SET ALLOW_AUTO_SIGNON = '0'",
    clientFromJob: false,
    fields: [
      {
        column: 'OBJECT_NAME',
        value: char(0, 10, 'DEVICE_DESCRIPTION'),
        ibm: `device name CHAR(10) @0 of parameter 2 (${S.init74}; 7.1 rzaiwdevdesc.htm, V)`,
      },
      {
        column: 'REMOTE_ADDRESS',
        value: char(4, 20, 'CONNECTION'),
        ibm: `client IP address CHAR(20) @4 of parameter 3 (V5R4 header ETGDEVEX; too short for IPv6, how 7.x reports IPv6 clients: K)`,
      },
    ],
    restart: ['ENDTCPSVR SERVER(*TELNET)', 'STRTCPSVR SERVER(*TELNET)'],
    provenance: [
      S.init74,
      "allow values '1'/'0' from the 7.5 page (zh) (V); the signing-on user is not known at this point",
      'restart requirement for Telnet: K',
    ],
    byDefault: false,
    caution:
      'A DEVINIT exit that cannot run could stop Telnet sessions: install it only after testing (--exit-points).',
  },
];

/** The exit programs to install: the default set, `all`, or the exit points named. */
export function exitProgramsNamed(names: readonly string[] | undefined): ExitProgram[] {
  if (!names) return EXIT_PROGRAMS.filter((p) => p.byDefault);
  if (names.length === 1 && names[0] === 'all') return [...EXIT_PROGRAMS];
  return names.map((name) => {
    const found = EXIT_PROGRAMS.find((p) => p.exitPoint === name.toUpperCase());
    if (!found) {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `${name} is not an exit point AuditRelay ships a program for (${EXIT_PROGRAMS.map((p) => p.exitPoint).join(', ')})`,
      );
    }
    return found;
  });
}
