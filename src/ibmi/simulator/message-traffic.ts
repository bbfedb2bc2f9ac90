import type { SimulatedMessage, SimulatedMessages } from './messages.js';
import { Random, type SimulatedEntry } from './scenario.js';

/**
 * The messages a small IBM i sends while its audit journal fills: job starts and ends in QHST
 * (CPF1124, CPF1164), a profile disabled by QMAXSIGN after the brute force the journal shows
 * (CPF1393, to QSYSOPR, QSYSMSG when it exists, and QHST), rejected program start requests
 * (CPF1269), a storage threshold (CPF0907), and an operator inquiry that is answered later.
 * Seeded apart from the journal's generator, so journals stay what they were.
 *
 * The message IDs and where they go are IBM's (see docs/message-sources.md). The texts are
 * ours, modelled on the meaning IBM gives (K: IBM's exact wording could not be read); the
 * severities are ours too (K).
 */
const OPERATOR = ['QSYS/QSYSOPR'];
const CRITICAL = ['QSYS/QSYSOPR', 'QSYS/QSYSMSG'];

/** Jobs remembered as started; the oldest ends when a new one starts beyond this. */
const ACTIVE_JOBS = 64;

export interface MessageTrafficState {
  random: number;
  active: string[];
  /** QSYSOPR key of the inquiry waiting for a reply, if any. */
  waiting?: number;
}

export class MessageTraffic {
  private readonly random: Random;
  private readonly active: string[];
  private waiting: number | undefined;

  constructor(
    private readonly messages: SimulatedMessages,
    seed: number,
    state?: MessageTrafficState,
  ) {
    this.random = new Random(state?.random ?? (seed ^ 0x5eed) >>> 0);
    this.active = state?.active ?? [];
    this.waiting = state?.waiting;
  }

  snapshot(): MessageTrafficState {
    return { random: this.random.state, active: [...this.active], waiting: this.waiting };
  }

  /** The messages that follow one journal entry, at its time (`YYYY-MM-DD-HH.MM.SS.ffffff`). */
  after(entry: SimulatedEntry, journalTimestamp: string): void {
    const timestamp = messageTimestamp(journalTimestamp);
    const { heading } = entry;
    const jobName = String(heading.jobName ?? '');
    const jobUser = String(heading.jobUser ?? '');
    const job = `${heading.jobNumber}/${jobUser}/${jobName}`;
    const base = {
      subtype: null,
      timestamp,
      fromUser: String(heading.currentUser ?? jobUser),
      fromJob: job,
      fromProgram: 'QWTPIIPP',
      file: 'QCPFMSG',
      fileLibrary: 'QSYS',
      secondLevel: null,
    };
    // Interactive and batch jobs start and end; prestart server jobs (QZDASOINIT…) do not here.
    const startsJobs = /^(QPADEV|NIGHTLY|PAYRUN|ETLLOAD)/.test(jobName);
    if (heading.journalCode === 'T' && startsJobs && !this.active.includes(job)) {
      this.active.push(job);
      this.send(['QHST'], {
        ...base,
        id: 'CPF1124',
        type: 'INFORMATIONAL',
        severity: 0,
        text: `Job ${job} started on ${timestamp.slice(0, 10)} at ${timestamp.slice(11, 19)} in subsystem QINTER in QSYS.`,
      });
      if (this.active.length > ACTIVE_JOBS) {
        const ended = this.active.shift()!;
        this.send(['QHST'], {
          ...base,
          fromJob: ended,
          id: 'CPF1164',
          type: 'COMPLETION',
          severity: 0,
          text: `Job ${ended} ended on ${timestamp.slice(0, 10)} at ${timestamp.slice(11, 19)}; ${this.random.int(1, 90)} seconds used; end code 0 .`,
        });
      }
    }
    if (entry.notice) {
      const { profileDisabled, device } = entry.notice;
      this.send([...CRITICAL, 'QHST'], {
        ...base,
        fromProgram: 'QWTSCSBJ',
        id: 'CPF1393',
        type: 'INFORMATIONAL',
        severity: 80,
        text: `Subsystem QSYSWRK disabled user profile ${profileDisabled} on device ${device}.`,
        secondLevel: `Cause . . . . . :   The number of sign-on attempts that are not valid reached the limit in system value QMAXSIGN. &N Recovery  . . . :   Enable the user profile with CHGUSRPRF ${profileDisabled} STATUS(*ENABLED).`,
      });
    }
    const roll = this.random.next();
    if (roll < 0.002) {
      this.send([...OPERATOR, 'QHST'], {
        ...base,
        id: 'CPF1269',
        type: 'INFORMATIONAL',
        severity: 40,
        text: `Program start request received on communications device QPCSUPP was rejected with reason codes 403, 0.`,
      });
    } else if (roll < 0.003) {
      this.send(CRITICAL, {
        ...base,
        fromUser: 'QSYS',
        fromJob: '000000/QSYS/SCPF',
        fromProgram: 'QSYSARB',
        id: 'CPF0907',
        type: 'INFORMATIONAL',
        severity: 80,
        text: 'Serious storage condition may exist. Press HELP.',
      });
    } else if (roll < 0.005 && this.waiting === undefined) {
      // An impromptu inquiry from a batch job: no message ID, no message file.
      const keys = this.send(OPERATOR, {
        ...base,
        id: null,
        file: null,
        fileLibrary: null,
        type: 'INQUIRY',
        severity: 99,
        text: 'PAYRUN waits for tape VOL042 in TAP01. Reply G to go on, C to cancel (G C)',
      });
      this.waiting = keys.get('QSYS/QSYSOPR');
    } else if (roll < 0.007 && this.waiting !== undefined) {
      this.send(OPERATOR, {
        ...base,
        id: null,
        file: null,
        fileLibrary: null,
        type: 'REPLY',
        subtype: 'VALIDITY CHECKED',
        severity: 0,
        fromUser: 'OPERATOR',
        text: null,
        associatedKey: this.waiting,
      });
      this.waiting = undefined;
    }
  }

  private send(targets: readonly string[], message: SimulatedMessage): Map<string, number> {
    return this.messages.send(targets, message);
  }
}

/** A journal timestamp `YYYY-MM-DD-HH.MM.SS.ffffff` as Mapepire renders a TIMESTAMP. */
export function messageTimestamp(journalTimestamp: string): string {
  const t = journalTimestamp;
  return `${t.slice(0, 10)} ${t.slice(11, 13)}:${t.slice(14, 16)}:${t.slice(17, 19)}.${t.slice(20, 26)}`;
}
