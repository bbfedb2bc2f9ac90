import * as entries from './entries.js';
import { MORE_ENTRY_BUILDERS, MORE_ENTRY_TYPES } from './more-entries.js';
import type { HeadingValues } from './record-writer.js';

/**
 * Generates realistic audit activity for a small IBM i shop: interactive and host-server
 * jobs, reads and changes of payroll files, a password-spraying burst from one address,
 * brute force that ends in a disabled profile, a profile given *ALLOBJ, system value
 * changes. Seeded and self-contained: the same seed gives the same journal.
 */

export interface SimulatedEntry {
  heading: HeadingValues;
  entryData: Uint8Array;
  /** What else the system does because of this entry (the messages it sends). */
  notice?: { profileDisabled: string; device: string };
  /** The object a routine entry touched (ZR, ZC, AF): what a server job's request named. */
  object?: entries.ObjectRef;
}

/** Small, fast, seedable PRNG (mulberry32); its whole state is one 32-bit integer. */
export class Random {
  constructor(public state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

const STAFF = [
  'JSMITH',
  'MBROWN',
  'AGARCIA',
  'KLEE',
  'PJONES',
  'TNGUYEN',
  'DWILSON',
  'SMULLER',
  'RKUMAR',
  'LDUBOIS',
];
const SERVICE_USERS = ['ETLBATCH', 'WEBSVC', 'APIUSER', 'ODBCUSR'];
const ADMINS = ['QSECOFR', 'SECADM1'];
const OFFICE_NET = (r: Random) => `10.20.${r.int(1, 30)}.${r.int(2, 250)}`;
const ATTACKERS = ['203.0.113.45', '198.51.100.77', '192.0.2.200'];
const FILES: readonly entries.ObjectRef[] = [
  { object: 'EMPMAST', library: 'PAYROLL', objectType: '*FILE' },
  { object: 'SALHIST', library: 'PAYROLL', objectType: '*FILE' },
  { object: 'BANKACCT', library: 'PAYROLL', objectType: '*FILE' },
  { object: 'CUSTMAST', library: 'SALESLIB', objectType: '*FILE' },
  { object: 'ORDHDR', library: 'SALESLIB', objectType: '*FILE' },
  { object: 'PRICELST', library: 'SALESLIB', objectType: '*DTAARA' },
  { object: 'QAUDJRN', library: 'QSYS', objectType: '*JRN' },
  { object: 'PAYCALC', library: 'PAYROLL', objectType: '*PGM' },
];
/** IBM numeric access codes (rzarlf79): 30 Open, 35 Read, 19 Display, 43 Retrieve, 7 Change, 10 Clear, 40 Replace. */
const READ_ACCESS = [30, 35, 19, 43];
const CHANGE_ACCESS = [7, 30, 10, 40];

interface Job {
  jobName: string;
  jobUser: string;
  jobNumber: string;
  user: string;
  program: string;
  programLibrary: string;
  remoteAddress: string;
  remotePort: number;
}

interface Burst {
  kind: 'spray' | 'brute';
  remaining: number;
  source: string;
  victim: string;
}

export interface ScenarioState {
  random: number;
  jobNumber: number;
  burst: Burst | undefined;
}

export class Scenario {
  private readonly random: Random;
  private jobNumber: number;
  private burst: Burst | undefined;

  constructor(seed: number, state?: ScenarioState) {
    this.random = new Random(state?.random ?? seed);
    this.jobNumber = state?.jobNumber ?? 100000 + (seed % 800000);
    this.burst = state?.burst;
  }

  /** Everything needed to continue the same sequence after a restart. */
  snapshot(): ScenarioState {
    return { random: this.random.state, jobNumber: this.jobNumber, burst: this.burst && { ...this.burst } };
  }

  next(): SimulatedEntry {
    if (this.burst) return this.burstEntry(this.burst);
    const r = this.random;
    const roll = r.next();
    if (roll < 0.003) {
      // Password spraying: one address, many profiles, over Telnet.
      this.burst = { kind: 'spray', remaining: r.int(8, 20), source: r.pick(ATTACKERS), victim: '' };
      return this.burstEntry(this.burst);
    }
    if (roll < 0.005) {
      // Brute force: one profile until QMAXSIGN disables it (violation Q).
      this.burst = { kind: 'brute', remaining: 5, source: r.pick(ATTACKERS), victim: r.pick(STAFF) };
      return this.burstEntry(this.burst);
    }
    if (roll < 0.006) return this.grantAllObject();
    if (roll < 0.008) return this.systemValueChange();
    return this.routine(roll);
  }

  private burstEntry(burst: Burst): SimulatedEntry {
    const r = this.random;
    burst.remaining--;
    if (burst.remaining <= 0) this.burst = undefined;
    if (burst.kind === 'spray') {
      const job = { ...this.newJob('interactive', 'QUSER'), jobUser: 'QTCP', remoteAddress: burst.source };
      const target = r.next() < 0.7 ? r.pick(STAFF) : r.pick(['ADMIN', 'ROOT', 'ORACLE', 'TEST']);
      const violation = STAFF.includes(target) ? 'P' : 'U';
      return {
        heading: this.heading('PW', job),
        entryData: entries.pw({ violation, user: target, device: job.jobName }),
      };
    }
    const job = { ...this.newJob('server', 'QUSER'), jobName: 'QZSOSIGN', remoteAddress: burst.source };
    const violation = burst.remaining > 0 ? 'P' : 'Q';
    return {
      heading: this.heading('PW', job),
      entryData: entries.pw({ violation, user: burst.victim, device: 'QZSOSIGN' }),
      // QMAXSIGN reached: the profile is disabled and the operator told (CPF1393).
      ...(violation === 'Q' && { notice: { profileDisabled: burst.victim, device: 'QZSOSIGN' } }),
    };
  }

  private newJob(kind: 'interactive' | 'server' | 'batch', user: string): Job {
    const r = this.random;
    this.jobNumber = this.jobNumber >= 999999 ? 100000 : this.jobNumber + 1;
    const jobNumber = String(this.jobNumber).padStart(6, '0');
    if (kind === 'interactive') {
      return {
        jobName: `QPADEV${String(r.int(1, 60)).padStart(4, '0')}`,
        jobUser: user,
        jobNumber,
        user,
        program: 'QCMD',
        programLibrary: 'QSYS',
        remoteAddress: OFFICE_NET(r),
        remotePort: r.int(49152, 65535),
      };
    }
    if (kind === 'server') {
      return {
        jobName: r.pick(['QZDASOINIT', 'QZRCSRVS', 'QTFTP01234', 'QZSOSIGN']),
        jobUser: 'QUSER',
        jobNumber,
        user,
        program: 'QZDAINIT',
        programLibrary: 'QSYS',
        remoteAddress: OFFICE_NET(r),
        remotePort: r.int(49152, 65535),
      };
    }
    return {
      jobName: r.pick(['NIGHTLY', 'PAYRUN', 'ETLLOAD']),
      jobUser: user,
      jobNumber,
      user,
      program: r.pick(['PAYCALC', 'ETLMAIN']),
      programLibrary: 'PAYROLL',
      remoteAddress: '',
      remotePort: 0,
    };
  }

  private heading(entryType: string, job: Job): HeadingValues {
    return {
      journalCode: 'T',
      entryType,
      jobName: job.jobName,
      jobUser: job.jobUser,
      jobNumber: job.jobNumber,
      programName: job.program,
      programLibrary: job.programLibrary,
      currentUser: job.user,
      remoteAddress: job.remoteAddress,
      remotePort: job.remotePort || undefined,
      addressFamily: job.remoteAddress ? '4' : '0',
    };
  }

  private routine(roll: number): SimulatedEntry {
    const r = this.random;
    const user = r.next() < 0.75 ? r.pick(STAFF) : r.pick(SERVICE_USERS);
    const job = this.newJob(r.pick(['interactive', 'server', 'server', 'batch'] as const), user);
    const file = r.pick(FILES);
    if (r.next() < 0.08) {
      // The long tail: every other documented entry type, now and then.
      const type = r.pick(MORE_ENTRY_TYPES);
      const built = MORE_ENTRY_BUILDERS[type]!(r, {
        user,
        object: file.object,
        library: file.library,
        objectType: file.objectType,
      });
      return { heading: this.heading(type, job), entryData: built.entryData };
    }
    const p = roll * 100;
    if (p < 32) {
      return {
        heading: this.heading('ZR', job),
        entryData: entries.objectAccess({ ...file, subtype: 'R', accessType: r.pick(READ_ACCESS) }),
        object: file,
      };
    }
    if (p < 42) {
      return {
        heading: this.heading('ZC', job),
        entryData: entries.objectAccess({ ...file, subtype: 'C', accessType: r.pick(CHANGE_ACCESS) }),
        object: file,
      };
    }
    if (p < 62) {
      const interactive = job.jobName.startsWith('QPADEV');
      return {
        heading: this.heading('JS', job),
        entryData: entries.js({
          ...job,
          subtype: r.pick(['S', 'E', 'B']),
          jobType: interactive ? 'I' : 'B',
          device: interactive ? job.jobName : '',
          effectiveUser: user,
        }),
      };
    }
    if (p < 70) {
      const object = {
        object: `TMP${r.int(1000, 9999)}`,
        library: 'QTEMP',
        objectType: r.pick(['*FILE', '*DTAARA', '*USRSPC']),
      };
      return {
        heading: this.heading('CO', job),
        entryData: entries.co({ ...object, subtype: r.next() < 0.8 ? 'N' : 'R' }),
      };
    }
    if (p < 76) {
      const object = { object: `WRK${r.int(1000, 9999)}`, library: 'QGPL', objectType: '*FILE' };
      return {
        heading: this.heading('DO', job),
        entryData: entries.doEntry({ ...object, subtype: 'A', attribute: 'PF' }),
      };
    }
    if (p < 84) {
      const object = r.pick(FILES.slice(0, 3));
      return {
        heading: this.heading('AF', job),
        entryData: entries.af({ ...object, violation: r.pick(['A', 'A', 'A', 'K']) }),
        object,
      };
    }
    if (p < 92) {
      const interactive = this.newJob('interactive', user);
      return {
        heading: this.heading('PW', {
          ...interactive,
          jobName: 'QPADEV0001',
          jobUser: 'QUSER',
          user: 'QUSER',
        }),
        entryData: entries.pw({
          violation: r.pick(['P', 'P', 'P', 'U', 'R']),
          user,
          device: interactive.jobName,
        }),
      };
    }
    const admin = this.newJob('interactive', r.pick(ADMINS));
    return {
      heading: this.heading('CA', admin),
      entryData: entries.ca({
        ...file,
        user: r.pick(STAFF),
        authorities: r.next() < 0.5 ? ['*OBJOPR', '*READ', '*EXECUTE'] : ['*EXCLUDE'],
        command: r.next() < 0.7 ? 'GRT' : 'RVK',
      }),
    };
  }

  private grantAllObject(): SimulatedEntry {
    const r = this.random;
    const admin = this.newJob('interactive', r.pick(ADMINS));
    return {
      heading: this.heading('CP', admin),
      entryData: entries.cp({
        profile: r.pick(STAFF),
        command: 'CHG',
        passwordChanged: false,
        specialAuthorities: ['*ALLOBJ', '*JOBCTL'],
        previousSpecialAuthorities: ['*JOBCTL'],
        group: 'STAFF',
        owner: 'QSECOFR',
      }),
    };
  }

  private systemValueChange(): SimulatedEntry {
    const r = this.random;
    const change = r.pick([
      {
        name: 'QAUDLVL',
        newValue: '*AUTFAIL *SECURITY',
        oldValue: '*AUTFAIL *CREATE *DELETE *SECURITY *SAVRST',
      },
      { name: 'QPWDMINLEN', newValue: '6', oldValue: '8' },
      { name: 'QMAXSIGN', newValue: '*NOMAX', oldValue: '3' },
      { name: 'QSECURITY', newValue: '30', oldValue: '40' },
    ]);
    return {
      heading: this.heading('SV', this.newJob('interactive', r.pick(ADMINS))),
      entryData: entries.sv({ subtype: 'A', ...change }),
    };
  }
}
