// Writes everything that follows from the one mapping table (src/formats/semantics.ts): the
// mapping tables in docs/fields.md, the example lines in docs/siem-profiles.md, the Splunk app
// (integrations/splunk), the QRadar QID map and the ArcSight categorization file.
// Usage: npx tsx scripts/gen-semantics-docs.ts [--check]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROFILE_NAMES, PROFILES, type ProfileName, withProfile } from '../src/agent/profiles.js';
import { SEVERITY, type SecurityEvent } from '../src/core/event.js';
import { eventClassId } from '../src/formats/cef.js';
import { AUDITRELAY_VERSION, compileFormat } from '../src/formats/index.js';
import {
  ACTIONS,
  arcsightBehavior,
  arcsightOutcome,
  CEF_HOST,
  CEF_IPV6,
  cimAction,
  ecsTypes,
  FAMILIES,
  FAMILY_SPECS,
  type Family,
  type Meaning,
  meaningOf,
  QRADAR_CATEGORY_NAMES,
  qradarCategory,
  type Role,
  type RoleKeys,
  rolesOf,
  SENTINEL_COLUMNS,
  SOURCES,
  udmEventType,
  type Verb,
} from '../src/formats/semantics.js';
import { cefSeverity } from '../src/formats/severity.js';
import { REQUEST_KINDS } from '../src/ibmi/exit-points/requests.js';
import { exitRowToEvent } from '../src/ibmi/exit-points/to-event.js';
import { catalogEntryTypes, layoutFor, specFor } from '../src/ibmi/journal/catalog.js';
import type { JournalEntry } from '../src/ibmi/journal/entry.js';
import { journalEntryToEvent } from '../src/ibmi/journal/to-event.js';
import { KNOWN_MESSAGES } from '../src/ibmi/messages/catalog.js';
import { messageToEvent } from '../src/ibmi/messages/to-event.js';
import { af, cp, js, objectAccess, pw, sv } from '../src/ibmi/simulator/entries.js';
import { MORE_ENTRY_BUILDERS } from '../src/ibmi/simulator/more-entries.js';
import { Random } from '../src/ibmi/simulator/scenario.js';
import { DEFAULT_SOURCETYPE } from '../src/sinks/http/splunk-hec.js';
import { journalEntry } from '../test/support/golden.js';

const ROOT = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

function write(path: string, content: string): void {
  const file = join(ROOT, path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) return;
  if (check) stale.push(path);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
function between(text: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`markers ${open} … ${close} missing`);
  return `${text.slice(0, start + open.length)}\n${content}\n${text.slice(end)}`;
}

const code = (value: string | undefined) => (value ? `\`${value}\`` : '–');
const cell = (text: string) => text.replace(/\|/g, '\\|');

// ---------------------------------------------------------------------------------------
// The mapping tables in docs/fields.md

function actionsOf(family: Family): string {
  return Object.entries(ACTIONS)
    .filter(([, spec]) => spec.family === family)
    .map(([action]) => `\`${action}\``)
    .join(', ');
}

function verbsOf(family: Family): Verb[] {
  const verbs = new Set<Verb>();
  for (const spec of Object.values(ACTIONS)) {
    if (spec.family !== family) continue;
    verbs.add(spec.verb);
    for (const verb of Object.values(spec.bySubtype ?? {})) verbs.add(verb);
    for (const verb of Object.values(spec.byField?.values ?? {})) verbs.add(verb);
  }
  return [...verbs];
}

const meaning = (family: Family, verb: Verb): Meaning => ({ family, verb, category: `${family}/${verb}` });

