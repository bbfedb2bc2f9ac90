import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { localhostCertificates } from '../../testkit/x509.js';
import { exitProgramChange } from './entries.js';
import { ExitPointTraffic } from './exit-traffic.js';
import { SimulatedJournal } from './journal.js';
import { SimulatedMapepireServer } from './mapepire-server.js';
import { MessageTraffic, type MessageTrafficState } from './message-traffic.js';
import { SimulatedMessages } from './messages.js';
import type { SimulatedRelease } from './objects.js';
import { EntryWriter } from './record-writer.js';
import { Scenario, type ScenarioState } from './scenario.js';

export interface SimulatorOptions {
  /** Directory of the persistent journal; `server-cert.pem` is written here. */
  directory: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** Entries per second generated in real time. */
  rate: number;
  /** Stop generating once the journal holds this many generated entries (keep serving). */
  events?: number;
  seed: number;
  /** Minutes east of UTC: the simulated system's QUTCOFFSET. */
  utcOffsetMinutes: number;
  /** Entries per receiver before CHGJRN attaches a new one. */
  receiverSize: number;
  systemName: string;
  /** Fixed start of the simulated clock (epoch ms); without it entries carry real time. */
  startTime?: number;
  /** What the simulated release has (default: 7.5 with every object and column). */
  release?: SimulatedRelease;
  /** Whether the admin created QSYSMSG (it does not exist on a new system). Default true. */
  qsysmsg?: boolean;
  /** Generate nothing until `resume()` (to set the system up first, e.g. install exit programs). */
  paused?: boolean;
}

interface GeneratorState {
  seed: number;
  generated: number;
  scenario?: ScenarioState;
  messages?: MessageTrafficState;
  startTime?: number;
}

export interface RunningSimulator {
  address: AddressInfo;
  journal: SimulatedJournal;
  /** QHST and the message queues: tests clear queues, delete log versions, create QSYSMSG. */
  messages: SimulatedMessages;
  server: SimulatedMapepireServer;
  caCertificatePath: string;
  generated(): number;
  /** Appends `count` entries right away (tests and benchmarks). */
  generate(count: number): void;
  /** Resolves when the journal holds `events` generated entries. */
  done: Promise<void>;
  /** Starts real-time generation of a simulator started `paused`. */
  resume(): void;
  /** A daylight saving time change: new local timestamps and CURRENT TIMEZONE use this offset. */
  changeUtcOffset(minutes: number): void;
  stop(): Promise<void>;
}

export const DEFAULT_SIMULATOR: Omit<SimulatorOptions, 'directory'> = {
  host: '127.0.0.1',
  port: 8076,
  user: 'AUDITOR',
  password: 'auditor-demo',
  rate: 50,
  seed: 1,
  utcOffsetMinutes: -300,
  receiverSize: 5000,
  systemName: 'SIMIBMI',
};

