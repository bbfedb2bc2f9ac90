import { EntryWriter } from './record-writer.js';

/**
 * Entry-specific data of the simulated entry types, written field by field at the J5 offsets
 * of IBM's layout tables. These builders are typed in from IBM's pages independently of the
 * decoder's catalog, so that a test comparing the two compares two transcriptions.
 *
 * Sources (IBM i Security Reference, "Layout of audit journal entries"):
 *   PW rzarlf45 (7.3, 7.6) · AF rzarlf06 (7.4) · CA rzarlf09 (7.3) · CP rzarlf12 (7.1–7.6)
 *   SV rzarlf61 (7.3) · DO rzarlf18 (7.3) · JS rzarlf28 (7.3, 7.4) · ZR rzarlf78 (7.3)
 *   ZC topic=entries-zc-change-object-journal (7.3) · CO: no IBM page could be read; the
 *   simulator writes only the object fields common to object entries (610–638), unconfirmed.
 * Fields past what the stored IBM pages show are not written (they stay blank).
 */

export interface PasswordFailure {
  violation: string;
  user: string;
  device: string;
}

/** PW: 610 violation type C1 · 611 user C10 · 621 device C40 · 661/669/677 APPC locations C8 · 685/695 object C10 · 705 object type C8 (ends 712). */
export function pw(e: PasswordFailure): Uint8Array {
  return new EntryWriter(712).char(610, 1, e.violation).char(611, 10, e.user).char(621, 40, e.device).bytes;
}

export interface ObjectRef {
  object: string;
  library: string;
  objectType: string;
}

/** AF: 610 violation type C1 · 611 object C10 · 621 library C10 · 631 object type C8 (fields after 638 not written). */
export function af(e: ObjectRef & { violation: string }): Uint8Array {
  return new EntryWriter(638)
    .char(610, 1, e.violation)
    .char(611, 10, e.object)
    .char(621, 10, e.library)
    .char(631, 8, e.objectType).bytes;
}

/** Order of CA's authority flags at J5 659–671. */
export const CA_AUTHORITIES = [
  '*OBJEXIST',
  '*OBJMGT',
  '*OBJOPR',
  '*AUTLMGT',
  '*AUTL',
  '*READ',
  '*ADD',
  '*UPD',
  '*DLT',
  '*EXCLUDE',
  '*EXECUTE',
  '*OBJALTER',
  '*OBJREF',
] as const;

/** CA: 610 type · 611 object · 621 library · 631 type · 639 user C10 · 649 authorization list C10 · 659–671 flags C1 · 672 reserved C4 · 676 command type C3 (ends 678). */
export function ca(
  e: ObjectRef & { user: string; authorities: readonly string[]; command: string },
): Uint8Array {
  const w = new EntryWriter(678)
    .char(610, 1, 'A')
    .char(611, 10, e.object)
    .char(621, 10, e.library)
    .char(631, 8, e.objectType)
    .char(639, 10, e.user);
  CA_AUTHORITIES.forEach((authority, i) => {
    w.char(659 + i, 1, e.authorities.includes(authority) ? 'Y' : 'N');
  });
  return w.char(676, 3, e.command).bytes;
}

/** Order of CP's current special-authority flags at J5 645–652. */
export const CP_SPECIAL_AUTHORITIES = [
  '*ALLOBJ',
  '*JOBCTL',
  '*SAVSYS',
  '*SECADM',
  '*SPLCTL',
  '*SERVICE',
  '*AUDIT',
  '*IOSYSCFG',
] as const;

/** CP: 610 type · 611 profile C10 · 621 library · 631 type · 639 command C3 · 642–644 password flags · 645–652 special authorities · 653–656 previous *ALLOBJ/*JOBCTL/*SAVSYS/*SECADM · 666 group C10 · 676 owner C10 (ends 685). */
export function cp(e: {
  profile: string;
  command: string;
  passwordChanged: boolean;
  specialAuthorities: readonly string[];
  previousSpecialAuthorities: readonly string[];
  group: string;
  owner: string;
}): Uint8Array {
  const yn = (b: boolean) => (b ? 'Y' : 'N');
  const w = new EntryWriter(685)
    .char(610, 1, 'A')
    .char(611, 10, e.profile)
    .char(621, 10, 'QSYS')
    .char(631, 8, '*USRPRF')
    .char(639, 3, e.command)
    .char(642, 1, yn(e.passwordChanged))
    .char(643, 1, 'N')
    .char(644, 1, 'N');
  CP_SPECIAL_AUTHORITIES.forEach((sa, i) => {
    w.char(645 + i, 1, yn(e.specialAuthorities.includes(sa)));
    if (i < 4) w.char(653 + i, 1, yn(e.previousSpecialAuthorities.includes(sa)));
  });
  return w.char(666, 10, e.group).char(676, 10, e.owner).bytes;
}

