import {
  cefFormat,
  jsonFormat,
  leef1Format,
  leef2Format,
  rfc3164Format,
  rfc5424Format,
} from '../formats/components.js';
import { elasticsearchSink } from '../sinks/http/elasticsearch.js';
import { httpGenericSink } from '../sinks/http/generic.js';
import { splunkHecSink } from '../sinks/http/splunk-hec.js';
import { syslogSink } from '../sinks/syslog/index.js';
import { auditJournalSource } from '../sources/audit-journal/index.js';
import { exitPointsSource } from '../sources/exit-points/index.js';
import { historyLogSource, messageQueueSource } from '../sources/messages/index.js';

/** Every component AuditRelay has, by kind and type. Adding one means adding it here. */
export const SOURCES = [auditJournalSource, historyLogSource, messageQueueSource, exitPointsSource] as const;
export const SINKS = [syslogSink, splunkHecSink, elasticsearchSink, httpGenericSink] as const;
export const FORMATS = [
  rfc5424Format,
  rfc3164Format,
  cefFormat,
  leef1Format,
  leef2Format,
  jsonFormat,
] as const;

export type SourceType = (typeof SOURCES)[number]['type'];
