import { readFileSync } from 'node:fs';

/** The package version (package.json sits two levels up from both src/agent and dist/agent). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