/** SV: 610 type · 611 system value C10 · 621 new value C250 · 871 old value C250 · 1121/1371 continuations · 1621/2621 extensions C1000 (ends 3620). */
export function sv(e: { subtype: string; name: string; newValue: string; oldValue: string }): Uint8Array {
  return new EntryWriter(3620)
    .char(610, 1, e.subtype)
    .char(611, 10, e.name)
    .char(621, 250, e.newValue)
    .char(871, 250, e.oldValue).bytes;
}

/** DO: 610 type · 611 object · 621 library · 631 type · 639 object attribute C10 (fields after 648 not written). */
export function doEntry(e: ObjectRef & { subtype: string; attribute: string }): Uint8Array {
  return new EntryWriter(648)
    .char(610, 1, e.subtype)
    .char(611, 10, e.object)
    .char(621, 10, e.library)
    .char(631, 8, e.objectType)
    .char(639, 10, e.attribute).bytes;
}

/** CO (unconfirmed, see above): 610 type · 611 object · 621 library · 631 object type. */
export function co(e: ObjectRef & { subtype: string }): Uint8Array {
  return new EntryWriter(638)
    .char(610, 1, e.subtype)
    .char(611, 10, e.object)
    .char(621, 10, e.library)
    .char(631, 8, e.objectType).bytes;
}

export interface JobRef {
  jobName: string;
  jobUser: string;
  jobNumber: string;
}

/** JS: 610 type · 611 job type · 612 subtype · 613 job C10 · 623 user C10 · 633 number C6 · 639 device · 649 effective user · 659/669 jobd · 679/689 jobq · 699/709 outq · 719 printer (ends 728). */
export function js(
  e: JobRef & { subtype: string; jobType: string; device: string; effectiveUser: string },
): Uint8Array {
  return new EntryWriter(728)
    .char(610, 1, e.subtype)
    .char(611, 1, e.jobType)
    .char(612, 1, ' ')
    .char(613, 10, e.jobName)
    .char(623, 10, e.jobUser)
    .char(633, 6, e.jobNumber)
    .char(639, 10, e.device)
    .char(649, 10, e.effectiveUser)
    .char(659, 10, e.jobType === 'I' ? 'QDFTJOBD' : 'QBATCH')
    .char(669, 10, 'QGPL')
    .char(679, 10, e.jobType === 'I' ? '' : 'QBATCH')
    .char(689, 10, e.jobType === 'I' ? '' : 'QGPL')
    .char(699, 10, 'QPRINT')
    .char(709, 10, 'QGPL')
    .char(719, 10, 'PRT01').bytes;
}

/** ZR/ZC: 610 type · 611 object · 621 library · 631 type · 639 access type Packed(5,0) · 642 access data C50 · 692 reserved C18 · 710 name length Bin(4) · 712 name CCSID Bin(5) · 716 country C2 · 718 language C3 (ends 720). */
export function objectAccess(e: ObjectRef & { subtype: string; accessType: number }): Uint8Array {
  return new EntryWriter(720)
    .char(610, 1, e.subtype)
    .char(611, 10, e.object)
    .char(621, 10, e.library)
    .char(631, 8, e.objectType)
    .packed(639, 3, e.accessType)
    .bin2(710, 0)
    .bin4(712, 0).bytes;
}

/**
 * GR types A/D/R (exit program added, removed, replaced), as ADDEXITPGM/RMVEXITPGM write it:
 * 610 type · 611 action · 613 user · 623 field 1 CCSID Bin(4) · 627 field 1 length Bin(2) ·
 * 629 field 1 C102 (IBM 7.4 rzarlf21, V). That field 1 holds the exit point name is our
 * reading (K): the page lists exit point, format and program number as what these types
 * carry (AUDIT_JOURNAL_GR, 7.4) but the offsets after field 1 could not be read.
 */
export function exitProgramChange(e: {
  subtype: 'A' | 'D' | 'R';
  user: string;
  exitPoint: string;
}): Uint8Array {
  return new EntryWriter(730)
    .char(610, 1, e.subtype)
    .char(611, 2, 'ZC')
    .char(613, 10, e.user)
    .bin4(623, 37)
    .bin2(627, e.exitPoint.length)
    .char(629, 102, e.exitPoint).bytes;
}
