import { syslogSink } from '../sinks/syslog/index.js';
import { auditJournalSource } from '../sources/audit-journal/index.js';

/** Every component AuditRelay has, by kind and type. Adding one means adding it here. */
export const SOURCES = [auditJournalSource] as const;
export const SINKS = [syslogSink] as const;
