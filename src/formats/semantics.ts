import type { Outcome, SecurityEvent } from '../core/event.js';

/**
 * The semantic model: what an event means to a SIEM, in one place. Every formatter takes the
 * keys of its user, address and category fields from these tables, and
 * `scripts/gen-semantics-docs.ts` writes docs/fields.md's mapping tables, the Splunk event
 * types and tags, the QRadar QID map and the ArcSight categorization file from them (a test
 * fails when one is out of date). Pure data and pure functions.
 *
 * An event's *family* (authentication, account management, …) and *verb* (logon, creation,
 * access, …) derive from its `action`, which each entry type's rules set
 * (src/ibmi/journal/entries/XX.ts). The family decides which normalized field plays which
 * *role* (actor, the account that authenticates, the target account, source and
 * destination, object, outcome) and the vocabulary of each SIEM (ECS categories, Splunk CIM
 * data models and action values, Google SecOps UDM event types, QRadar low-level categories,
 * ArcSight categorization).
 *
 * Where a value comes from (each SIEM's own documentation; V = read on the page or a verbatim
 * copy, K = not confirmed) is in SOURCES below and in docs/fields.md.
 */

export const FAMILIES = [
  'authentication',
  'authorization-failure',
  'account-management',
  'object-access',
  'system-configuration',
  'intrusion',
  'job',
  'network-request',
  'message',
  'other',
] as const;
export type Family = (typeof FAMILIES)[number];

/** What happened, in the few verbs SIEM vocabularies distinguish. */
export type Verb =
  | 'logon'
  | 'logoff'
  | 'escalation'
  | 'access'
  | 'creation'
  | 'change'
  | 'deletion'
  | 'start'
  | 'end'
  | 'info';

export interface ActionSpec {
  family: Family;
  verb: Verb;
  /** Verbs that differ by sub-type (`VN-F`: a logoff). */
  bySubtype?: Readonly<Record<string, Verb>>;
  /** Verbs that differ by an entry field (`CP` with commandName CRT: a creation). */
  byField?: { key: string; values: Readonly<Record<string, Verb>> };
  /** Splunk CIM `app`: the interface or service involved. */
  app?: string;
}

/**
 * Every action the sources set, with its family and verb. An action not listed here is in
 * family `other`. The message and exit-point sources set theirs too (src/ibmi/messages,
 * src/ibmi/exit-points/requests.ts).
 */
