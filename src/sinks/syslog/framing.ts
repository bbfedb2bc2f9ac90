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

/**
 * Splits a byte stream into syslog messages, telling octet-counted from LF-framed frames by
 * their first byte as rsyslog and syslog-ng do. Keeps any incomplete tail for the next call.
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: string[] = [];
    let offset = 0;
    while (offset < this.pending.length) {
      const first = this.pending[offset]!;
      if (first >= 0x31 && first <= 0x39) {
        const space = this.pending.indexOf(0x20, offset);
        if (space < 0 || space - offset > 10) {
          if (space < 0 && this.pending.length - offset <= 10) break;
          // Not a length prefix after all: treat as LF framing.
        } else {
          const length = Number(this.pending.toString('latin1', offset, space));
          if (this.pending.length < space + 1 + length) break;
          messages.push(this.pending.toString('utf8', space + 1, space + 1 + length));
          offset = space + 1 + length;
          continue;
        }
      }
      const newline = this.pending.indexOf(0x0a, offset);
      if (newline < 0) break;
      const line = this.pending.toString('utf8', offset, newline).replace(/\r$/, '');
      if (line !== '') messages.push(line);
      offset = newline + 1;
    }
    this.pending = this.pending.subarray(offset);
    return messages;
  }
}
