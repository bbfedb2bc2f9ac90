import { z } from 'zod';
import { SECURITY_MESSAGE_IDS } from '../../ibmi/messages/catalog.js';
import type { IbmiMessage } from '../../ibmi/messages/message.js';

const messageIdPattern = z
  .string()
  .regex(/^[A-Z0-9*]{1,7}$/i, 'expected a message ID like CPF1393, or a pattern like CPF22*')
  .transform((id) => id.toUpperCase());

const MESSAGE_TYPES = [
  'COMPLETION',
  'DIAGNOSTIC',
  'ESCAPE',
  'INFORMATIONAL',
  'INQUIRY',
  'NOTIFY',
  'REPLY',
  'REQUEST',
  'SENDER',
] as const;

/**
 * Which messages a message source sends. A message goes when its ID is listed, or its IBM
 * severity reaches minSeverity, or it is an inquiry (someone must answer it); and then only
 * if its type is allowed and its ID is not excluded. The defaults send the security messages
 * and anything severe, and leave out routine traffic such as job start and end (CPF1124,
 * CPF1164: add them to messageIds to have them).
 */
export const selectSchema = z
  .object({
    messageIds: z
      .array(messageIdPattern)
      .default([...SECURITY_MESSAGE_IDS])
      .describe('always send these message IDs (`*` wildcards; `[*]` sends every message)'),
    minSeverity: z
      .number()
      .int()
      .min(0)
      .max(99)
      .default(40)
      .describe('also send any message of at least this IBM severity (00–99)'),
    inquiries: z.boolean().default(true).describe('also send every inquiry message'),
    messageTypes: z
      .array(z.enum(MESSAGE_TYPES))
      .default([])
      .describe('only these message types (default: all)'),
    excludeMessageIds: z.array(messageIdPattern).default([]).describe('never send these message IDs'),
  })
  .strict()
  .default({});

export type MessageSelection = z.infer<typeof selectSchema>;

function matcher(patterns: readonly string[]): (id: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.includes('*')));
  const prefixes = patterns
    .filter((p) => p.includes('*'))
    .map((p) => new RegExp(`^${p.replace(/\*/g, '.*')}$`));
  return (id) => exact.has(id) || prefixes.some((p) => p.test(id));
}

/** The selection as a predicate. Impromptu messages (no ID) match only by severity, type or `*`. */
export function compileSelection(selection: MessageSelection): (message: IbmiMessage) => boolean {
  const listed = matcher(selection.messageIds);
  const excluded = matcher(selection.excludeMessageIds);
  const everything = selection.messageIds.includes('*');
  const types = new Set<string>(selection.messageTypes);
  return (message) => {
    const id = message.id ?? '';
    if (types.size > 0 && !types.has(message.type ?? '')) return false;
    if (id !== '' && excluded(id)) return false;
    return (
      everything ||
      (id !== '' && listed(id)) ||
      (message.severity ?? 0) >= selection.minSeverity ||
      (selection.inquiries && message.type === 'INQUIRY')
    );
  };
}