export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  // authentication: the account that tries to sign on is the user
  logon: { family: 'authentication', verb: 'logon', app: 'ibmi:signon' },
  'network-logon': {
    family: 'authentication',
    verb: 'logon',
    bySubtype: { F: 'logoff' },
    app: 'ibmi:netserver',
  },
  'network-password': {
    family: 'authentication',
    verb: 'logon',
    bySubtype: { E: 'logoff' },
    app: 'ibmi:netserver',
  },
  kerberos: { family: 'authentication', verb: 'logon', app: 'ibmi:kerberos' },
  'account-limit': { family: 'authentication', verb: 'logon', app: 'ibmi:netserver' },
  'connection-verification': {
    family: 'authentication',
    verb: 'logon',
    bySubtype: { E: 'logoff' },
    app: 'ibmi:ppp',
  },
  'profile-swap': { family: 'authentication', verb: 'escalation', app: 'ibmi:profile-swap' },
  // authorization failure
  'authority-failure': { family: 'authorization-failure', verb: 'access' },
  // account management: the actor changes another profile
  'profile-change': {
    family: 'account-management',
    verb: 'change',
    byField: { key: 'commandName', values: { CRT: 'creation' } },
  },
  'service-tools-user-change': {
    family: 'account-management',
    verb: 'change',
    bySubtype: { R: 'creation', D: 'deletion' },
  },
  'server-security-info': {
    family: 'account-management',
    verb: 'change',
    bySubtype: { A: 'creation', R: 'deletion', T: 'access' },
  },
  'network-profile-change': { family: 'account-management', verb: 'change' },
  'distribution-directory-change': { family: 'account-management', verb: 'change' },
  'restore-user-authority': { family: 'account-management', verb: 'change' },
  // object access
  'object-read': { family: 'object-access', verb: 'access' },
  'dlo-read': { family: 'object-access', verb: 'access' },
  'optical-access': { family: 'object-access', verb: 'access' },
  'object-create': { family: 'object-access', verb: 'creation' },
  'object-restore': { family: 'object-access', verb: 'creation' },
  'object-delete': { family: 'object-access', verb: 'deletion' },
  'object-change': { family: 'object-access', verb: 'change' },
  'dlo-change': { family: 'object-access', verb: 'change' },
  'object-move': { family: 'object-access', verb: 'change' },
  'ownership-change': { family: 'object-access', verb: 'change' },
  'authority-change': { family: 'object-access', verb: 'change' },
  'primary-group-change': { family: 'object-access', verb: 'change' },
  'access-control-list-change': { family: 'object-access', verb: 'change' },
  'access-control-change': { family: 'object-access', verb: 'change' },
  'crqd-change': { family: 'object-access', verb: 'change' },
  'program-adopt': { family: 'object-access', verb: 'change' },
  'ptf-object-change': { family: 'object-access', verb: 'change' },
  'restore-ownership-change': { family: 'object-access', verb: 'change' },
  'restore-primary-group-change': { family: 'object-access', verb: 'change' },
  'restore-adopting-program': { family: 'object-access', verb: 'creation' },
  'restore-job-description': { family: 'object-access', verb: 'creation' },
  'job-description-user-change': { family: 'object-access', verb: 'change' },
  'validation-list': { family: 'object-access', verb: 'change' },
  'optical-volume': { family: 'object-access', verb: 'change' },
  'attribute-change': { family: 'object-access', verb: 'change' },
  'spooled-file': {
    family: 'object-access',
    verb: 'change',
    bySubtype: { A: 'access', C: 'creation', I: 'creation', T: 'creation', D: 'deletion' },
  },
  ipc: {
    family: 'object-access',
    verb: 'change',
    bySubtype: { C: 'creation', D: 'deletion', F: 'access', G: 'access', M: 'access' },
  },
  // system configuration
  'system-value-change': { family: 'system-configuration', verb: 'change' },
  'network-attribute-change': { family: 'system-configuration', verb: 'change' },
  'audit-change': { family: 'system-configuration', verb: 'change' },
  'ip-rules': { family: 'system-configuration', verb: 'change' },
  'crypto-configuration': { family: 'system-configuration', verb: 'change' },
  'environment-variable-change': {
    family: 'system-configuration',
    verb: 'change',
    bySubtype: { A: 'creation', D: 'deletion' },
  },
  'key-ring-file': { family: 'system-configuration', verb: 'change' },
  'systems-management-change': { family: 'system-configuration', verb: 'change' },
  'ptf-operation': { family: 'system-configuration', verb: 'change' },
  'service-tool': { family: 'system-configuration', verb: 'access' },
  'cluster-operation': { family: 'system-configuration', verb: 'change' },
  'generic-record': { family: 'system-configuration', verb: 'change' },
  'exit-program-added': {
    family: 'system-configuration',
    verb: 'creation',
    app: 'ibmi:registration-facility',
  },
  'exit-program-removed': {
    family: 'system-configuration',
    verb: 'deletion',
    app: 'ibmi:registration-facility',
  },
  'exit-program-replaced': {
    family: 'system-configuration',
    verb: 'change',
    app: 'ibmi:registration-facility',
  },
  'db2-mirror-replication': { family: 'system-configuration', verb: 'change' },
  'db2-mirror-state': { family: 'system-configuration', verb: 'change' },
  'service-status-change': {
    family: 'system-configuration',
    verb: 'change',
    bySubtype: { S: 'start', R: 'start', E: 'end' },
  },
  // intrusion
  intrusion: { family: 'intrusion', verb: 'info' },
  // jobs (processes)
  'job-change': {
    family: 'job',
    verb: 'change',
    bySubtype: { S: 'start', B: 'start', P: 'start', E: 'end', A: 'end', N: 'end' },
  },
  command: { family: 'job', verb: 'start' },
  'adopted-authority': { family: 'job', verb: 'info', bySubtype: { S: 'start', E: 'end' } },
  signal: { family: 'job', verb: 'info' },
  'socket-descriptor': { family: 'job', verb: 'info' },
  // network requests
  'network-connection': {
    family: 'network-request',
    verb: 'start',
    bySubtype: { E: 'end' },
    app: 'ibmi:netserver',
  },
  'server-session': {
    family: 'network-request',
    verb: 'start',
    bySubtype: { E: 'end' },
    app: 'ibmi:netserver',
  },
  'network-resource-access': { family: 'network-request', verb: 'access', app: 'ibmi:netserver' },
  'socket-connection': {
    family: 'network-request',
    verb: 'start',
    bySubtype: { D: 'info', U: 'info', P: 'info', F: 'access', R: 'access', I: 'access', O: 'access' },
  },
  ipsec: { family: 'network-request', verb: 'start', app: 'ibmi:ike' },
  'appn-filter': { family: 'network-request', verb: 'access', app: 'ibmi:appn' },
  'directory-server': { family: 'network-request', verb: 'access', app: 'ibmi:ldap' },
  'directory-server-extension': { family: 'network-request', verb: 'access', app: 'ibmi:ldap' },
  'sql-request': { family: 'network-request', verb: 'access', app: 'ibmi:database' },
  'remote-command': { family: 'network-request', verb: 'start', app: 'ibmi:remote-command' },
  'ftp-request': { family: 'network-request', verb: 'access', app: 'ibmi:ftp' },
  'file-server-request': { family: 'network-request', verb: 'access', app: 'ibmi:file-server' },
  // the exit-point source: one request a host server, FTP or Telnet passed to an exit program
  'database-connect': { family: 'network-request', verb: 'start', app: 'ibmi:database' },
  'database-file-request': { family: 'network-request', verb: 'access', app: 'ibmi:database' },
  'catalog-request': { family: 'network-request', verb: 'access', app: 'ibmi:database' },
  'program-call': { family: 'network-request', verb: 'start', app: 'ibmi:remote-command' },
  'signon-server-request': { family: 'network-request', verb: 'access', app: 'ibmi:signon-server' },
  'data-queue-request': { family: 'network-request', verb: 'access', app: 'ibmi:data-queue' },
  'ftp-logon': { family: 'authentication', verb: 'logon', app: 'ibmi:ftp' },
  'telnet-session': { family: 'network-request', verb: 'start', app: 'ibmi:telnet' },
  'exit-point-request': { family: 'network-request', verb: 'access' },
  // messages (QHST, QSYSOPR, QSYSMSG): the security-relevant IDs read as what they say
  message: { family: 'message', verb: 'info' },
  'job-start': { family: 'job', verb: 'start' },
  'job-end': { family: 'job', verb: 'end' },
  'account-disable': { family: 'account-management', verb: 'change' },
  'storage-threshold': { family: 'message', verb: 'info' },
  'message-gap': { family: 'other', verb: 'info' },
  'exit-log-gap': { family: 'other', verb: 'info' },
  // the rest
  print: { family: 'other', verb: 'info' },
  'audit-entry': { family: 'other', verb: 'info' },
  'journal-gap': { family: 'other', verb: 'info' },
};

