import { SEVERITY, type Severity } from '../../core/event.js';

/**
 * What a logged exit-point call means: per exit point the event's name and action, and the
 * names of its function (host servers) or operation (FTP) numbers. Numbers and meanings are
 * IBM's, from the pages the catalog (catalog.ts) cites for each format; V = read there,
 * K = from IBM's QSYSINC headers only (see /work/research/exit-points.md).
 */
export interface RequestKind {
  /** entryTypeName of its events. */
  name: string;
  action: string;
  /** The object type a request names, where the format has one object kind. */
  objectType?: string;
  /** Function or operation number → what it does; `severity` where it is above informational. */
  functions: Readonly<Record<number, { name: string; severity?: Severity; action?: string }>>;
}

const notice = SEVERITY.notice;

/** ZDAQ0200 (7.2, V) plus the header-only ones (K). */
const SQL_FUNCTIONS = {
  6144: { name: 'prepare' },
  6145: { name: 'describe' },
  6146: { name: 'describe parameter markers' },
  6147: { name: 'prepare and describe' },
  6148: { name: 'open and describe' },
  6149: { name: 'execute' },
  6150: { name: 'execute immediate' },
  6151: { name: 'commit' },
  6152: { name: 'rollback' },
  6153: { name: 'connect' },
  6154: { name: 'close' },
  6155: { name: 'fetch' },
  6156: { name: 'stream fetch' },
  6157: { name: 'prepare and execute, or prepare and open' },
  6158: { name: 'open and fetch' },
  6159: { name: 'create package', severity: notice },
  6160: { name: 'clear package', severity: notice },
  6161: { name: 'delete package', severity: notice },
  6162: { name: 'execute or open' },
  6163: { name: 'end stream fetch' },
  6165: { name: 'return package information' },
};

export const REQUEST_KINDS: Readonly<Record<string, RequestKind>> = {
  QIBM_QZDA_INIT: {
    name: 'Database server connection',
    action: 'database-connect',
    functions: { 0: { name: 'server job initiated' } },
  },
  QIBM_QZDA_SQL2: { name: 'Database server SQL request', action: 'sql-request', functions: SQL_FUNCTIONS },
  QIBM_QZDA_NDB1: {
    name: 'Database server native file request',
    action: 'database-file-request',
    objectType: '*FILE',
    functions: {
      6144: { name: 'create source physical file', severity: notice },
      6145: { name: 'create database file based on an existing file', severity: notice },
      6146: { name: 'add member', severity: notice },
      6147: { name: 'clear member', severity: notice },
      6148: { name: 'remove member', severity: notice },
      6149: { name: 'override database file' },
      6150: { name: 'delete override' },
      6151: { name: 'create save file', severity: notice },
      6152: { name: 'clear save file', severity: notice },
      6153: { name: 'delete file', severity: notice },
    },
  },
  QIBM_QZDA_ROI1: {
    name: 'Database server catalog request',
    action: 'catalog-request',
    functions: {
      6144: { name: 'library information' },
      6145: { name: 'relational database information' },
      6146: { name: 'SQL package information' },
      6147: { name: 'SQL package statement information' },
      6148: { name: 'file information' },
      6149: { name: 'member information' },
      6150: { name: 'record format information' },
      6151: { name: 'field information' },
      6152: { name: 'index information' },
      6155: { name: 'special column information' },
    },
  },
  QIBM_QZRC_RMT: {
    name: 'Remote command server request',
    action: 'remote-command',
    functions: {
      4098: { name: 'remote command', severity: notice },
      4099: { name: 'distributed program call', severity: notice, action: 'program-call' },
    },
  },
  QIBM_QPWFS_FILE_SERV: {
    name: 'File server request',
    action: 'file-server-request',
    functions: {
      0: { name: 'change file attributes', severity: notice },
      1: { name: 'create stream file or directory', severity: notice },
      2: { name: 'delete file or directory', severity: notice },
      3: { name: 'list file attributes' },
      4: { name: 'move', severity: notice },
      5: { name: 'open stream file' },
      6: { name: 'rename', severity: notice },
      7: { name: 'allocate conversation' },
    },
  },
  QIBM_QZSO_SIGNONSRV: {
    name: 'Sign-on server request',
    action: 'signon-server-request',
    functions: {
      28674: { name: 'start server' },
      28676: { name: 'retrieve sign-on information' },
      28677: { name: 'change password', severity: notice },
      28679: { name: 'generate authentication token' },
      28680: { name: 'generate authentication token for another user', severity: notice },
    },
  },
  QIBM_QZHQ_DATA_QUEUE: {
    name: 'Data queue server request',
    action: 'data-queue-request',
    objectType: '*DTAQ',
    functions: {
      1: { name: 'query attributes' },
      2: { name: 'receive' },
      3: { name: 'create', severity: notice },
      4: { name: 'delete', severity: notice },
      5: { name: 'send' },
      6: { name: 'clear', severity: notice },
      7: { name: 'cancel pending receive' },
      18: { name: 'receive without removing (peek)' },
    },
  },
  QIBM_QTMF_SERVER_REQ: {
    name: 'FTP server request',
    action: 'ftp-request',
    functions: {
      0: { name: 'session start' },
      1: { name: 'create directory or library (MKD)', severity: notice },
      2: { name: 'delete directory or library (RMD)', severity: notice },
      3: { name: 'set current directory or library (CWD)' },
      4: { name: 'list files (LIST, NLST)' },
      5: { name: 'delete file (DELE)', severity: notice },
      6: { name: 'send file to the client (RETR)' },
      7: { name: 'receive file from the client (STOR)', severity: notice },
      8: { name: 'rename file', severity: notice },
      9: { name: 'run CL command (RCMD)', severity: notice },
    },
  },
  QIBM_QTMF_SVR_LOGON: {
    name: 'FTP server logon',
    action: 'ftp-logon',
    functions: {},
  },
  QIBM_QTG_DEVINIT: {
    name: 'Telnet session start',
    action: 'telnet-session',
    objectType: '*DEVD',
    functions: {},
  },
};

/** FTP, REXEC and TFTP share VLRQ0100 and TCPL0100; parameter 1 says which (IBM 7.4, V). */
export const FTP_APPLICATIONS: Readonly<Record<string, string>> = {
  '0': 'FTP client',
  '1': 'FTP server',
  '2': 'REXEC server',
  '3': 'TFTP server',
};

/** The FTP operations whose operation-specific information is a path (IBM 7.4, V). */
export const FTP_PATH_OPERATIONS = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
export const FTP_COMMAND_OPERATION = 9;
