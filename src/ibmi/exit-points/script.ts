/** The script `--dry-run` prints: what an admin reviews before anything runs. Pure. */
import type { PlanStep } from './sql.js';

export function restartNote(mode: 'install' | 'uninstall', restart: readonly string[]): string {
  return [
    `The servers ${mode === 'install' ? 'call the programs' : 'stop calling the programs'} only after their jobs restart. When it suits (some end active sessions):`,
    ...restart.map((command) => `  ${command}`),
  ].join('\n');
}

/** The script an admin reviews: exactly what would be sent, in order, with when each is left out. */
export function dryRunScript(
  mode: 'install' | 'uninstall',
  library: string,
  steps: readonly PlanStep[],
  restart: readonly string[],
): string {
  const when: Record<NonNullable<PlanStep['skipWhen']>, string> = {
    'library-exists': `left out if library ${library} exists`,
    'table-exists': 'left out if the table exists',
    'program-registered': 'left out if this program is already registered',
    'program-not-registered': 'left out if this program is not registered',
  };
  const header = [
    `-- auditrelay ibmi ${mode}-exit-points --dry-run`,
    '-- Every statement the command sends, in order, over the Mapepire connection. CL commands go',
    '-- through QSYS2.QCMDEXC. Nothing has been run.',
    '-- NOT VERIFIED ON A REAL IBM i: that an SQL procedure with PROGRAM TYPE MAIN can be registered',
    '-- and called as an exit program. Try it on a test partition first (docs/ibmi-setup.md).',
  ];
  const body = steps.map((step) => {
    const notes = [
      ...(step.kind === 'cl' ? [`-- CL: ${step.text}`] : []),
      ...(step.skipWhen ? [`-- (${when[step.skipWhen]})`] : []),
    ];
    return [...notes, `${step.sql};`].join('\n');
  });
  return `${[
    header.join('\n'),
    ...body,
    restartNote(mode, restart)
      .split('\n')
      .map((l) => `-- ${l}`)
      .join('\n'),
  ].join('\n\n')}\n`;
}