const OTHER: ActionSpec = { family: 'other', verb: 'info' };

/** `table[key]` for the table's own keys only: event text (`constructor`…) never reaches Object.prototype. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** ACTIONS as a map: one lookup per event, and only the table's own keys. */
const ACTION_SPECS = new Map(Object.entries(ACTIONS));

export function actionSpec(action: string): ActionSpec {
  return ACTION_SPECS.get(action) ?? OTHER;
}

export interface Meaning {
  family: Family;
  verb: Verb;
  /** `authentication/logon`: what CEF and LEEF `cat` carry (with the event id, the QID map key). */
  category: string;
}

/** By family, then verb: looked up per event, so without building the category text. */
const meanings = new Map<Family, Map<Verb, Meaning>>();

function meaning(family: Family, verb: Verb): Meaning {
  let verbs = meanings.get(family);
  if (verbs === undefined) {
    verbs = new Map();
    meanings.set(family, verbs);
  }
  let found = verbs.get(verb);
  if (found === undefined) {
    found = Object.freeze({ family, verb, category: `${family}/${verb}` });
    verbs.set(verb, found);
  }
  return found;
}

/** The family and verb of an event (one shared object per pair). */
export function meaningOf(event: SecurityEvent): Meaning {
  const spec = actionSpec(event.action);
  let verb = spec.verb;
  if (spec.bySubtype && event.subtype !== undefined) verb = own(spec.bySubtype, event.subtype) ?? verb;
  if (spec.byField) {
    const value = own(event.fields, spec.byField.key);
    if (value !== undefined) verb = own(spec.byField.values, String(value)) ?? verb;
  }
  return meaning(spec.family, verb);
}

// ---------------------------------------------------------------------------------------
// Roles: which normalized field plays which part, and its key in each format and SIEM.

export type Role =
  | 'account'
  | 'actor'
  | 'targetAccount'
  | 'sourceAddress'
  | 'sourcePort'
  | 'destinationAddress'
  | 'destinationPort'
  | 'host'
  | 'object'
  | 'objectType'
  | 'path'
  | 'process'
  | 'outcome';

/**
 * The keys of one role. `cef` is the CEF dictionary key (Sentinel's CommonSecurityLog
 * column follows from it, see SENTINEL_COLUMNS); `leef` the LEEF key (predefined where QRadar
 * normalizes one); `ecs` the ECS field; `cim` the Splunk CIM field; `udm` the Google SecOps
 * UDM field a parser (extension) should fill.
 */
export interface RoleKeys {
  /** The normalized field(s) it takes its value from, as docs/fields.md names them. */
  from: string;
  cef?: string;
  leef?: string;
  ecs?: string;
  cim?: string;
  udm?: string;
}