/** Starts the simulated IBM i: journal on disk, entry generator, Mapepire endpoint. */
export async function startSimulator(given: SimulatorOptions): Promise<RunningSimulator> {
  const options = { ...given };
  const journal = SimulatedJournal.open(options.directory, {
    systemName: options.systemName,
    journalLibrary: 'QSYS',
    journal: 'QAUDJRN',
    receiverLibrary: 'AUDLIB',
  });
  const saved = journal.state.generator as Partial<GeneratorState>;
  const state: GeneratorState = {
    seed: saved.seed ?? options.seed,
    generated: saved.generated ?? 0,
    scenario: saved.scenario,
    startTime: saved.startTime ?? options.startTime,
  };
  const scenario = new Scenario(state.seed, state.scenario);
  const messages = SimulatedMessages.open(options.directory, { qsysmsg: options.qsysmsg ?? true });
  const traffic = new MessageTraffic(messages, state.seed, state.messages);
  // The set-up (exit programs, their log) lives with the Mapepire server, created below.
  let exitTraffic: ExitPointTraffic | undefined;
  const clock = (index: number) =>
    state.startTime === undefined ? Date.now() : state.startTime + Math.floor((index * 1000) / options.rate);
  const localTimestamp = (utcMs: number) => {
    const local = new Date(utcMs + options.utcOffsetMinutes * 60_000).toISOString();
    const micros = String((utcMs % 1000) * 1000 + ((utcMs * 7) % 1000)).padStart(6, '0');
    return `${local.slice(0, 10)}-${local.slice(11, 13)}.${local.slice(14, 16)}.${local.slice(17, 19)}.${micros}`;
  };

  if (!journal.attached) journal.changeReceiver(new Date(clock(0)).toISOString());

  const generateOne = () => {
    const receiver = journal.attached!;
    if (receiver.entries >= options.receiverSize)
      rollReceiver(journal, localTimestamp(clock(state.generated)));
    const entry = scenario.next();
    const timestamp = localTimestamp(clock(state.generated));
    journal.append({ ...entry.heading, timestamp }, entry.entryData);
    traffic.after(entry, timestamp);
    exitTraffic?.after(entry, timestamp);
    state.generated++;
  };
  const persist = () => {
    state.scenario = scenario.snapshot();
    state.messages = traffic.snapshot();
    journal.state.generator = { ...state };
    journal.save();
    messages.save();
  };
  const generate = (count: number) => {
    for (let i = 0; i < count; i++) generateOne();
    persist();
  };

  const { ca, server: serverCert } = localhostCertificates();
  const caCertificatePath = join(options.directory, 'server-cert.pem');
  writeFileSync(caCertificatePath, ca.certificate);
  const server = new SimulatedMapepireServer({
    host: options.host,
    port: options.port,
    user: options.user.toUpperCase(),
    password: options.password,
    tls: { cert: serverCert.certificate + ca.certificate, key: serverCert.key },
    journal,
    messages,
    timezone: timezoneDuration(options.utcOffsetMinutes),
    release: options.release,
  });
  exitTraffic = new ExitPointTraffic(server.system, state.seed);
  // ADDEXITPGM and RMVEXITPGM leave a GR entry in the audit journal, as on a real system.
  server.system.onRegistrationChange = ({ subtype, exitPoint, user }) => {
    const heading = {
      journalCode: 'T',
      entryType: 'GR',
      jobName: 'QZDASOINIT',
      jobUser: 'QUSER',
      jobNumber: '400000',
      programName: 'QCMDEXC',
      programLibrary: 'QSYS',
      currentUser: user,
    };
    journal.append(
      { ...heading, timestamp: localTimestamp(clock(state.generated)) },
      exitProgramChange({ subtype, user, exitPoint }),
    );
    persist();
  };
  const address = await server.listen();
  persist();

  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const target = options.events ?? Number.POSITIVE_INFINITY;
  let startedAt = Date.now();
  let paused = options.paused ?? false;
  const generatedAtStart = state.generated;
  const tick = () => {
    if (paused) return;
    const due = Math.floor(((Date.now() - startedAt) * options.rate) / 1000) + generatedAtStart;
    const count = Math.min(due, target) - state.generated;
    if (count > 0) generate(count);
    if (state.generated >= target) {
      clearInterval(timer);
      resolveDone();
    }
  };
  const timer = setInterval(tick, Math.max(10, Math.min(200, 1000 / options.rate)));
  tick();

  return {
    address,
    journal,
    messages,
    server,
    caCertificatePath,
    generated: () => state.generated,
    generate,
    done,
    resume() {
      if (!paused) return;
      paused = false;
      startedAt = Date.now();
      tick();
    },
    changeUtcOffset(minutes) {
      options.utcOffsetMinutes = minutes;
      server.timezone = timezoneDuration(minutes);
    },
    async stop() {
      clearInterval(timer);
      persist();
      await server.close();
    },
  };
}

/**
 * CHGJRN: the detached receiver ends with a journal-code J "NR" (next receiver) entry and
 * the new one starts with "PR" (previous receiver). The codes follow IBM's journal entry
 * type list for code J; their entry-specific layout here (receiver and library names) is
 * the simulator's own, as the agent only reads journal code T.
 */
function rollReceiver(journal: SimulatedJournal, timestamp: string): void {
  const old = journal.attached!;
  const heading = {
    journalCode: 'J',
    jobName: 'QSYSARB',
    jobUser: 'QSYS',
    jobNumber: '000001',
    currentUser: 'QSYS',
    timestamp,
  };
  const names = (name: string, library: string) =>
    new EntryWriter(629).char(610, 10, name).char(620, 10, library).bytes;
  const next = `AUDRCV${String(journal.receivers.length + 1).padStart(4, '0')}`;
  journal.append({ ...heading, entryType: 'NR' }, names(next, old.library));
  journal.changeReceiver(timestamp);
  journal.append({ ...heading, entryType: 'PR' }, names(old.name, old.library));
}

/** Db2's CURRENT TIMEZONE: hours and minutes as a signed hhmmss number. */
function timezoneDuration(minutes: number): number {
  const sign = minutes < 0 ? -1 : 1;
  const abs = Math.abs(minutes);
  return sign * (Math.floor(abs / 60) * 10000 + (abs % 60) * 100);
}