function familiesTable(): string {
  const rows = FAMILIES.map((family) => {
    const spec = FAMILY_SPECS[family];
    const verbs = verbsOf(family);
    /** `verb, verb: value` lines, verbs with the same value together. */
    const byVerb = (render: (verb: Verb) => string | undefined) => {
      const groups = new Map<string, Verb[]>();
      for (const verb of verbs) {
        const value = render(verb) ?? '–';
        groups.set(value, [...(groups.get(value) ?? []), verb]);
      }
      return [...groups].map(([value, group]) => `${group.join(', ')}: ${value}`).join('<br>');
    };
    const ecs =
      spec.ecs.category.length === 0
        ? `kind \`${spec.ecs.kind}\`, no category`
        : `kind \`${spec.ecs.kind}\`, category \`${spec.ecs.category.join(',')}\`<br>${byVerb((verb) => ecsTypes(meaning(family, verb), 'success').join(','))}${spec.ecs.failureType ? `<br>failure: ${spec.ecs.failureType.join(',')}` : ''}`;
    const cim =
      spec.cim.tags.length === 0
        ? 'no data model'
        : `${spec.cim.model} (tags \`${spec.cim.tags.join(' ')}\`)<br>action ${byVerb((verb) => cimAction(meaning(family, verb), 'success'))}${spec.cim.action.failure ? `<br>failure: ${spec.cim.action.failure}` : ''}${spec.cim.status ? '<br>status success\\|failure' : ''}`;
    const udm = byVerb((verb) => {
      const withPath = udmEventType(meaning(family, verb), true);
      const without = udmEventType(meaning(family, verb), false);
      return withPath === without ? withPath : `${withPath} (IFS path), ${without} (library object)`;
    });
    const qradar = byVerb((verb) => {
      const ok = qradarCategory(meaning(family, verb), 'success');
      const failed = qradarCategory(meaning(family, verb), 'failure');
      return ok === failed ? `${ok}` : `${ok} / failure ${failed}`;
    });
    const arcsight = `${spec.arcsight.object}<br>${byVerb((verb) => arcsightBehavior(meaning(family, verb)))}`;
    return `| \`${family}\` | ${spec.summary}<br>${actionsOf(family)} | ${ecs} | ${cim} | ${udm}${spec.udm.failureCategory ? `<br>failure: security_result.category ${spec.udm.failureCategory}` : ''} | ${qradar} | ${arcsight} |`;
  });
  return [
    '| family | actions | ECS `event.*` | Splunk CIM | Google SecOps UDM `metadata.event_type` | QRadar low-level category | ArcSight categoryObject, categoryBehavior |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function cefCell(keys: RoleKeys): string {
  const key = keys.cef;
  if (key === 'src' || key === 'dst') {
    return `\`${key}\` (IPv6: \`${CEF_IPV6[key].key}\` + label; name: \`${CEF_HOST[key]}\`)`;
  }
  return code(key);
}

function sentinelCell(keys: RoleKeys): string {
  const key = keys.cef;
  if (key === undefined) return '–';
  const column = SENTINEL_COLUMNS[key];
  if (key === 'src' || key === 'dst') {
    return `${column} (IPv6: ${SENTINEL_COLUMNS[CEF_IPV6[key].key]})`;
  }
  return column ?? 'AdditionalExtensions';
}

const ROLE_NAMES: Record<Role, string> = {
  account: 'account authenticating',
  actor: 'actor',
  targetAccount: 'target account',
  sourceAddress: 'source address',
  sourcePort: 'source port',
  destinationAddress: 'destination address',
  destinationPort: 'destination port',
  host: 'host (the IBM i)',
  object: 'object',
  objectType: 'object type',
  path: 'IFS path',
  process: 'job',
  outcome: 'outcome',
};

function roleRow(label: string, role: Role, keys: RoleKeys | undefined): string {
  if (keys === undefined) return `| ${label} | ${ROLE_NAMES[role]} | – | – | – | – | – | – | – |`;
  return `| ${label} | ${ROLE_NAMES[role]} | ${cell(keys.from)} | ${cefCell(keys)} | ${code(keys.leef)} | ${code(keys.ecs)} | ${code(keys.cim)} | ${sentinelCell(keys)} | ${code(keys.udm)} |`;
}

const ROLE_ORDER = Object.keys(ROLE_NAMES) as Role[];

function rolesTable(): string {
  const base = rolesOf(meaning('other', 'info'));
  const rows = ROLE_ORDER.filter((role) => base[role]).map((role) =>
    roleRow('every family', role, base[role]),
  );
  const authentication = meaning('authentication', 'logon');
  // Each variant lists the roles that differ from what it would otherwise have.
  const variants: [string, Meaning, Meaning][] = [
    ['`authentication`', authentication, meaning('other', 'info')],
    ['`authentication` escalation (PS)', meaning('authentication', 'escalation'), authentication],
    ['`account-management`', meaning('account-management', 'change'), meaning('other', 'info')],
    ['`message`', meaning('message', 'info'), meaning('other', 'info')],
  ];
  for (const [label, m, against] of variants) {
    const roles = rolesOf(m);
    const before = rolesOf(against);
    for (const role of ROLE_ORDER) {
      if (JSON.stringify(roles[role]) !== JSON.stringify(before[role]))
        rows.push(roleRow(label, role, roles[role]));
    }
  }
  return [
    '| family | role | normalized field | CEF key | LEEF key | ECS field | Splunk CIM field | Sentinel column | Google SecOps UDM field |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function sourcesList(): string {
  return Object.entries(SOURCES)
    .map(([siem, source]) => `- **${siem}**: ${source}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// Example events: one real entry per family, built by the simulator's entry writers and
// decoded and normalized as the agent does.

function entry(entryType: string, data: Uint8Array, heading: Partial<JournalEntry> = {}): SecurityEvent {
  const decoded: JournalEntry = {
    ...journalEntry(entryType, data),
    position: { receiverLibrary: 'AUDLIB', receiver: 'AUDRCV0042', sequence: '48213' },
    timestamp: '2026-11-27-10.15.30.123456',
    ...heading,
  };
  return journalEntryToEvent(decoded, [], { ccsid: 37, utcOffsetMinutes: -300 });
}

const client = { remoteAddress: '10.1.2.3', remotePort: 50123 };
const built = (type: string, seed: number) =>
  MORE_ENTRY_BUILDERS[type]!(new Random(seed), { user: 'MBROWN', object: 'PAYROLL', library: 'HR' })
    .entryData;

const EXAMPLES: Partial<Record<Family, SecurityEvent>> = {
  authentication: entry('PW', pw({ violation: 'P', user: 'MBROWN', device: 'QPADEV0007' }), {
    ...client,
    jobName: 'QPADEV0007',
    jobUser: 'QUSER',
    currentUser: 'QUSER',
    programName: 'QWTMCMNL',
  }),
  'authorization-failure': entry(
    'AF',
    af({ violation: 'A', object: 'PAYROLL', library: 'HR', objectType: '*FILE' }),
    client,
  ),
  'account-management': entry(
    'CP',
    cp({
      profile: 'MBROWN',
      command: 'CHG',
      passwordChanged: false,
      specialAuthorities: ['*ALLOBJ'],
      previousSpecialAuthorities: [],
      group: '',
      owner: '*USRPRF',
    }),
    { jobUser: 'QSECOFR', currentUser: 'QSECOFR' },
  ),
  'object-access': entry(
    'ZR',
    objectAccess({ subtype: 'R', object: 'PAYROLL', library: 'HR', objectType: '*FILE', accessType: 21 }),
    client,
  ),
  'system-configuration': entry('SV', sv({ subtype: 'A', name: 'QMAXSIGN', newValue: '10', oldValue: '3' })),
  intrusion: entry('IM', built('IM', 3), { jobName: 'QTCPIP', jobUser: 'QTCP', currentUser: 'QTCP' }),
  job: entry(
    'JS',
    js({
      subtype: 'S',
      jobType: 'B',
      jobName: 'PAYRUN',
      jobUser: 'MBROWN',
      jobNumber: '654321',
      device: '',
      effectiveUser: 'MBROWN',
    }),
  ),
  // An ODBC client's SQL as the exit-point source reads it from the exit programs' log.
  'network-request': exitRowToEvent(
    {
      entryId: 1187,
      loggedAt: '2026-11-27-10.15.30.123456',
      exitPoint: 'QIBM_QZDA_SQL2',
      exitFormat: 'ZDAQ0200',
      job: '654321/QUSER/QZDASOINIT',
      user: 'ODBCUSR',
      serverId: '*SQLSRV',
      functionId: 0x1806,
      remoteAddress: '10.1.2.3',
      objectLibrary: 'HR',
      statementLength: 38,
      statementText: 'SELECT * FROM HR.PAYROLL FOR READ ONLY',
    },
    { system: 'SIMIBMI', utcOffsetMinutes: -300, library: 'AUDITRELAY', maxStatementLength: 4000 },
  ),
  // A QSYSOPR row as MESSAGE_QUEUE_INFO returns it, normalized as the message-queue source does.
  message: messageToEvent({
    message: {
      origin: 'QSYSOPR',
      queue: 'QSYS/QSYSOPR',
      id: 'CPF0907',
      type: 'INFORMATIONAL',
      subtype: null,
      severity: 80,
      timestamp: '2026-11-27-10.15.30.123456',
      fromUser: 'QSYS',
      fromJob: '000000/QSYS/SCPF',
      fromProgram: 'QSYSARB',
      file: 'QCPFMSG',
      fileLibrary: 'QSYS',
      text: 'Serious storage condition may exist. Press HELP.',
      secondLevel: null,
      key: '00000B2C',
      associatedKey: null,
    },
    context: { system: 'SIMIBMI', utcOffsetMinutes: -300 },
  }),
};

/** What a line gives each SIEM's content, by profile and family. */
function satisfies(profile: ProfileName, event: SecurityEvent): string {
  const m = meaningOf(event);
  const roles = rolesOf(m);
  const users = (key: 'cef' | 'leef' | 'ecs' | 'cim') =>
    (['account', 'actor', 'targetAccount'] as const)
      .map((role) => roles[role]?.[key])
      .filter((k): k is string => k !== undefined);
  const qid = qradarCategory(m, event.outcome);
  const spec = FAMILY_SPECS[m.family];
  switch (profile) {
    case 'qradar':
      return `QID map row (\`${eventClassId(event)}\`, \`${m.category}\`) → ${qid} ${QRADAR_CATEGORY_NAMES[qid]}; normalized: ${['usrName', 'src', 'srcPort', 'dst', 'dstPort', 'identSrc'].filter((key) => new RegExp(`\\t${key}=`).test(compileFormat(withProfile({ profile }))(event))).join(', ') || 'usrName'}`;
    case 'arcsight':
      return `categorization file: ${spec.arcsight.object}, ${arcsightBehavior(m) ?? '(none)'}, ${arcsightOutcome(event.outcome)}; users ${users('cef').join(', ') || '–'}`;
    case 'sentinel':
      return `CommonSecurityLog: ${users('cef')
        .map((key) => SENTINEL_COLUMNS[key])
        .concat(['DeviceEventCategory', 'EventOutcome'])
        .join(', ')}${event.remoteAddress ? ', SourceIP' : ''}`;
    case 'splunk':
      return spec.cim.tags.length === 0
        ? 'no CIM data model fits; searchable by `family`'
        : `CIM ${spec.cim.model} (eventtype \`auditrelay_${m.family.replace(/-/g, '_')}\`, tags ${spec.cim.tags.join(' ')}): action=${cimAction(m, event.outcome)}, ${users('cim').join(', ')}, src, dest`;
    case 'elastic':
      return spec.ecs.category.length === 0
        ? 'ECS: event.kind only (no category fits)'
        : `ECS (JSON line, elasticsearch sink): event.category=${spec.ecs.category.join(',')}, event.type=${ecsTypes(m, event.outcome).join(',')}, event.outcome=${event.outcome}, ${users('ecs').join(', ')}`;
    case 'google-secops':
      return `UDM (parser extension reading these keys): ${udmEventType(m, event.path !== undefined)}${event.outcome === 'failure' && spec.udm.failureCategory ? `, security_result ${spec.udm.failureCategory}` : ''}`;
    case 'logrhythm':
      return `Syslog - Generic CEF: ${users('cef').join(', ') || 'suser'}, src, outcome, cat`;
  }
}

function examplesBlock(profile: ProfileName): string {
  const syslog = compileFormat(withProfile({ profile }));
  const http = PROFILES[profile].httpFormat ? compileFormat(withProfile({ profile }, true)) : undefined;
  const out: string[] = ['| family | what it satisfies |', '|---|---|'];
  const lines: string[] = [];
  for (const family of FAMILIES) {
    const event = EXAMPLES[family];
    if (!event) {
      out.push(`| \`${family}\` | printing, entries known by name only, journal gaps |`);
      continue;
    }
    out.push(`| \`${family}\` (${eventClassId(event)}) | ${cell(satisfies(profile, event))} |`);
    lines.push(`# ${family}: ${eventClassId(event)}`, syslog(event));
    if (http) lines.push(http(event));
  }
  return [
    ...out,
    '',
    http
      ? 'One line per family as the profile sends it over syslog, each followed by the line an HTTP sink sends (`httpFormat`):'
      : 'One line per family, exactly as the profile sends it:',
    '',
    '```',
    ...lines.map((line) => line.replace(/\t/g, '\\t')),
    '```',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------
// The per-SIEM content files

const GENERATED =
  'Generated from src/formats/semantics.ts by `npx tsx scripts/gen-semantics-docs.ts`; do not edit.';
const eventtype = (family: Family) => `auditrelay_${family.replace(/-/g, '_')}`;

function splunkApp(): Record<string, string> {
  const withModel = FAMILIES.filter((family) => FAMILY_SPECS[family].cim.tags.length > 0);
  const eventtypes = withModel.map((family) => {
    // Authentication does not count logoffs (CIM action logoff comes from the Change model).
    const extra = family === 'authentication' ? ' action!=logoff' : '';
    return `[${eventtype(family)}]\nsearch = sourcetype=${DEFAULT_SOURCETYPE} family=${family}${extra}\n`;
  });
  const tags = withModel.map(
    (family) =>
      `[eventtype=${eventtype(family)}]\n${FAMILY_SPECS[family].cim.tags.map((tag) => `${tag} = enabled`).join('\n')}\n`,
  );
  return {
    'integrations/splunk/TA-auditrelay/default/app.conf': `# ${GENERATED}
[install]
is_configured = false

[ui]
is_visible = false
label = AuditRelay IBM i Add-on

[launcher]
author = AuditRelay
description = Search-time knowledge for IBM i events sent by AuditRelay (JSON with CIM field names).
version = ${AUDITRELAY_VERSION}
`,
    'integrations/splunk/TA-auditrelay/default/props.conf': `# ${GENERATED}
# AuditRelay sends one JSON object per event with the CIM field names already set (jsonStyle: cim):
# over HTTP Event Collector (sink type splunk-hec) or as lines over TCP (profile splunk).
[${DEFAULT_SOURCETYPE}]
KV_MODE = json
SHOULD_LINEMERGE = false
LINE_BREAKER = ([\\r\\n]+)
TRUNCATE = 0
TIME_PREFIX = "time":"
TIME_FORMAT = %Y-%m-%dT%H:%M:%S.%6N%:z
MAX_TIMESTAMP_LOOKAHEAD = 40

# AuditRelay's lines arriving on a shared syslog input get their own source type.
[syslog]
TRANSFORMS-auditrelay_sourcetype = auditrelay_sourcetype
`,
    'integrations/splunk/TA-auditrelay/default/transforms.conf': `# ${GENERATED}
# Index-time: lines that are AuditRelay CIM JSON get the source type ${DEFAULT_SOURCETYPE} (used by
# the [syslog] stanza of props.conf, for a shared syslog input).
[auditrelay_sourcetype]
REGEX = ^\\{"time":"[^"]+","family":"
DEST_KEY = MetaData:Sourcetype
FORMAT = sourcetype::${DEFAULT_SOURCETYPE}
`,
    'integrations/splunk/TA-auditrelay/default/eventtypes.conf': `# ${GENERATED}\n${eventtypes.join('\n')}`,
    'integrations/splunk/TA-auditrelay/default/tags.conf': `# ${GENERATED}\n${tags.join('\n')}`,
  };
}

interface IdRow {
  eventId: string;
  category: string;
  name: string;
  description: string;
  severity: number;
  outcome: SecurityEvent['outcome'];
  meaning: Meaning;
}

/** Every (event id, category) pair the audit journal types can produce, from the catalog and its rules. */
function eventIds(): IdRow[] {
  const rows: IdRow[] = [];
  for (const type of catalogEntryTypes()) {
    const layout = layoutFor(type)!;
    const spec = specFor(type);
    const subtypes = layout.fields.find((f) => f.key === layout.subtypeField)?.values;
    const codes: (string | undefined)[] = subtypes ? Object.keys(subtypes) : [undefined];
    for (const subtype of codes) {
      const failed =
        spec.failures !== undefined &&
        (spec.failures[0] === '*' || (subtype !== undefined && spec.failures.includes(subtype)));
      const outcome = failed ? 'failure' : (spec.outcome ?? 'success');
      const actionName = spec.actionBySubtype?.[subtype ?? ''] ?? spec.action;
      const action = ACTIONS[actionName];
      const fieldValues = action?.byField ? [undefined, ...Object.keys(action.byField.values)] : [undefined];
      for (const value of fieldValues) {
        const probe = {
          action: actionName,
          subtype,
          fields: value === undefined || !action?.byField ? {} : { [action.byField.key]: value },
        } as unknown as SecurityEvent;
        const m = meaningOf(probe);
        const eventId = subtype === undefined ? type : `${type}-${subtype}`;
        const meaningText = subtype === undefined ? layout.title : (subtypes?.[subtype] ?? layout.title);
        const suffix = value === undefined ? '' : ` (${action!.byField!.key} ${value})`;
        rows.push({
          eventId,
          category: m.category,
          name: `IBM i ${eventId} ${meaningText}${suffix}`.slice(0, 255),
          description: `${layout.title}: ${meaningText}${suffix}. Audit journal entry type ${type}.`,
          severity: cefSeverity(spec.severityBySubtype?.[subtype ?? ''] ?? spec.severity),
          outcome,
          meaning: m,
        });
      }
    }
  }
  // The message IDs the message sources read as what they say.
  for (const [id, known] of Object.entries(KNOWN_MESSAGES)) {
    const m = meaningOf({ action: known.action, fields: {} } as unknown as SecurityEvent);
    rows.push({
      eventId: id,
      category: m.category,
      name: `IBM i ${id} ${known.name}`.slice(0, 255),
      description: `${known.name}. IBM i message ${id} (QHST, QSYSOPR, QSYSMSG).`,
      severity: cefSeverity(known.severity ?? SEVERITY.notice),
      outcome: known.outcome,
      meaning: m,
    });
  }
  // Every function of every exit point the exit-point source reads.
  for (const [exitPoint, kind] of Object.entries(REQUEST_KINDS)) {
    const ftp = exitPoint.startsWith('QIBM_QTMF_');
    for (const [number, fn] of Object.entries(kind.functions)) {
      const subtype = ftp ? number : Number(number).toString(16).toUpperCase().padStart(4, '0');
      const m = meaningOf({ action: fn.action ?? kind.action, fields: {} } as unknown as SecurityEvent);
      rows.push({
        eventId: `${exitPoint}-${subtype}`,
        category: m.category,
        name: `IBM i ${exitPoint}-${subtype} ${kind.name}: ${fn.name}`.slice(0, 255),
        description: `${kind.name}: ${fn.name}. Logged by AuditRelay's exit program at ${exitPoint}.`,
        severity: cefSeverity(fn.severity ?? SEVERITY.informational),
        outcome: 'unknown',
        meaning: m,
      });
    }
  }
  return rows;
}

const csv = (values: (string | number)[]) =>
  values.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',');

function qidMap(rows: IdRow[]): string {
  return [
    csv([
      'event_id',
      'category',
      'qid_name',
      'qid_description',
      'severity',
      'low_level_category_id',
      'low_level_category_name',
    ]),
    ...rows.map((row) => {
      const id = qradarCategory(row.meaning, row.outcome);
      return csv([
        row.eventId,
        row.category,
        row.name,
        row.description,
        row.severity,
        id,
        QRADAR_CATEGORY_NAMES[id] ?? '',
      ]);
    }),
  ].join('\n');
}

function arcsightCategorization(rows: IdRow[]): string {
  return [
    csv([
      'event.deviceEventClassId',
      'event.deviceEventCategory',
      'set.event.categoryObject',
      'set.event.categoryBehavior',
      'set.event.categoryOutcome',
      'set.event.categorySignificance',
      'set.event.categoryDeviceGroup',
    ]),
    ...rows.map((row) =>
      csv([
        row.eventId,
        row.category,
        FAMILY_SPECS[row.meaning.family].arcsight.object,
        arcsightBehavior(row.meaning) ?? '',
        arcsightOutcome(row.outcome),
        row.outcome === 'failure' || row.meaning.family === 'intrusion'
          ? '/Informational/Warning'
          : '/Informational',
        '/Operating System',
      ]),
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------

let fields = readFileSync(join(ROOT, 'docs/fields.md'), 'utf8');
fields = between(fields, 'families', familiesTable());
fields = between(fields, 'roles', rolesTable());
fields = between(fields, 'sources', sourcesList());
write('docs/fields.md', fields);

let profiles = readFileSync(join(ROOT, 'docs/siem-profiles.md'), 'utf8');
for (const profile of PROFILE_NAMES)
  profiles = between(profiles, `examples:${profile}`, examplesBlock(profile));
write('docs/siem-profiles.md', profiles);

for (const [path, content] of Object.entries(splunkApp())) write(path, content);
const rows = eventIds();
write('integrations/qradar/auditrelay-qidmap.csv', `${qidMap(rows)}\n`);
write('integrations/arcsight/ibm_i_audit.csv', `${arcsightCategorization(rows)}\n`);

if (stale.length > 0) {
  console.error(`out of date (run npx tsx scripts/gen-semantics-docs.ts): ${stale.join(', ')}`);
  process.exit(1);
}
