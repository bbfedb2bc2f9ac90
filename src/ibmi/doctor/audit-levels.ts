/**
 * Which QAUDLVL/QAUDLVL2 value makes the system write each audit journal entry type.
 * Source: IBM's "Security auditing journal entries" table (Security reference,
 * rzarlsecaudje.htm, 7.2/7.4) as transcribed in /work/shared/reference/ibmi-sources.md:
 * V where that note read the level on an IBM page (AF, PW, CA, OW, CP, IM), K for the rest.
 * `object` marks entries that object auditing (QAUDCTL *OBJAUD with CHGOBJAUD/CHGAUD)
 * writes rather than an audit level. CD needs the user-level value *CMD (CHGUSRAUD), which
 * QAUDLVL does not take.
 */
export interface AuditSource {
  levels: readonly string[];
  object?: boolean;
  userLevel?: boolean;
}

const level = (...levels: string[]): AuditSource => ({ levels });
const objectAuditing: AuditSource = { levels: [], object: true };

export const ENTRY_AUDIT_LEVELS: Readonly<Record<string, AuditSource>> = {
  AD: { levels: ['*SECCFG'], object: true },
  AF: level('*AUTFAIL'),
  AP: level('*PGMADP'),
  AU: level('*SECCFG'),
  AX: level('*SECCFG'),
  CA: level('*SECRUN'),
  CD: { levels: [], userLevel: true },
  CO: level('*CREATE'),
  CP: level('*SECCFG'),
  CQ: level('*SECCFG'),
  CU: level('*NETCLU'),
  CV: level('*NETBAS'),
  CY: level('*SECCFG'),
  DI: level('*SECDIRSRV'),
  DO: level('*DELETE'),
  DS: level('*SECCFG'),
  EV: level('*SECCFG'),
  GR: level('*SECCFG'),
  GS: level('*SECSCKD'),
  IM: level('*ATNEVT'),
  IP: level('*SECIPC'),
  IR: level('*NETBAS'),
  IS: level('*NETBAS'),
  JD: level('*SECCFG'),
  JS: level('*JOBBAS'),
  KF: level('*SECCFG'),
  LD: objectAuditing,
  ML: level('*OFCSRV'),
  NA: level('*SECCFG'),
  ND: level('*NETBAS'),
  NE: level('*NETBAS'),
  OM: level('*OBJMGT'),
  OR: level('*SAVRST'),
  OW: level('*SECRUN'),
  O1: level('*OPTICAL'),
  O2: level('*OPTICAL'),
  O3: level('*OPTICAL'),
  PA: level('*SECCFG'),
  PF: level('*PTFOPR'),
  PG: level('*SECRUN'),
  PO: level('*PRTDTA'),
  PS: level('*SECVFY'),
  PU: level('*PTFOBJ'),
  PW: level('*AUTFAIL'),
  RA: level('*SAVRST'),
  RJ: level('*SAVRST'),
  RO: level('*SAVRST'),
  RP: level('*SAVRST'),
  RQ: level('*SAVRST'),
  RU: level('*SAVRST'),
  RZ: level('*SAVRST'),
  SD: level('*OFCSRV'),
  SE: level('*SECCFG'),
  SF: level('*SPLFDTA'),
  SG: level('*JOBDTA'),
  SK: level('*NETSCK'),
  SM: level('*SYSMGT'),
  SO: level('*SECCFG'),
  ST: level('*SERVICE'),
  SV: level('*SECCFG'),
  VA: level('*SECCFG'),
  VC: level('*NETCMN'),
  VF: level('*NETCMN'),
  VL: level('*SYSMGT'),
  VN: level('*NETCMN'),
  VO: level('*SECVLDL'),
  VP: level('*AUTFAIL'),
  VR: objectAuditing,
  VS: level('*NETCMN'),
  VU: level('*SECCFG'),
  VV: level('*SERVICE'),
  X0: level('*SECNAS'),
  X1: level('*SECVFY'),
  X2: level('*SECCFG'),
  X3: level('*SECCFG'),
  XD: level('*SECDIRSRV'),
  YC: objectAuditing,
  YR: objectAuditing,
  ZC: objectAuditing,
  ZM: objectAuditing,
  ZR: objectAuditing,
};

/** CHGSECAUD QAUDLVL(*DFTSET) (IBM 7.4 rzarlchgsaud.htm, V): what to ask for when every type is wanted. */
export const DEFAULT_SET = ['*AUTFAIL', '*CREATE', '*DELETE', '*SECURITY', '*SAVRST'] as const;

/** Values that stand for a group (CHGSECAUD 7.3; the membership is K). */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  '*SECURITY': ['*SECCFG', '*SECDIRSRV', '*SECIPC', '*SECNAS', '*SECRUN', '*SECSCKD', '*SECVFY', '*SECVLDL'],
  '*JOBDTA': ['*JOBBAS', '*JOBCHGUSR'],
  '*NETCMN': ['*NETBAS', '*NETCLU', '*NETFAIL', '*NETSCK'],
};

/** The values in effect, groups expanded. */
export function effectiveLevels(values: readonly string[]): Set<string> {
  const set = new Set(values);
  for (const [group, members] of Object.entries(GROUPS)) {
    if (set.has(group)) for (const m of members) set.add(m);
  }
  return set;
}

/** Whether a value (possibly a group) is in effect. */
export function levelActive(value: string, active: ReadonlySet<string>): boolean {
  return GROUPS[value]?.every((m) => active.has(m)) ?? active.has(value);
}
