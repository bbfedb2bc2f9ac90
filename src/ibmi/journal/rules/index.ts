import { type Outcome, SEVERITY, type Severity } from '../../../core/event.js';
import type { DecodedEntry } from '../decode.js';
import { ACCESS_TYPES } from './access-types.js';

/**
 * How each journal entry type becomes a SecurityEvent. One declarative spec per type:
 * the action, which sub-types are failures, the default severity per sub-type, which
 * decoded fields name the target user / object / client, and a readable message.
 * docs/entry-types.md is generated from these specs and the catalog.
 */
export interface RuleInput {
  decoded: DecodedEntry;
  /** Decoded field as text; undefined when absent or blank. */
  f: (key: string) => string | undefined;
  subtype: string | undefined;
  subtypeName: string | undefined;
  /** The acting user. */
  user: string;
  /** ` from 10.1.2.3` when the entry has a remote address, else empty. */
  from: string;
}

export interface RuleOutput {
  action: string;
  outcome: Outcome;
  severity: Severity;
  message: string;
  targetUser?: string;
  object?: string;
  objectLibrary?: string;
  objectType?: string;
  path?: string;
  remoteAddress?: string;
  remotePort?: number;
}

export interface TypeSpec {
  action: string;
  /** Default severity, and per sub-type overrides. */
  severity: Severity;
  severityBySubtype?: Readonly<Record<string, Severity>>;
  /** Sub-types that record a failure (authentication, authorization, rejection). */
  failures?: readonly string[];
  /** Sub-types whose outcome is unknown (informational records); the rest succeed. */
  outcome?: Outcome;
  /** Field keys: [name, library, type]. */
  object?: readonly [string, string?, string?];
  /** Field key of the user profile acted upon. */
  target?: string;
  /** Field keys of a client address and port, used when the heading has none. */
  remote?: readonly [string, string?];
  /** Severity raised for particular content, e.g. a profile that gains *ALLOBJ. */
  raise?: { when: string; to: Severity; test: (input: RuleInput) => boolean };
  /** The readable sentence, given the rule input and the object as text. */
  message: (input: RuleInput, object: string) => string;
}

const { alert, critical, warning, notice, informational } = SEVERITY;

/** `*FILE PAYROLL/EMPMAST` (or just the name when no library/type). */
function objectText(name?: string, library?: string, type?: string): string {
  if (!name) return '';
  return `${type ? `${type} ` : ''}${library ? `${library}/` : ''}${name}`;
}

const by = (input: RuleInput) => `user ${input.user}`;
const what = (input: RuleInput, fallback: string) => input.subtypeName ?? fallback;
const access = (code: string | undefined) => ACCESS_TYPES[code ?? ''] ?? `access ${code ?? '?'}`;
const joined = (f: RuleInput['f'], ...keys: string[]) => keys.map((k) => f(k) ?? '').join('');

const CA_AUTHORITIES: ReadonlyArray<[string, string]> = [
  ['objectExistence', '*OBJEXIST'],
  ['objectManagement', '*OBJMGT'],
  ['objectOperational', '*OBJOPR'],
  ['authorizationListManagement', '*AUTLMGT'],
  ['authorizationList', '*AUTL'],
  ['readAuthority', '*READ'],
  ['addAuthority', '*ADD'],
  ['updateAuthority', '*UPD'],
  ['deleteAuthority', '*DLT'],
  ['excludeAuthority', '*EXCLUDE'],
  ['executeAuthority', '*EXECUTE'],
  ['objectAlterAuthority', '*OBJALTER'],
  ['objectReferenceAuthority', '*OBJREF'],
];

const CP_SPECIAL: ReadonlyArray<[string, string]> = [
  ['allObjectSpecialAuthority', '*ALLOBJ'],
  ['jobControlSpecialAuthority', '*JOBCTL'],
  ['saveSystemSpecialAuthority', '*SAVSYS'],
  ['securityAdministratorAuth', '*SECADM'],
  ['spoolControlSpecialAuthority', '*SPLCTL'],
  ['serviceSpecialAuthority', '*SERVICE'],
  ['auditSpecialAuthority', '*AUDIT'],
  ['systemConfigurationAuth', '*IOSYSCFG'],
];