/** The roles every family has, unless the family says otherwise. */
const DEFAULT_ROLES: Readonly<Partial<Record<Role, RoleKeys>>> = {
  actor: {
    from: 'user',
    cef: 'suser',
    leef: 'usrName',
    ecs: 'user.name',
    cim: 'user',
    udm: 'principal.user.userid',
  },
  targetAccount: {
    from: 'targetUser',
    cef: 'duser',
    leef: 'targetUser',
    ecs: 'user.target.name',
    udm: 'target.user.userid',
  },
  sourceAddress: {
    from: 'remoteAddress (localAddress when direction is outbound)',
    cef: 'src',
    leef: 'src',
    ecs: 'source.ip',
    cim: 'src',
    udm: 'principal.ip',
  },
  sourcePort: {
    from: 'remotePort (localPort when outbound)',
    cef: 'spt',
    leef: 'srcPort',
    ecs: 'source.port',
    cim: 'src_port',
    udm: 'principal.port',
  },
  destinationAddress: {
    from: 'localAddress (remoteAddress when outbound)',
    cef: 'dst',
    leef: 'dst',
    ecs: 'destination.ip',
    cim: 'dest',
    udm: 'target.ip',
  },
  destinationPort: {
    from: 'localPort (remotePort when outbound)',
    cef: 'dpt',
    leef: 'dstPort',
    ecs: 'destination.port',
    cim: 'dest_port',
    udm: 'target.port',
  },
  host: {
    from: 'system',
    cef: 'dvchost',
    leef: 'system',
    ecs: 'host.name',
    cim: 'dvc',
    udm: 'principal.hostname',
  },
  object: {
    from: 'objectLibrary/object',
    cef: 'cs3',
    leef: 'object',
    ecs: 'ibmi.object.name',
    cim: 'object',
    udm: 'target.resource.name',
  },
  objectType: {
    from: 'objectType',
    cef: 'cs2',
    leef: 'objectType',
    ecs: 'ibmi.object.type',
    cim: 'object_category',
    udm: 'target.resource.resource_subtype',
  },
  path: {
    from: 'path',
    cef: 'filePath',
    leef: 'path',
    ecs: 'file.path',
    cim: 'object_path',
    udm: 'target.file.full_path',
  },
  process: {
    from: 'job',
    cef: 'deviceProcessName',
    leef: 'job',
    ecs: 'process.name',
    cim: 'process',
    udm: 'principal.process.command_line',
  },
  outcome: {
    from: 'outcome',
    cef: 'outcome',
    leef: 'outcome',
    ecs: 'event.outcome',
    cim: 'action / status',
    udm: 'security_result.action',
  },
};

/** How a family (or a family and verb, `authentication/escalation`) changes the roles; null removes one. */
const FAMILY_ROLES: Readonly<Record<string, Readonly<Partial<Record<Role, RoleKeys | null>>>>> = {
  authentication: {
    // The account that tries to authenticate is the user everywhere (ECS: "an event that
    // names only one user puts it at the root"; CIM Authentication `user`; UDM USER_LOGIN
    // `target.user`; ArcSight and Sentinel: destination user, the account logged on to).
    // The job's own user (QUSER for a server) stays in the job fields.
    account: {
      from: 'targetUser, else user',
      cef: 'duser',
      leef: 'usrName',
      ecs: 'user.name',
      cim: 'user',
      udm: 'target.user.userid',
    },
    actor: null,
    targetAccount: null,
    host: {
      from: 'system',
      cef: 'dvchost',
      leef: 'system',
      ecs: 'host.name',
      cim: 'dest',
      udm: 'target.hostname',
    },
  },
  'authentication/escalation': {
    // A profile swap: the job's user (the initiator) becomes another profile (the target).
    actor: {
      from: 'user',
      cef: 'suser',
      leef: 'user',
      ecs: 'user.name',
      cim: 'src_user',
      udm: 'principal.user.userid',
    },
    account: {
      from: 'targetUser',
      cef: 'duser',
      leef: 'usrName',
      ecs: 'user.effective.name',
      cim: 'user',
      udm: 'target.user.userid',
    },
  },
  'account-management': {
    // CIM Account_Management: `user` is the account changed, `src_user` who changed it.
    actor: {
      from: 'user',
      cef: 'suser',
      leef: 'usrName',
      ecs: 'user.name',
      cim: 'src_user',
      udm: 'principal.user.userid',
    },
    targetAccount: {
      from: 'targetUser',
      cef: 'duser',
      leef: 'targetUser',
      ecs: 'user.target.name',
      cim: 'user',
      udm: 'target.user.userid',
    },
  },
  message: { targetAccount: null, object: null, objectType: null, path: null },
};

export interface RoleBinding {
  role: Role;
  keys: RoleKeys;
}

const ROLE_ORDER = Object.keys({
  account: 0,
  actor: 0,
  targetAccount: 0,
  sourceAddress: 0,
  sourcePort: 0,
  destinationAddress: 0,
  destinationPort: 0,
  host: 0,
  object: 0,
  objectType: 0,
  path: 0,
  process: 0,
  outcome: 0,
} satisfies Record<Role, 0>) as Role[];

const rolesCache = new Map<string, Readonly<Partial<Record<Role, RoleKeys>>>>();

/** The roles of a family and verb with their keys (cached: a few dozen combinations). */
export function rolesOf(meaning: Meaning): Readonly<Partial<Record<Role, RoleKeys>>> {
  const id = meaning.category;
  let roles = rolesCache.get(id);
  if (roles === undefined) {
    const merged: Partial<Record<Role, RoleKeys | null>> = {
      ...DEFAULT_ROLES,
      ...FAMILY_ROLES[meaning.family],
      ...FAMILY_ROLES[id],
    };
    const built: Partial<Record<Role, RoleKeys>> = {};
    for (const role of ROLE_ORDER) {
      const keys = merged[role];
      if (keys) built[role] = keys;
    }
    roles = built;
    rolesCache.set(id, roles);
  }
  return roles;
}

