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
