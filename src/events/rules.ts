import type { DecodedEntry } from '../ibmi/journal/decode.js';
import { type Outcome, SEVERITY, type Severity } from './security-event.js';

/**
 * How each journal entry type becomes a SecurityEvent: which decoded fields fill the
 * normalized ones, the default severity per sub-type, and a readable message.
 * Types without a rule get the generic one (object fields by their usual catalog keys).
 */
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
}

export interface RuleInput {
  decoded: DecodedEntry;
  /** Decoded fields as text. */
  f: (key: string) => string | undefined;
  subtype: string | undefined;
  subtypeName: string | undefined;
  /** The acting user. */
  user: string;
  /** ` from 10.1.2.3` when the entry has a remote address, else empty. */
  from: string;
}

export type Rule = (input: RuleInput) => RuleOutput;

const { critical, warning, notice, informational } = SEVERITY;

/** `*FILE PAYROLL/EMPMAST`, or the IFS path when there is one. */
function objectText(f: RuleInput['f']): string {
  const path = f('pathName');
  if (path) return path;
  const name = f('objectName') ?? f('ifsObjectName') ?? '';
  const library = f('libraryName') ?? f('objectLibrary') ?? '';
  const type = f('objectType') ?? '';
  return `${type ? `${type} ` : ''}${library ? `${library}/` : ''}${name}`.trim();
}

function objectFields(
  f: RuleInput['f'],
): Pick<RuleOutput, 'object' | 'objectLibrary' | 'objectType' | 'path'> {
  return {
    object: f('objectName') || f('ifsObjectName') || undefined,
    objectLibrary: f('libraryName') || f('objectLibrary') || undefined,
    objectType: f('objectType') || undefined,
    path: f('pathName') || undefined,
  };
}

/** Access codes of ZC/ZR/YC/YR (IBM "Numeric codes for access types", rzarlf79, 7.3). */
export const ACCESS_TYPES: Readonly<Record<string, string>> = {
  '1': 'Add',
  '2': 'Activate program',
  '3': 'Analyze',
  '4': 'Apply',
  '5': 'Call or TFRCTL',
  '6': 'Configure',
  '7': 'Change',
  '8': 'Check',
  '9': 'Close',
  '10': 'Clear',
  '11': 'Compare',
  '12': 'Cancel',
  '13': 'Copy',
  '14': 'Create',
  '15': 'Convert',
  '16': 'Debug',
  '17': 'Delete',
  '18': 'Dump',
  '19': 'Display',
  '20': 'Edit',
  '21': 'End',
  '22': 'File',
  '23': 'Grant',
  '24': 'Hold',
  '25': 'Initialize',
  '26': 'Load',
  '27': 'List',
  '28': 'Move',
  '29': 'Merge',
  '30': 'Open',
  '32': 'Query',
  '33': 'Reclaim',
  '34': 'Receive',
  '35': 'Read',
  '36': 'Reorganize',
  '37': 'Release',
  '38': 'Remove',
  '39': 'Rename',
  '40': 'Replace',
  '41': 'Resume',
  '42': 'Restore',
  '43': 'Retrieve',
  '44': 'Run',
  '45': 'Revoke',
  '46': 'Save',
  '47': 'Save with storage free',
  '48': 'Save and delete',
  '49': 'Submit',
  '50': 'Set',
  '51': 'Send',
  '52': 'Start',
  '53': 'Transfer',
  '54': 'Trace',
  '55': 'Verify',
  '56': 'Vary',
  '57': 'Work',
  '58': 'Read DLO attribute',
  '59': 'Change DLO attribute',
  '60': 'Read DLO security',
  '61': 'Change DLO security',
  '62': 'Add constraint',
  '63': 'Change constraint',
  '64': 'Remove constraint',
  '65': 'Start procedure',
  '66': 'Get access on **OOPOOL',
  '67': 'Sign object',
  '68': 'Remove all signatures',
  '69': 'Clear signed object',
  '70': 'Mount',
  '71': 'Unload',
  '72': 'End rollback',
};

/** Special-authority flags of CP (J5 645–652) in IBM's order, by catalog key. */
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

