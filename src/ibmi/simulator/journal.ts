import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZoned } from '../journal/fields.js';
import { readType5Heading } from '../journal/heading/type5.js';
import { buildType5Record, type HeadingValues } from './record-writer.js';

/**
 * A simulated QAUDJRN on local disk. Each receiver is a file of *TYPE5 records (the same
 * bytes CPYAUDJRNE would write to an outfile), so what the simulator serves is exactly what
 * a *TYPE5 reader must handle. journal.json holds the receiver chain and the generator's
 * state so that a restarted simulator continues the same journal.
 */

export interface ReceiverInfo {
  library: string;
  name: string;
  /** ISO time the receiver was attached (simulated clock). */
  attached: string;
  firstSequence: string | null;
  lastSequence: string | null;
  entries: number;
  status: 'ATTACHED' | 'ONLINE' | 'DELETED';
}

export interface JournalState {
  systemName: string;
  journalLibrary: string;
  journal: string;
  receiverLibrary: string;
  receivers: ReceiverInfo[];
  nextSequence: string;
  /** Opaque state of whoever generates entries (seeded generator). */
  generator: Record<string, unknown>;
}

export interface StoredEntry {
  receiver: ReceiverInfo;
  sequence: bigint;
  journalCode: string;
  record: Uint8Array;
}

export class SimulatedJournal {
  private readonly index = new Map<string, StoredEntry[]>();
  /** Records appended in memory and not yet written to their receiver file (see flush). */
  private unwritten: [path: string, record: Uint8Array][] = [];

  private constructor(
    readonly directory: string,
    readonly state: JournalState,
  ) {}

  static open(
    directory: string,
    defaults: Omit<JournalState, 'receivers' | 'nextSequence' | 'generator'>,
  ): SimulatedJournal {
    mkdirSync(join(directory, 'receivers'), { recursive: true });
    const statePath = join(directory, 'journal.json');
    if (existsSync(statePath)) {
      const journal = new SimulatedJournal(
        directory,
        JSON.parse(readFileSync(statePath, 'utf8')) as JournalState,
      );
      journal.loadIndex();
      return journal;
    }
    const journal = new SimulatedJournal(directory, {
      ...defaults,
      receivers: [],
      nextSequence: '1',
      generator: {},
    });
    return journal;
  }

  private receiverPath(receiver: ReceiverInfo): string {
    return join(this.directory, 'receivers', `${receiver.library}.${receiver.name}.type5`);
  }

  private key(receiver: Pick<ReceiverInfo, 'library' | 'name'>): string {
    return `${receiver.library}/${receiver.name}`;
  }

  private loadIndex(): void {
    for (const receiver of this.state.receivers) {
      const entries: StoredEntry[] = [];
      this.index.set(this.key(receiver), entries);
      if (receiver.status === 'DELETED' || !existsSync(this.receiverPath(receiver))) continue;
      const bytes = new Uint8Array(readFileSync(this.receiverPath(receiver)));
      let offset = 0;
      while (offset + 5 <= bytes.length) {
        const length = Number(readZoned(bytes, offset, 5));
        if (!Number.isInteger(length) || length <= 0 || offset + length > bytes.length) break; // torn tail
        const record = bytes.subarray(offset, offset + length);
        const heading = readType5Heading(record, 37);
        entries.push({
          receiver,
          sequence: BigInt(heading['sequence'] ?? '0'),
          journalCode: heading['journalCode'] ?? '',
          record,
        });
        offset += length;
      }
    }
  }

  get receivers(): readonly ReceiverInfo[] {
    return this.state.receivers;
  }

  get attached(): ReceiverInfo | undefined {
    return this.state.receivers.find((r) => r.status === 'ATTACHED');
  }

  /**
   * Detaches the current receiver (if any) and attaches a new one, like CHGJRN JRNRCV(*GEN);
   * `resetSequence` is CHGJRN SEQOPT(*RESET): the new receiver starts again at 1.
   */
  changeReceiver(attachedAt: string, options: { resetSequence?: boolean } = {}): ReceiverInfo {
    if (options.resetSequence) this.state.nextSequence = '1';
    const previous = this.attached;
    if (previous) previous.status = 'ONLINE';
    const number = this.state.receivers.length + 1;
    const receiver: ReceiverInfo = {
      library: this.state.receiverLibrary,
      name: `AUDRCV${String(number).padStart(4, '0')}`,
      attached: attachedAt,
      firstSequence: null,
      lastSequence: null,
      entries: 0,
      status: 'ATTACHED',
    };
    this.state.receivers.push(receiver);
    this.index.set(this.key(receiver), []);
    writeFileSync(this.receiverPath(receiver), new Uint8Array(0));
    return receiver;
  }

  /** Appends one entry to the attached receiver, assigning the next sequence number. */
  append(heading: HeadingValues, entryData: Uint8Array): StoredEntry {
    const receiver = this.attached;
    if (!receiver) throw new Error('no receiver is attached');
    const sequence = BigInt(this.state.nextSequence);
    const record = buildType5Record(
      {
        ...heading,
        sequence: String(sequence).padStart(20, '0'),
        systemName: this.state.systemName,
        receiver: receiver.name,
        receiverLibrary: receiver.library,
      },
      entryData,
    );
    this.unwritten.push([this.receiverPath(receiver), record]);
    this.state.nextSequence = String(sequence + 1n);
    receiver.firstSequence ??= String(sequence);
    receiver.lastSequence = String(sequence);
    receiver.entries++;
    const stored: StoredEntry = {
      receiver,
      sequence,
      journalCode: String(heading.journalCode ?? 'T'),
      record,
    };
    this.index.get(this.key(receiver))!.push(stored);
    return stored;
  }

  /** Deletes a detached receiver (DLTJRNRCV): its entries are gone for good. */
  deleteReceiver(name: string): void {
    const receiver = this.state.receivers.find((r) => r.name === name);
    if (!receiver || receiver.status === 'ATTACHED') throw new Error(`receiver ${name} cannot be deleted`);
    receiver.status = 'DELETED';
    this.index.set(this.key(receiver), []);
  }

  entriesOf(receiver: ReceiverInfo): readonly StoredEntry[] {
    return this.index.get(this.key(receiver)) ?? [];
  }

  /** Writes appended records to their receiver files, one write per file. */
  flush(): void {
    const byFile = new Map<string, Uint8Array[]>();
    for (const [path, record] of this.unwritten) {
      const records = byFile.get(path);
      if (records) records.push(record);
      else byFile.set(path, [record]);
    }
    this.unwritten = [];
    for (const [path, records] of byFile) appendFileSync(path, Buffer.concat(records));
  }

  /** Writes pending records, then journal.json atomically. */
  save(): void {
    this.flush();
    const path = join(this.directory, 'journal.json');
    writeFileSync(`${path}.tmp`, JSON.stringify(this.state, null, 2));
    renameSync(`${path}.tmp`, path);
  }
}
