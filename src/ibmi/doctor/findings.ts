/** One line of `auditrelay ibmi doctor`: what was checked, the verdict, and the exact fix. */
export type Verdict = 'PASS' | 'WARN' | 'FAIL';

export interface Finding {
  check: string;
  verdict: Verdict;
  what: string;
  /** CL commands or SQL statements that fix it (or, for a WARN, make it better). */
  fix?: string[];
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) =>
      [
        `${f.verdict.padEnd(4)}  ${f.check}: ${f.what}`,
        ...(f.fix ?? []).map((line) => `      fix: ${line}`),
      ].join('\n'),
    )
    .join('\n');
}

export const failed = (findings: readonly Finding[]) => findings.some((f) => f.verdict === 'FAIL');