export const RULES: Readonly<Record<string, Rule>> = {
  PW: ({ f, subtype, subtypeName, from }) => {
    const target = f('userName');
    const disabled = subtype === 'Q' || subtype === 'X';
    return {
      action: 'logon',
      outcome: 'failure',
      severity: disabled ? critical : warning,
      targetUser: target,
      message: `${subtypeName ?? 'Password violation'} for user ${target ?? '?'}${f('deviceName') ? ` on device ${f('deviceName')}` : ''}${from}`,
    };
  },
  AF: ({ f, subtypeName, user, from }) => ({
    action: 'authority-failure',
    outcome: 'failure',
    severity: warning,
    ...objectFields(f),
    message: `Authority failure (${subtypeName ?? 'violation'}) by user ${user} on ${objectText(f) || 'an object'}${from}`,
  }),
  CA: ({ f, user }) => {
    const granted = CA_AUTHORITIES.filter(([key]) => f(key) === 'Y').map(([, name]) => name);
    const command = f('commandType');
    const verb = command === 'RVK' ? 'revoked' : command === 'GRT' ? 'granted' : 'changed';
    return {
      action: 'authority-change',
      outcome: 'success',
      severity: notice,
      targetUser: f('userName'),
      ...objectFields(f),
      message: `User ${user} ${verb} ${granted.join(' ') || 'authority'} on ${objectText(f)} ${verb === 'revoked' ? 'from' : 'to'} ${f('userName') ?? '?'}`,
    };
  },
  CP: ({ f, user }) => {
    const current = CP_SPECIAL.filter(([key]) => f(key) === 'Y').map(([, name]) => name);
    const previousAllObj = f('previousAllObjectAuth');
    const gainedAllObj = f('allObjectSpecialAuthority') === 'Y' && previousAllObj === 'N';
    const command = f('commandName');
    const verb = command === 'CRT' ? 'created' : command === 'RST' ? 'restored' : 'changed';
    return {
      action: 'profile-change',
      outcome: 'success',
      severity: gainedAllObj || current.includes('*SECADM') ? warning : notice,
      targetUser: f('userProfileName'),
      message: `User ${user} ${verb} user profile ${f('userProfileName') ?? '?'}${current.length ? `; special authorities now ${current.join(' ')}` : ''}${gainedAllObj ? ' (gained *ALLOBJ)' : ''}`,
    };
  },
  SV: ({ f, user, subtype }) => {
    const name = f('systemValueOrServiceAttribute') ?? '?';
    const newValue = [f('newValue'), f('newValueContinued'), f('newValueContinuedExtension')]
      .filter(Boolean)
      .join('');
    const oldValue = [f('oldValue'), f('oldValueContinued'), f('oldValueContinuedExtension')]
      .filter(Boolean)
      .join('');
    const what = subtype === 'B' ? 'service attribute' : subtype === 'C' ? 'system clock' : 'system value';
    const securityRelevant = /^Q(AUD|SEC|PWD|MAXSIGN|ALWOBJRST|CRTAUT|USEADPAUT|RETSVRSEC|LMTSECOFR)/.test(
      name,
    );
    return {
      action: 'system-value-change',
      outcome: 'success',
      severity: securityRelevant ? warning : notice,
      message: `User ${user} changed ${what} ${name} from ${JSON.stringify(oldValue)} to ${JSON.stringify(newValue)}`,
    };
  },
  CO: ({ f, user, subtype }) => ({
    action: 'object-create',
    outcome: 'success',
    severity: informational,
    ...objectFields(f),
    message: `User ${user} ${subtype === 'R' ? 'replaced' : 'created'} ${objectText(f)}`,
  }),
  DO: ({ f, user }) => ({
    action: 'object-delete',
    outcome: 'success',
    severity: informational,
    ...objectFields(f),
    message: `User ${user} deleted ${objectText(f)}`,
  }),
  ZR: ({ f, user }) => {
    const access = ACCESS_TYPES[f('accessType') ?? ''] ?? `access ${f('accessType') ?? '?'}`;
    return {
      action: 'object-read',
      outcome: 'success',
      severity: informational,
      ...objectFields(f),
      message: `User ${user} read ${objectText(f)} (${access})`,
    };
  },
  ZC: ({ f, user }) => {
    const access = ACCESS_TYPES[f('accessType') ?? ''] ?? `access ${f('accessType') ?? '?'}`;
    return {
      action: 'object-change',
      outcome: 'success',
      severity: informational,
      ...objectFields(f),
      message: `User ${user} changed ${objectText(f)} (${access})`,
    };
  },
  JS: ({ f, subtypeName }) => ({
    action: 'job-change',
    outcome: 'success',
    severity: informational,
    targetUser: f('jobUserName'),
    message: `Job ${f('jobNumber') ?? '?'}/${f('jobUserName') ?? '?'}/${f('jobName') ?? '?'}: ${subtypeName ?? 'job action'}`,
  }),
};

/** Entry types without their own rule. */
export const GENERIC_RULE: Rule = ({ decoded, f, subtypeName, user, from }) => {
  const what = decoded.layout?.title ?? `entry type ${decoded.entry.entryType}`;
  const object = objectText(f);
  return {
    action: what
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    outcome: 'unknown',
    severity: notice,
    ...objectFields(f),
    message: `${what}${subtypeName ? ` (${subtypeName})` : ''} by user ${user}${object ? ` on ${object}` : ''}${from}`,
  };
};

/** Severity of an event whose entry could not be decoded: visible, never dropped. */
export const DECODE_ERROR_SEVERITY: Severity = SEVERITY.error;
