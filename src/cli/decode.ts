import { readFileSync } from 'node:fs';
import { sinkMessages } from '../agent/agent.js';
import { configErrorFrom, loadConfig } from '../agent/config/load.js';
import { AuditRelayError } from '../core/errors.js';
import type { SecurityEvent } from '../core/event.js';
import { isSupportedCcsid } from '../ibmi/ebcdic/index.js';
import { catalogEntryTypes, layoutFor } from '../ibmi/journal/catalog.js';
import type { DecodeIssue } from '../ibmi/journal/decode.js';
import type { JournalEntry } from '../ibmi/journal/entry.js';
import { entryFromDisplayJournalRow } from '../ibmi/journal/heading/display-journal.js';
import { readRjne0200 } from '../ibmi/journal/heading/rjne0200.js';
import { parseUtcOffset } from '../ibmi/journal/heading/timestamp.js';
import { readType5Record } from '../ibmi/journal/heading/type5.js';
import { journalEntryToEvent } from '../ibmi/journal/to-event.js';
import { type Command, EXIT, numberOption, type OptionValues } from './command.js';
import { FORMAT_HELP, FORMAT_OPTIONS, formatterFor } from './format-options.js';

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'decode journal entries from a file and print one event per line',
  help: `Usage: auditrelay decode [options] [FILE|-]

Decodes audit journal entries and prints one normalized event per line, exactly as a
sink would send it. Reads FILE, or standard input when FILE is - or absent.

Inputs (--input):
  display-journal  JSON Lines, one QSYS2.DISPLAY_JOURNAL row per line, keyed by IBM's column
                   names (ENTRY_TIMESTAMP, SEQUENCE_NUMBER, JOURNAL_CODE, JOURNAL_ENTRY_TYPE,
                   JOB_NAME, JOB_USER, JOB_NUMBER, PROGRAM_NAME, CURRENT_USER, SYSTEM_NAME,
                   RECEIVER_LIBRARY, RECEIVER_NAME, REMOTE_ADDRESS, REMOTE_PORT, …) with
                   ENTRY_DATA as hex; ENTRY_TIMESTAMP as Mapepire returns it
                   (2026-11-27 10:15:30.123456) or in IBM's form (2026-11-27-10.15.30.123456)
  type5            a *TYPE5 outfile (CPYAUDJRNE / DSPJRN OUTFILFMT(*TYPE5)) as binary records
  rjne0200         the receiver variable of QjoRetrieveJournalEntries, format RJNE0200

A line or record that cannot be decoded still prints one event, flagged with an AR_DECODE_
code and the raw bytes in hex.

Options:
      --config FILE       with --sink: print what that sink of this configuration would
      --sink NAME         send for each entry (its format and all its options, its size
                          limit, its envelope: an HEC event, the two _bulk lines)
      --input KIND        display-journal (default), type5 or rjne0200
      --ccsid N           CCSID of the character fields (default 37)
      --utc-offset +HH:MM the system's UTC offset; journal times are local (default +00:00)
${FORMAT_HELP}
                          (default: json, one object per line)
      --list-types        list the entry types the catalog knows and exit
  -h, --help              show this help`,
  options: {
    config: { type: 'string', short: 'c' },
    sink: { type: 'string' },
    input: { type: 'string' },
    ccsid: { type: 'string' },
    'utc-offset': { type: 'string' },
    ...FORMAT_OPTIONS,
    'list-types': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (values['list-types']) {
      for (const type of catalogEntryTypes()) {
        const layout = layoutFor(type)!;
        const subtypes = layout.fields.find((f) => f.key === layout.subtypeField)?.values;
        io.out(
          `${type}  ${layout.title}  (${layout.fields.length} fields${subtypes ? `, sub-types ${Object.keys(subtypes).join('')}` : ''})\n`,
        );
      }
      return EXIT.ok;
    }
    const input = String(values['input'] ?? 'display-journal');
    if (input !== 'display-journal' && input !== 'type5' && input !== 'rjne0200') {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `--input expects display-journal, type5 or rjne0200, got ${JSON.stringify(input)}`,
      );
    }
    const ccsid = numberOption(values, 'ccsid', 37, 1);
    if (!isSupportedCcsid(ccsid))
      throw new AuditRelayError('AR_CLI_USAGE', `--ccsid ${ccsid} is not supported`);
    const utcOffsetMinutes = parseUtcOffset(String(values['utc-offset'] ?? '+00:00'));
    if (utcOffsetMinutes === undefined)
      throw new AuditRelayError('AR_CLI_USAGE', '--utc-offset expects +HH:MM or -HH:MM');
    const format = sinkOrFormat(values, io.env);
    const file = positionals[0] ?? '-';
    let bytes: Buffer;
    try {
      bytes = readFileSync(file === '-' ? 0 : file);
    } catch (error) {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    const emit = (entry: JournalEntry, issues: DecodeIssue[]) => {
      io.out(`${format(journalEntryToEvent(entry, issues, { ccsid, utcOffsetMinutes }))}\n`);
    };
    if (input === 'rjne0200') {
      const { entries, issues } = readRjne0200(bytes, ccsid);
      // Problems with the buffer as a whole travel with the first entry, never alone.
      entries.forEach((result, index) => {
        emit(result.entry, index === 0 ? [...issues, ...result.issues] : result.issues);
      });
      if (entries.length === 0 && issues.length) emit(unreadable(bytes, 1), issues);
      return EXIT.ok;
    }
    if (input === 'type5') {
      for (let offset = 0; offset < bytes.length; ) {
        const { entry, issues, length } = readType5Record(bytes, offset, ccsid);
        emit(entry, issues);
        offset += length;
      }
      return EXIT.ok;
    }
    const lines = bytes.toString('utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        row = undefined;
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        emit(unreadable(Buffer.from(line, 'utf8'), index + 1), [
          { code: 'AR_DECODE_BAD_HEADING', message: `line ${index + 1} of ${file} is not a JSON object` },
        ]);
        return;
      }
      const { entry, issues } = entryFromDisplayJournalRow(row as Record<string, unknown>);
      emit(entry, issues);
    });
    return EXIT.ok;
  },
};

/** The named sink's messages (--config and --sink), or --format / --profile. */
function sinkOrFormat(values: OptionValues, env: NodeJS.ProcessEnv): (event: SecurityEvent) => string {
  const config = values['config'];
  const sink = values['sink'];
  if (config === undefined && sink === undefined) return formatterFor(values, 'json');
  if (typeof config !== 'string' || typeof sink !== 'string') {
    throw new AuditRelayError('AR_CLI_USAGE', '--config FILE and --sink NAME go together');
  }
  if (values['format'] !== undefined || values['profile'] !== undefined) {
    throw new AuditRelayError(
      'AR_CLI_USAGE',
      '--sink takes its format from the configuration: leave out --format and --profile',
    );
  }
  const loaded = loadConfig(config, env);
  if (!loaded.ok) throw configErrorFrom(loaded.problems);
  return sinkMessages(loaded.config, sink);
}

/** A placeholder entry for input that is not an entry at all: its bytes travel as hex. */
function unreadable(data: Uint8Array, lineNumber: number): JournalEntry {
  return {
    position: { receiverLibrary: '', receiver: '', sequence: String(lineNumber) },
    journalCode: '',
    entryType: '',
    timestamp: '0001-01-01-00.00.00.000000',
    jobName: '',
    jobUser: '',
    jobNumber: '',
    programName: '',
    programLibrary: '',
    currentUser: '',
    systemName: '',
    remoteAddress: '',
    remotePort: undefined,
    entryData: Uint8Array.from(data),
  };
}