/** The value each user role takes: the account (authentication), the actor, the target account. */
export function roleUser(role: Role, event: SecurityEvent, meaning: Meaning): string | undefined {
  const value =
    role === 'account'
      ? meaning.verb === 'escalation'
        ? event.targetUser
        : event.targetUser || event.user
      : role === 'actor'
        ? event.user
        : role === 'targetAccount'
          ? event.targetUser
          : undefined;
  return value === '' ? undefined : value;
}

/** The user roles of a family and verb, in order: the ones whose value is a user profile. */
export const USER_ROLES: readonly Role[] = ['account', 'actor', 'targetAccount'];

export type Siem = 'cef' | 'leef' | 'ecs' | 'cim' | 'udm';
type UserKeys = readonly (readonly [Role, string])[];
/** By meaning (one shared object per family and verb), then format. */
const userKeyCache = new WeakMap<Meaning, Partial<Record<Siem, UserKeys>>>();

/** The user roles a family and verb has, with their key in one format (cached: formatters call it per event). */
export function userKeys(meaning: Meaning, siem: Siem): UserKeys {
  let bySiem = userKeyCache.get(meaning);
  if (bySiem === undefined) {
    bySiem = {};
    userKeyCache.set(meaning, bySiem);
  }
  let keys = bySiem[siem];
  if (keys === undefined) {
    const roles = rolesOf(meaning);
    keys = USER_ROLES.flatMap((role) => {
      const key = roles[role]?.[siem];
      return key === undefined ? [] : [[role, key] as const];
    });
    bySiem[siem] = keys;
  }
  return keys;
}

export interface Endpoints {
  sourceAddress?: string;
  sourcePort?: number;
  destinationAddress?: string;
  destinationPort?: number;
}

/** Who opened the exchange is the source: the remote side unless the event says outbound. */
export function endpointsOf(event: SecurityEvent): Endpoints {
  const outbound = event.direction === 'outbound';
  return {
    sourceAddress: (outbound ? event.localAddress : event.remoteAddress) || undefined,
    sourcePort: outbound ? event.localPort : event.remotePort,
    destinationAddress: (outbound ? event.remoteAddress : event.localAddress) || undefined,
    destinationPort: outbound ? event.remotePort : event.localPort,
  };
}

/** CEF's IPv6 keys (CEF standard, "Special Mappings"): the dictionary keys src and dst are IPv4 only. */
export const CEF_IPV6 = {
  src: { key: 'c6a2', label: 'Source IPv6 Address' },
  dst: { key: 'c6a3', label: 'Destination IPv6 Address' },
} as const;
/** Where CEF puts an address that is not an IP address (a host name). */
export const CEF_HOST = { src: 'shost', dst: 'dhost' } as const;

/**
 * CEF key → Microsoft Sentinel CommonSecurityLog column (learn.microsoft.com/azure/sentinel/cef-name-mapping, V).
 * Keys without a column land in AdditionalExtensions.
 */
export const SENTINEL_COLUMNS: Readonly<Record<string, string>> = {
  suser: 'SourceUserName',
  duser: 'DestinationUserName',
  src: 'SourceIP',
  c6a2: 'DeviceCustomIPv6Address2',
  shost: 'SourceHostName',
  spt: 'SourcePort',
  dst: 'DestinationIP',
  c6a3: 'DeviceCustomIPv6Address3',
  dhost: 'DestinationHostName',
  dpt: 'DestinationPort',
  dvchost: 'DeviceName',
  cs1: 'DeviceCustomString1',
  cs2: 'DeviceCustomString2',
  cs3: 'DeviceCustomString3',
  cs4: 'DeviceCustomString4',
  cs5: 'DeviceCustomString5',
  cs6: 'DeviceCustomString6',
  fname: 'FileName',
  filePath: 'FilePath',
  deviceProcessName: 'ProcessName',
  sproc: 'SourceProcessName',
  outcome: 'EventOutcome',
  act: 'DeviceAction',
  cat: 'DeviceEventCategory',
  msg: 'Message',
  externalId: 'ExternalID',
  reason: 'Reason',
  rt: 'ReceiptTime',
  app: 'ApplicationProtocol',
};

/** CEF custom string slots and their labels (each csN travels with its csNLabel). */
export const CEF_LABELS = {
  cs1: 'program',
  cs2: 'objectType',
  cs3: 'object',
  cs4: 'decodeError',
  cs5: 'entryHex',
  cs6: 'eventId',
} as const;

// ---------------------------------------------------------------------------------------
// Each SIEM's vocabulary per family.

