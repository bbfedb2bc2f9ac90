/**
 * RFC 6587 framing for syslog over TCP/TLS (RFC 5425 uses octet counting too).
 * Octet counting: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN in bytes of the UTF-8 message.
 * LF framing: the message followed by LF; the message must then hold no LF itself.
 */
export type Framing = 'octet-counting' | 'lf';

export function frame(message: string, framing: Framing): string {
  if (framing === 'lf') return `${message.replace(/\n/g, ' ')}\n`;
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}
