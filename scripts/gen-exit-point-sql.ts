// Writes docs/exit-points/install.sql and uninstall.sql: every SQL statement and CL command
// `auditrelay ibmi install-exit-points --dry-run --exit-points all` prints, for review
// without a connection (library AUDITRELAY, agent profile ARAGENT as in docs/ibmi-setup.md).
// Usage: npx tsx scripts/gen-exit-point-sql.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { EXIT_PROGRAMS } from '../src/ibmi/exit-points/catalog.js';
import { dryRunScript } from '../src/ibmi/exit-points/script.js';
import { installPlan, restartCommands, uninstallPlan } from '../src/ibmi/exit-points/sql.js';

const library = 'AUDITRELAY';
const programs = EXIT_PROGRAMS;
const restart = restartCommands(programs);
const files: Record<string, string> = {
  'docs/exit-points/install.sql': dryRunScript(
    'install',
    library,
    installPlan({ library, agentUser: 'ARAGENT', programs }),
    restart,
  ),
  'docs/exit-points/uninstall.sql': dryRunScript(
    'uninstall',
    library,
    uninstallPlan({ library, programs }),
    restart,
  ),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [path, text] of Object.entries(files)) {
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${path} is out of date: run npx tsx scripts/gen-exit-point-sql.ts`);
      stale = true;
    }
  } else {
    mkdirSync('docs/exit-points', { recursive: true });
    writeFileSync(path, text);
  }
}
process.exit(stale ? 1 : 0);