export interface FamilySpec {
  /** One line for the docs. */
  summary: string;
  ecs: {
    kind: 'event' | 'alert';
    /** event.category; empty when no ECS category fits (ECS: leave it out then). */
    category: readonly string[];
    /** event.type by verb; `denied` replaces it for failures where the category allows it. */
    type: Readonly<Partial<Record<Verb | 'default', readonly string[]>>>;
    /** event.type for failures, where the category has one (network, intrusion_detection). */
    failureType?: readonly string[];
  };
  cim: {
    /** The data model (dataset) and the tags that select it. */
    model: string;
    tags: readonly string[];
    /** CIM `action` by verb, and for failures. */
    action: Readonly<Partial<Record<Verb | 'failure' | 'default', string>>>;
    /** Change-model events carry `status` success|failure. */
    status?: boolean;
  };
  udm: {
    /** metadata.event_type by verb (`default` for the rest). */
    eventType: Readonly<Partial<Record<Verb | 'default', string>>>;
    /** For object events without an IFS path: USER_RESOURCE_* instead of FILE_*. */
    withoutPath?: Readonly<Partial<Record<Verb | 'default', string>>>;
    /** security_result.category on failure. */
    failureCategory?: string;
  };
  /** QRadar low-level category by verb: [success, failure]. */
  qradar: Readonly<Partial<Record<Verb | 'default', readonly [number, number]>>>;
  /** ArcSight categorization (categoryObject, categoryBehavior by verb). */
  arcsight: { object: string; behavior: Readonly<Partial<Record<Verb | 'default', string>>> };
}

