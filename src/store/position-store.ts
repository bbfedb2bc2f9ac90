import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourcePosition } from '../core/component.js';
import { AuditRelayError } from '../core/errors.js';
import { writeFileAtomic } from './atomic-file.js';

/**
 * The resume position of each source, in `<state>/positions.json`, replaced atomically after
 * every delivered batch. (The disk WAL will carry positions in its records instead.)
 */
export class PositionStore {
  private readonly path: string;
  private positions: Record<string, SourcePosition>;

  constructor(directory: string) {
    try {
      mkdirSync(directory, { recursive: true });
    } catch (error) {
      throw new AuditRelayError('AR_STATE_IO', `cannot create the state directory ${directory}`, {
        cause: error,
      });
    }
    this.path = join(directory, 'positions.json');
    this.positions = {};
    if (existsSync(this.path)) {
      try {
        this.positions = JSON.parse(readFileSync(this.path, 'utf8'));
      } catch (error) {
        throw new AuditRelayError(
          'AR_STATE_CORRUPT',
          `${this.path} is not valid JSON; restore it from backup or delete it to start from the configured position`,
          { cause: error },
        );
      }
    }
  }

  get(source: string): SourcePosition | undefined {
    return this.positions[source];
  }

  set(source: string, position: SourcePosition): void {
    this.positions = { ...this.positions, [source]: position };
    try {
      writeFileAtomic(this.path, `${JSON.stringify(this.positions, null, 2)}\n`);
    } catch (error) {
      throw new AuditRelayError('AR_STATE_IO', `cannot write ${this.path}`, {
        cause: error,
        retryable: true,
      });
    }
  }
}