/** System values whose change weakens or blinds security. */
const SECURITY_SYSTEM_VALUES =
  /^Q(AUD|SEC|PWD|MAXSIGN|MAXSGNACN|ALWOBJRST|CRTAUT|USEADPAUT|RETSVRSEC|LMTSECOFR|INACTITV|DSPSGNINF|SCANFS|VFYOBJRST|FRCCVNRST)/;

const OBJECT = ['objectName', 'libraryName', 'objectType'] as const;

/** Network server (NetServer) entries share a heading: server, date, time, computer, user. */
const netServer = (action: string, severity: Severity, failures: readonly string[] = []): TypeSpec => ({
  action,
  severity,
  failures,
  severityBySubtype: Object.fromEntries(failures.map((s) => [s, warning])),
  target: 'user',
  message: (i) =>
    `Network server ${i.f('serverName') ?? '?'}: ${what(i, action)} for user ${i.f('user') ?? i.f('requesterName') ?? i.f('connectionUser') ?? '?'}${i.f('computerName') || i.f('longComputerName') ? ` from ${i.f('longComputerName') ?? i.f('computerName')}` : ''}`,
});

export const TYPE_SPECS: Readonly<Record<string, TypeSpec>> = {
  AD: {
    action: 'audit-change',
    severity: notice,
    object: OBJECT,
    message: (i, object) =>
      `${by(i)} changed auditing (${what(i, 'audit change')}) of ${object || 'an object'}${i.f('objectAuditValue') ? ` to ${i.f('objectAuditValue')}` : ''}`,
  },
  AF: {
    action: 'authority-failure',
    severity: warning,
    failures: ['*'],
    object: OBJECT,
    severityBySubtype: { K: warning, S: warning, T: warning, X: critical },
    message: (i, object) =>
      `Authority failure (${what(i, 'violation')}) by ${by(i)} on ${object || 'an object'}${i.from}`,
  },
  AP: {
    action: 'adopted-authority',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `Program ${object} ${what(i, 'adopted authority')}${i.f('owningUserProfile') ? ` (owner ${i.f('owningUserProfile')})` : ''} for ${by(i)}`,
  },
  AU: {
    action: 'attribute-change',
    severity: notice,
    message: (i) =>
      `${by(i)} changed ${what(i, 'attribute')} ${i.f('name') ?? ''}${i.f('newValue') ? ` to ${JSON.stringify(i.f('newValue'))}` : ''}`.trim(),
  },
  AX: {
    action: 'access-control-change',
    severity: notice,
    object: ['tableName', 'tableLibrary'],
    message: (i, object) =>
      `${by(i)} changed row and column access control (${what(i, 'RCAC')}) ${i.f('name') ?? ''} on table ${object}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  CA: {
    action: 'authority-change',
    severity: notice,
    object: OBJECT,
    target: 'userName',
    message: (i, object) => {
      const granted = CA_AUTHORITIES.filter(([key]) => i.f(key) === 'Y').map(([, name]) => name);
      const command = i.f('commandType');
      const verb = command === 'RVK' ? 'revoked' : command === 'GRT' ? 'granted' : 'changed';
      return `User ${i.user} ${verb} ${granted.join(' ') || 'authority'} on ${object} ${verb === 'revoked' ? 'from' : 'to'} ${i.f('userName') ?? '?'}`;
    },
  },
  CD: {
    action: 'command',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `${by(i)} ran ${i.f('commandString') ? JSON.stringify(i.f('commandString')) : `command ${object}`}`,
  },
  CO: {
    action: 'object-create',
    severity: informational,
    object: OBJECT,
    message: (i, object) => `User ${i.user} ${i.subtype === 'R' ? 'replaced' : 'created'} ${object}`,
  },
  CP: {
    action: 'profile-change',
    severity: notice,
    target: 'userProfileName',
    raise: {
      when: 'the profile gains *ALLOBJ or holds *SECADM',
      to: warning,
      test: (i) =>
        (i.f('allObjectSpecialAuthority') === 'Y' && i.f('previousAllObjectAuth') === 'N') ||
        i.f('securityAdministratorAuth') === 'Y',
    },
    message: (i) => {
      const current = CP_SPECIAL.filter(([key]) => i.f(key) === 'Y').map(([, name]) => name);
      const gained = i.f('allObjectSpecialAuthority') === 'Y' && i.f('previousAllObjectAuth') === 'N';
      const command = i.f('commandName');
      const verb = command === 'CRT' ? 'created' : command === 'RST' ? 'restored' : 'changed';
      return `User ${i.user} ${verb} user profile ${i.f('userProfileName') ?? '?'}${current.length ? `; special authorities now ${current.join(' ')}` : ''}${gained ? ' (gained *ALLOBJ)' : ''}`;
    },
  },
  CQ: {
    action: 'crqd-change',
    severity: notice,
    object: OBJECT,
    message: (i, object) => `${by(i)} changed change request descriptor ${object}`,
  },
  CU: {
    action: 'cluster-operation',
    severity: notice,
    message: (i) =>
      `Cluster ${i.f('clusterName') ?? '?'}: ${what(i, 'operation')} ${i.f('entryAction') ?? ''} by ${by(i)}`.trim(),
  },
  CV: {
    action: 'connection-verification',
    severity: informational,
    failures: ['R'],
    severityBySubtype: { R: warning },
    remote: ['remoteIpAddress'],
    message: (i) =>
      `Connection ${what(i, 'verification')} for profile ${i.f('pointToPointProfileName') ?? '?'}${i.f('remoteIpAddress') ? ` with ${i.f('remoteIpAddress')}` : ''}`,
  },
  CY: {
    action: 'crypto-configuration',
    severity: notice,
    message: (i) => `${by(i)}: ${what(i, 'cryptographic configuration')} ${i.f('action') ?? ''}`.trim(),
  },
  DI: {
    action: 'directory-server',
    severity: informational,
    message: (i) =>
      `Directory server ${what(i, 'operation')} ${i.f('operationType') ?? ''} by ${by(i)}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  DO: {
    action: 'object-delete',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `User ${i.user} deleted ${i.f('ifsObjectName') ?? object}${i.subtype && i.subtype !== 'A' ? ` (${what(i, '')})` : ''}`,
  },
  DS: {
    action: 'service-tools-user-change',
    severity: warning,
    message: (i) =>
      `${what(i, 'Service tools user ID change')}: ${i.f('serviceToolsUserIdToChange') ?? i.f('serviceToolsUserId') ?? '?'} by ${i.f('serviceToolsUserIdRequestingPrf') ?? i.user}`,
  },
  EV: {
    action: 'environment-variable-change',
    severity: informational,
    message: (i) =>
      `${by(i)}: ${what(i, 'environment variable')} ${i.f('environmentVariableName') ?? ''}`.trim(),
  },
  GR: {
    action: 'generic-record',
    severity: notice,
    severityBySubtype: { A: warning, D: warning, R: warning },
    target: 'userName',
    message: (i) =>
      `${what(i, 'Generic record')} ${i.f('action') ? `(${i.f('action')}) ` : ''}by ${by(i)}${i.f('field1') ? `: ${i.f('field1')}` : ''}`,
  },
  GS: {
    action: 'socket-descriptor',
    severity: informational,
    failures: ['U'],
    target: 'userProfileName',
    message: (i) =>
      `${what(i, 'Socket descriptor')}: job ${i.f('jobNumber') ?? '?'}/${i.f('userName') ?? '?'}/${i.f('jobName') ?? '?'}`,
  },
  IM: {
    action: 'intrusion',
    severity: alert,
    outcome: 'unknown',
    remote: ['remoteIpAddress', 'remotePortNumber'],
    message: (i) =>
      `Potential intrusion detected (probe ${i.f('probeTypeIdentifier') ?? '?'}) from ${i.f('remoteIpAddress') ?? '?'}:${i.f('remotePortNumber') ?? '?'} to ${i.f('localIpAddress') ?? '?'}:${i.f('localPortNumber') ?? '?'}`,
  },
  IP: {
    action: 'ipc',
    severity: informational,
    failures: ['F'],
    severityBySubtype: { F: warning },
    message: (i) =>
      `Interprocess communication: ${what(i, 'operation')} by ${by(i)}${i.f('semaphoreName') ? ` on ${i.f('semaphoreName')}` : ''}`,
  },
  IR: {
    action: 'ip-rules',
    severity: notice,
    message: (i) =>
      `${what(i, 'IP rules action')} by ${by(i)}${i.f('ifsFileName') ? ` (${i.f('ifsFileName')})` : ''}`,
  },
  IS: {
    action: 'ipsec',
    severity: informational,
    failures: ['A'],
    remote: ['remoteIpAddress'],
    message: (i) =>
      `IPsec ${what(i, 'negotiation')} with ${i.f('remoteIpAddress') ?? '?'}${i.f('resultCode') ? ` result ${i.f('resultCode')}` : ''}`,
  },
  JD: {
    action: 'job-description-user-change',
    severity: notice,
    object: ['jobDescription', 'libraryName', 'objectType'],
    target: 'newUser',
    message: (i, object) =>
      `${by(i)} changed the USER of job description ${object} from ${i.f('oldUser') ?? '?'} to ${i.f('newUser') ?? '?'}`,
  },
  JS: {
    action: 'job-change',
    severity: informational,
    target: 'jobUserName',
    message: (i) =>
      `Job ${i.f('jobNumber') ?? '?'}/${i.f('jobUserName') ?? '?'}/${i.f('jobName') ?? '?'}: ${what(i, 'job action')}`,
  },
  KF: {
    action: 'key-ring-file',
    severity: notice,
    failures: ['P'],
    severityBySubtype: { P: warning },
    message: (i) =>
      `Key ring file ${what(i, 'operation')} by ${by(i)}${i.f('objectName') ? ` on ${i.f('objectName')}` : ''}`,
  },
  M7: {
    action: 'db2-mirror-replication',
    severity: informational,
    message: (i) => `Db2 Mirror: ${what(i, 'replication services')}`,
  },
  M9: {
    action: 'db2-mirror-state',
    severity: notice,
    message: (i) =>
      `Db2 Mirror: ${what(i, 'replication state')} ${i.f('aspName') ?? ''} ${i.f('replicationState') ?? ''}`.trim(),
  },
  NA: {
    action: 'network-attribute-change',
    severity: notice,
    message: (i) =>
      `${by(i)} changed ${i.subtype === 'T' ? 'TCP/IP' : 'network'} attribute ${i.f('attribute') ?? '?'} from ${JSON.stringify(i.f('oldAttributeValue') ?? '')} to ${JSON.stringify(i.f('newAttributeValue') ?? '')}`,
  },
  NE: {
    action: 'appn-filter',
    severity: warning,
    failures: ['*'],
    message: () => 'APPN end point filter violation',
  },
  O1: {
    action: 'optical-access',
    severity: informational,
    message: (i) =>
      `Optical ${what(i, 'access')} of ${i.f('objectName') ?? '?'} on volume ${i.f('volumeName') ?? '?'} by ${by(i)}`,
  },
  O2: {
    action: 'optical-access',
    severity: informational,
    message: (i) =>
      `Optical ${what(i, 'access')} ${i.f('srcObjName') ?? '?'} to ${i.f('tgtObjName') ?? '?'} by ${by(i)}`,
  },
  O3: {
    action: 'optical-volume',
    severity: informational,
    message: (i) =>
      `Optical volume ${what(i, 'operation')} ${i.f('oldVolumeName') ?? ''} by ${by(i)}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  OM: {
    action: 'object-move',
    severity: informational,
    object: ['newObjectName', 'newLibraryName', 'objectType'],
    message: (i) =>
      `User ${i.user} ${i.subtype === 'R' ? 'renamed' : 'moved'} ${i.f('objectType') ?? ''} ${i.f('oldLibraryName') ?? '?'}/${i.f('oldObjectName') ?? '?'} to ${i.f('newLibraryName') ?? '?'}/${i.f('newObjectName') ?? '?'}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  OR: {
    action: 'object-restore',
    severity: notice,
    object: ['restoredObjectName', 'restoredLibraryName', 'objectType'],
    message: (i, object) => `User ${i.user} restored ${object} (${what(i, 'restore')})`,
  },
  OW: {
    action: 'ownership-change',
    severity: notice,
    object: OBJECT,
    target: 'newOwner',
    message: (i, object) =>
      `User ${i.user} changed the owner of ${object} from ${i.f('oldOwner') ?? '?'} to ${i.f('newOwner') ?? '?'}`,
  },
  PA: {
    action: 'program-adopt',
    severity: warning,
    object: ['programName', 'programLibrary', 'objectType'],
    message: (i, object) =>
      `User ${i.user}: ${what(i, 'program changed to adopt authority')} ${object}${i.f('owner') ? ` (owner ${i.f('owner')})` : ''}`,
  },
  PF: {
    action: 'ptf-operation',
    severity: notice,
    message: (i) =>
      `PTF ${what(i, 'operation')} ${i.f('ptfId') ?? ''} ${i.f('productId') ?? ''} by ${by(i)}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  PG: {
    action: 'primary-group-change',
    severity: notice,
    object: ['objectName', 'objectLibrary', 'objectType'],
    message: (i, object) =>
      `User ${i.user} changed the primary group of ${object} from ${i.f('oldPrimaryGroup') ?? '?'} to ${i.f('newPrimaryGroup') ?? '?'}`,
  },
  PO: {
    action: 'print',
    severity: informational,
    message: (i) =>
      `Printed output ${i.f('spooledFileName') ?? ''} of job ${i.f('jobNumber') ?? '?'}/${i.f('jobUserName') ?? '?'}/${i.f('jobName') ?? '?'} on ${i.f('deviceName') ?? '?'}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  PS: {
    action: 'profile-swap',
    severity: notice,
    severityBySubtype: { M: warning, I: warning },
    target: 'newTargetUserProfile',
    message: (i) =>
      `${what(i, 'Profile swap')}: user ${i.f('userProfile') ?? i.user}${i.f('newTargetUserProfile') ? ` → ${i.f('newTargetUserProfile')}` : ''}`,
  },
  PU: {
    action: 'ptf-object-change',
    severity: informational,
    object: ['objectName', 'objectLibrary', 'objectType'],
    message: (i, object) => `PTF ${i.f('ptfId') ?? '?'} changed ${i.f('ifsObjectName') ?? object}`,
  },
  PW: {
    action: 'logon',
    severity: warning,
    failures: ['*'],
    severityBySubtype: { Q: critical, X: critical },
    target: 'userName',
    message: (i) =>
      `${what(i, 'Password violation')} for user ${i.f('userName') ?? '?'}${i.f('deviceName') ? ` on device ${i.f('deviceName')}` : ''}${i.from}`,
  },
  RJ: {
    action: 'restore-job-description',
    severity: notice,
    object: ['jobDescriptionName', 'libraryName', 'objectType'],
    target: 'userName',
    message: (i, object) =>
      `User ${i.user} restored job description ${object} that runs as ${i.f('userName') ?? '?'}`,
  },
  RO: {
    action: 'restore-ownership-change',
    severity: notice,
    object: OBJECT,
    target: 'restoredOwner',
    message: (i, object) =>
      `Restored ${object}: owner ${i.f('savedOwner') ?? '?'} changed to ${i.f('restoredOwner') ?? '?'}`,
  },
  RP: {
    action: 'restore-adopting-program',
    severity: warning,
    object: ['programName', 'programLibrary', 'objectType'],
    message: (i, object) =>
      `User ${i.user} restored program ${object} that adopts the authority of ${i.f('ownerName') ?? '?'}`,
  },
  RU: {
    action: 'restore-user-authority',
    severity: notice,
    object: OBJECT,
    target: 'userName',
    message: (i) => `Authority restored for user profile ${i.f('userName') ?? '?'}`,
  },
  RZ: {
    action: 'restore-primary-group-change',
    severity: notice,
    object: ['objectName', 'objectLibrary', 'objectType'],
    message: (i, object) =>
      `Restored ${object}: primary group ${i.f('savedPrimaryGroup') ?? '?'} changed to ${i.f('restoredPrimaryGroup') ?? '?'}`,
  },
  SD: {
    action: 'distribution-directory-change',
    severity: informational,
    target: 'userProfile',
    message: (i) => `System distribution directory change for ${i.f('userProfile') ?? '?'} by ${by(i)}`,
  },
  SF: {
    action: 'spooled-file',
    severity: informational,
    failures: ['X'],
    severityBySubtype: { A: notice, X: warning },
    message: (i) =>
      `${what(i, 'Spooled file action')}: ${i.f('spooledFileName') ?? '?'} number ${i.f('spooledFileNumber') ?? i.f('shortSpooledFileNumber') ?? '?'} by ${by(i)}`,
  },
  SG: {
    action: 'signal',
    severity: informational,
    message: (i) =>
      `${what(i, 'Signal')} ${i.f('signalNumber') ?? ''} from job ${i.f('sourceJobNumber') ?? '?'}/${i.f('sourceJobUserName') ?? '?'}/${i.f('sourceJobName') ?? '?'}`.replace(
        / {2,}/g,
        ' ',
      ),
  },
  SK: {
    action: 'socket-connection',
    severity: informational,
    failures: ['P', 'R', 'X', 'U'],
    severityBySubtype: { X: warning, P: notice },
    remote: ['remoteIpAddress2', 'remotePort'],
    message: (i) =>
      `Socket ${what(i, 'connection')}: ${i.f('localIpAddress2') ?? i.f('localIpAddress') ?? '?'}:${i.f('localPort') ?? '?'} ↔ ${i.f('remoteIpAddress2') ?? i.f('remoteIpAddress') ?? '?'}:${i.f('remotePort') ?? '?'}`,
  },
  SM: {
    action: 'systems-management-change',
    severity: notice,
    message: (i) => `${what(i, 'Systems management change')} by ${by(i)}`,
  },
  SO: {
    action: 'server-security-info',
    severity: notice,
    target: 'userProfile',
    message: (i) =>
      `${what(i, 'Server authentication entry')} for user ${i.f('userProfile') ?? '?'} server ${i.f('serverName') ?? '?'}`,
  },
  ST: {
    action: 'service-tool',
    severity: notice,
    message: (i) => `${by(i)} used service tool ${i.f('serviceTool') ?? '?'}`,
  },
  SV: {
    action: 'system-value-change',
    severity: notice,
    raise: {
      when: 'the system value is security-relevant (QAUD*, QSEC*, QPWD*, QMAXSIGN, QALWOBJRST…)',
      to: warning,
      test: (i) => SECURITY_SYSTEM_VALUES.test(i.f('systemValueOrServiceAttribute') ?? ''),
    },
    message: (i) => {
      const kind =
        i.subtype === 'B' ? 'service attribute' : i.subtype === 'C' ? 'system clock' : 'system value';
      const newValue = joined(i.f, 'newValue', 'newValueContinued', 'newValueContinuedExtension');
      const oldValue = joined(i.f, 'oldValue', 'oldValueContinued', 'oldValueContinuedExtension');
      return `User ${i.user} changed ${kind} ${i.f('systemValueOrServiceAttribute') ?? '?'} from ${JSON.stringify(oldValue)} to ${JSON.stringify(newValue)}`;
    },
  },
  VA: netServer('access-control-list-change', notice, ['F']),
  VC: netServer('network-connection', informational, ['R']),
  VL: netServer('account-limit', warning, ['*']),
  VN: netServer('network-logon', informational, ['R']),
  VO: {
    action: 'validation-list',
    severity: informational,
    failures: ['U'],
    severityBySubtype: { U: warning },
    object: ['validationList', 'libraryName'],
    message: (i, object) => `${what(i, 'Validation list action')} on ${object} by ${by(i)}`,
  },
  VP: netServer('network-password', warning, ['P', 'D', 'A', 'U']),
  VR: netServer('network-resource-access', informational, ['F']),
  VS: netServer('server-session', informational),
  VU: netServer('network-profile-change', notice),
  VV: netServer('service-status-change', notice),
  X0: {
    action: 'kerberos',
    severity: warning,
    failures: [
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'K',
      'L',
      'M',
      'N',
      'O',
      'P',
      'Q',
    ],
    severityBySubtype: { '1': informational },
    remote: ['remoteIpAddress'],
    message: (i) =>
      `Kerberos: ${what(i, 'network authentication')}${i.f('serverPrincipal') ? ` for ${i.f('serverPrincipal')}` : ''}${i.f('remoteIpAddress') ? ` from ${i.f('remoteIpAddress')}` : ''}`,
  },
  XD: {
    action: 'directory-server-extension',
    severity: informational,
    message: (i) =>
      `Directory server groups: ${
        [1, 2, 3, 4, 5]
          .map((n) => i.f(`field${n}`))
          .filter(Boolean)
          .join(', ') || '?'
      }`,
  },
  YC: {
    action: 'dlo-change',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `User ${i.user} changed document ${i.f('folderPath') ?? ''}/${i.f('folderOrDocumentName') ?? object} (${access(i.f('accessType'))})`,
  },
  YR: {
    action: 'dlo-read',
    severity: informational,
    object: OBJECT,
    message: (i, object) =>
      `User ${i.user} read document ${i.f('folderPath') ?? ''}/${i.f('folderOrDocumentName') ?? object} (${access(i.f('accessType'))})`,
  },
  ZC: {
    action: 'object-change',
    severity: informational,
    object: OBJECT,
    message: (i, object) => `User ${i.user} changed ${object} (${access(i.f('accessType'))})`,
  },
  ZR: {
    action: 'object-read',
    severity: informational,
    object: OBJECT,
    message: (i, object) => `User ${i.user} read ${object} (${access(i.f('accessType'))})`,
  },
};

/** Types without a spec (no layout fields known): the title says what happened. */
export const GENERIC_SPEC: TypeSpec = {
  action: 'audit-entry',
  severity: notice,
  outcome: 'unknown',
  message: (i) =>
    `${i.decoded.layout?.title ?? `Entry type ${i.decoded.entry.entryType}`}${i.subtypeName ? ` (${i.subtypeName})` : ''} by ${by(i)}${i.from}`,
};

export function specFor(entryType: string): TypeSpec {
  return TYPE_SPECS[entryType] ?? GENERIC_SPEC;
}

/** Applies a spec; pure. */
export function applySpec(spec: TypeSpec, input: RuleInput): RuleOutput {
  const f = input.f;
  const [nameKey, libraryKey, typeKey] = spec.object ?? NO_OBJECT;
  const object = nameKey ? f(nameKey) : undefined;
  const objectLibrary = libraryKey ? f(libraryKey) : undefined;
  const objectType = typeKey ? f(typeKey) : undefined;
  const subtype = input.subtype ?? '';
  const failures = spec.failures;
  const failed = failures !== undefined && (failures[0] === '*' || failures.includes(subtype));
  let severity = spec.severityBySubtype?.[subtype] ?? spec.severity;
  if (spec.raise && spec.raise.to < severity && spec.raise.test(input)) severity = spec.raise.to;
  const address = spec.remote ? f(spec.remote[0]) : undefined;
  const port = spec.remote?.[1] ? Number(f(spec.remote[1])) : 0;
  return {
    action: spec.action,
    outcome: failed ? 'failure' : (spec.outcome ?? 'success'),
    severity,
    message: spec.message(input, objectText(object, objectLibrary, objectType) || 'an object'),
    targetUser: spec.target ? f(spec.target) : undefined,
    object,
    objectLibrary,
    objectType,
    path: undefined,
    remoteAddress: address,
    remotePort: port > 0 ? port : undefined,
  };
}

const NO_OBJECT: readonly [string?, string?, string?] = [];

/** Severity of an event whose entry could not be decoded: visible, never dropped. */
export const DECODE_ERROR_SEVERITY: Severity = SEVERITY.error;