export const FAMILY_SPECS: Readonly<Record<Family, FamilySpec>> = {
  authentication: {
    summary: 'sign-on and network logon attempts, Kerberos, profile swaps (PW, VN, VP, X0, CV, VL, PS)',
    ecs: {
      kind: 'event',
      category: ['authentication'],
      type: { logon: ['start'], logoff: ['end'], escalation: ['start'] },
    },
    cim: {
      model: 'Authentication',
      tags: ['authentication'],
      action: { failure: 'failure', logoff: 'logoff', default: 'success' },
    },
    udm: {
      eventType: { logon: 'USER_LOGIN', logoff: 'USER_LOGOUT', default: 'USER_UNCATEGORIZED' },
      failureCategory: 'AUTH_VIOLATION',
    },
    qradar: { logon: [3002, 3003], escalation: [3007, 3006], logoff: [4017, 4017], default: [3002, 3003] },
    arcsight: {
      object: '/Host/Operating System',
      behavior: { logoff: '/Access/Stop', escalation: '/Access/Start', default: '/Authentication/Verify' },
    },
  },
  'authorization-failure': {
    summary: 'a user was refused access to an object or function (AF)',
    ecs: { kind: 'event', category: ['file'], type: { default: ['access'] } },
    cim: { model: 'Change', tags: ['change'], action: { default: 'blocked' }, status: true },
    udm: {
      eventType: { default: 'USER_RESOURCE_ACCESS' },
      failureCategory: 'ACL_VIOLATION',
    },
    qradar: { default: [4015, 4015] },
    arcsight: { object: '/Host/Operating System', behavior: { default: '/Access' } },
  },
  'account-management': {
    summary: 'user profiles created, changed, restored or deleted (CP, DS, SO, VU, SD, RU)',
    ecs: {
      kind: 'event',
      category: ['iam'],
      type: {
        creation: ['user', 'creation'],
        change: ['user', 'change'],
        deletion: ['user', 'deletion'],
        access: ['user', 'info'],
      },
    },
    cim: {
      model: 'Change / Account_Management',
      tags: ['change', 'account'],
      action: { creation: 'created', deletion: 'deleted', access: 'read', default: 'modified' },
      status: true,
    },
    udm: {
      eventType: { creation: 'USER_CREATION', deletion: 'USER_DELETION', default: 'USER_UNCATEGORIZED' },
      failureCategory: 'POLICY_VIOLATION',
    },
    qradar: { default: [3001, 3001] },
    arcsight: { object: '/Host/Operating System', behavior: { default: '/Modify' } },
  },
  'object-access': {
    summary:
      'objects read, created, changed, moved, deleted, their authority or owner changed (ZR, ZC, CO, DO, CA, OW…)',
    ecs: {
      kind: 'event',
      category: ['file'],
      type: { access: ['access'], creation: ['creation'], change: ['change'], deletion: ['deletion'] },
    },
    cim: {
      model: 'Change / Endpoint_Changes',
      tags: ['change', 'endpoint'],
      action: { access: 'read', creation: 'created', deletion: 'deleted', default: 'modified' },
      status: true,
    },
    udm: {
      eventType: {
        access: 'FILE_READ',
        creation: 'FILE_CREATION',
        deletion: 'FILE_DELETION',
        default: 'FILE_MODIFICATION',
      },
      withoutPath: {
        access: 'USER_RESOURCE_ACCESS',
        creation: 'USER_RESOURCE_CREATION',
        deletion: 'USER_RESOURCE_DELETION',
        default: 'USER_RESOURCE_UPDATE_CONTENT',
      },
      failureCategory: 'ACL_VIOLATION',
    },
    qradar: { access: [4014, 4015], default: [8014, 4015] },
    arcsight: { object: '/Host/Operating System', behavior: { access: '/Access', default: '/Modify' } },
  },
  'system-configuration': {
    summary:
      'system values, network attributes, auditing, IP rules, exit programs and other settings (SV, NA, AD, GR…)',
    ecs: {
      kind: 'event',
      category: ['configuration'],
      type: { creation: ['creation'], deletion: ['deletion'], access: ['access'], default: ['change'] },
    },
    cim: {
      model: 'Change / All_Changes',
      tags: ['change'],
      action: {
        creation: 'created',
        deletion: 'deleted',
        access: 'read',
        start: 'started',
        end: 'stopped',
        default: 'modified',
      },
      status: true,
    },
    udm: {
      eventType: {
        creation: 'SETTING_CREATION',
        deletion: 'SETTING_DELETION',
        default: 'SETTING_MODIFICATION',
      },
      failureCategory: 'POLICY_VIOLATION',
    },
    qradar: { default: [8003, 4015] },
    arcsight: { object: '/Host/Operating System', behavior: { access: '/Access', default: '/Modify' } },
  },
  intrusion: {
    summary: 'potential intrusions and extrusions the IBM i intrusion monitor detected (IM)',
    ecs: {
      kind: 'alert',
      category: ['intrusion_detection'],
      type: { default: ['info'] },
      failureType: ['denied'],
    },
    cim: {
      model: 'Intrusion_Detection',
      tags: ['ids', 'attack'],
      action: { failure: 'blocked', default: 'allowed' },
    },
    udm: { eventType: { default: 'NETWORK_CONNECTION' }, failureCategory: 'NETWORK_SUSPICIOUS' },
    qradar: { default: [7002, 7002] },
    arcsight: { object: '/Host/Operating System', behavior: { default: '/Access' } },
  },
  job: {
    summary: 'jobs started, ended, changed; commands run; adopted authority used (JS, CD, AP, SG, GS)',
    ecs: {
      kind: 'event',
      category: ['process'],
      type: { start: ['start'], end: ['end'], change: ['change'], default: ['info'] },
    },
    cim: {
      model: 'Endpoint / Processes',
      tags: ['process', 'report'],
      action: { failure: 'blocked', default: 'allowed' },
    },
    udm: {
      eventType: { start: 'PROCESS_LAUNCH', end: 'PROCESS_TERMINATION', default: 'PROCESS_UNCATEGORIZED' },
      failureCategory: 'POLICY_VIOLATION',
    },
    qradar: { default: [8008, 8008] },
    arcsight: {
      object: '/Host/Resource/Process',
      behavior: { start: '/Execute/Start', default: '/Modify' },
    },
  },
  'network-request': {
    summary:
      'network connections and server requests: NetServer sessions, sockets, IPsec, LDAP; SQL, FTP and remote commands from exit points',
    ecs: {
      kind: 'event',
      category: ['network'],
      type: { start: ['start'], end: ['end'], access: ['access'], default: ['info'] },
      failureType: ['denied'],
    },
    cim: {
      model: 'Network_Sessions',
      tags: ['network', 'session'],
      action: { failure: 'blocked', end: 'ended', default: 'started' },
    },
    udm: { eventType: { default: 'NETWORK_CONNECTION' }, failureCategory: 'NETWORK_SUSPICIOUS' },
    qradar: { start: [4016, 4015], end: [4017, 4015], default: [4014, 4015] },
    arcsight: {
      object: '/Host/Application/Service',
      behavior: { start: '/Access/Start', end: '/Access/Stop', default: '/Access' },
    },
  },
  message: {
    summary: 'operator and history log messages (QHST, QSYSOPR, QSYSMSG)',
    ecs: { kind: 'event', category: [], type: {} },
    cim: { model: '–', tags: [], action: {} },
    udm: { eventType: { default: 'STATUS_UNCATEGORIZED' } },
    qradar: { default: [8006, 8007] },
    arcsight: { object: '/Host/Operating System', behavior: {} },
  },
  other: {
    summary: 'everything else: printing, entries known by name only, journal gaps',
    ecs: { kind: 'event', category: [], type: {} },
    cim: { model: '–', tags: [], action: {} },
    udm: { eventType: { default: 'GENERIC_EVENT' } },
    qradar: { default: [8008, 8008] },
    arcsight: { object: '/Host/Operating System', behavior: {} },
  },
};

const byVerb = <T>(table: Readonly<Partial<Record<string, T>>>, verb: Verb): T | undefined =>
  table[verb] ?? table['default'];

/** ECS event.type values. */
export function ecsTypes(meaning: Meaning, outcome: Outcome): readonly string[] {
  const ecs = FAMILY_SPECS[meaning.family].ecs;
  if (outcome === 'failure' && ecs.failureType) return ecs.failureType;
  return byVerb(ecs.type as Record<string, readonly string[]>, meaning.verb) ?? [];
}

/** Splunk CIM `action`. */
export function cimAction(meaning: Meaning, outcome: Outcome): string | undefined {
  const action = FAMILY_SPECS[meaning.family].cim.action;
  if (outcome === 'failure' && action.failure) return action.failure;
  return byVerb(action, meaning.verb);
}

/** Google SecOps UDM metadata.event_type. */
export function udmEventType(meaning: Meaning, hasPath: boolean): string {
  const udm = FAMILY_SPECS[meaning.family].udm;
  const table = !hasPath && udm.withoutPath ? udm.withoutPath : udm.eventType;
  return byVerb(table, meaning.verb) ?? 'GENERIC_EVENT';
}

/** QRadar low-level category id for the QID map. */
export function qradarCategory(meaning: Meaning, outcome: Outcome): number {
  const pair = byVerb(FAMILY_SPECS[meaning.family].qradar, meaning.verb) ?? [8008, 8008];
  return outcome === 'failure' ? pair[1] : pair[0];
}

/** ArcSight categoryBehavior; undefined where no value seen in ArcSight content fits. */
export function arcsightBehavior(meaning: Meaning): string | undefined {
  return byVerb(FAMILY_SPECS[meaning.family].arcsight.behavior, meaning.verb);
}

/** ArcSight categoryOutcome. */
export function arcsightOutcome(outcome: Outcome): string {
  return outcome === 'success' ? '/Success' : outcome === 'failure' ? '/Failure' : '/Attempt';
}

/** QRadar low-level category names (IBM QRadar 7.6 "Event categories" pages, V). */
export const QRADAR_CATEGORY_NAMES: Readonly<Record<number, string>> = {
  3001: 'Unknown Authentication',
  3002: 'Host Login Succeeded',
  3003: 'Host Login Failed',
  3006: 'Privilege Escalation Failed',
  3007: 'Privilege Escalation Succeeded',
  4014: 'Access Permitted',
  4015: 'Access Denied',
  4016: 'Session Opened',
  4017: 'Session Closed',
  7002: 'Suspicious Pattern Detected',
  8003: 'System Configuration',
  8006: 'System Status',
  8007: 'System Error',
  8008: 'Misc System Event',
  8014: 'Successful File Modification',
};

/** CIM `severity` values (CIM: critical, high, medium, low, informational) from the syslog severity. */
export const CIM_SEVERITY: readonly string[] = [
  'critical',
  'critical',
  'critical',
  'high',
  'medium',
  'low',
  'informational',
  'informational',
];

/**
 * Where each column's keys come from: the SIEM's own documentation (V: read there or in a
 * verbatim copy; K where a choice rests on an example, not a rule).
 */
export const SOURCES = {
  cef: 'OpenText "Implementing ArcSight CEF" (SmartConnectors 25.1, CEF document 27): extension dictionary and "Special Mappings" (IPv6 c6a2/c6a3), https://www.microfocus.com/documentation/arcsight/arcsight-smartconnectors-25.1/cef-implementation-standard/ (V, copy)',
  leef: 'IBM "Predefined LEEF event attributes", https://www.ibm.com/docs/en/dsm?topic=overview-predefined-leef-event-attributes (V): usrName, src, dst, srcPort, dstPort, identSrc, cat are normalized; other keys are custom properties',
  ecs: 'Elastic Common Schema 8.17: event.category/type allowed values and user field usage, https://www.elastic.co/guide/en/ecs/current/ecs-allowed-values-event-category.html, https://www.elastic.co/guide/en/ecs/current/ecs-user-usage.html (V)',
  cim: 'Splunk CIM 8.5 data models Authentication, Change, Endpoint, Intrusion Detection, Network Sessions, https://help.splunk.com/en/data-management/common-information-model/8.5/data-models/ (V, copy)',
  sentinel:
    'Microsoft "CEF and CommonSecurityLog field mapping", https://learn.microsoft.com/azure/sentinel/cef-name-mapping, and the CommonSecurityLog table reference (V)',
  udm: 'Google SecOps UDM field list and usage guide, https://cloud.google.com/chronicle/docs/reference/udm-field-list, https://cloud.google.com/chronicle/docs/unified-data-model/udm-usage (V, copy)',
  qradar:
    'IBM QRadar 7.6 event categories: Authentication, Access, System, Suspicious Activity, https://www.ibm.com/docs/en/qsip/7.6.0?topic=categories-authentication and sibling pages (V); no confirmed low-level id for "user account changed" (3001 used, K)',
  arcsight:
    'ArcSight ESM Category Group and values seen in ArcSight content (/Authentication/Verify, /Access/Start, /Modify, /Execute/Start, /Success, /Failure, /Attempt) (V for the values; the full schema was not found, K)',
} as const;
