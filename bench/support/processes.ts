/** Child processes of the benchmarks: the counting receiver, and what /proc says of a process. */
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Same extension as the caller: .ts under tsx, .js when compiled (npm run bench:build). */
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export interface CountReceiver {
  port: number;
  /** performance.now() of this process when the receiver had counted every expected frame. */
  finished: Promise<number>;
  /** What it said then ('done', or with `byHost` its count and times per RFC 5424 hostname). */
  report: Promise<unknown>;
  stop(): void;
}

/**
 * The octet-counting TCP receiver of bench/support/count-receiver, in its own process so that
 * counting frames does not share the CPU of what is measured.
 */
export async function startCountReceiver(expected: number, byHost = false): Promise<CountReceiver> {
  const child: ChildProcess = fork(
    new URL(`./count-receiver.${extension}`, import.meta.url),
    [String(expected), ...(byHost ? ['hosts'] : [])],
    {
      stdio: 'inherit',
    },
  );
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const report = new Promise<unknown>((resolve) => child.once('message', resolve));
  const finished = report.then(() => performance.now());
  return { port, finished, report, stop: () => child.kill() };
}

/** Resident set size of `pid` in bytes (0 once it is gone). */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds (user + system) `pid` has used so far, all its threads; with `mainThreadOnly`
 * only its main (JavaScript) thread, whose id is the process id.
 */
export function cpuSeconds(pid: number, mainThreadOnly = false): number {
  const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU seconds the threads of `pid` have used so far, from each thread's schedstat (nanoseconds;
 * /proc/PID/stat counts 10 ms ticks, too coarse for a few milliseconds a second). Threads that
 * ended are not counted: Node's (V8's helpers, libuv's pool) live as long as the process.
 */
export function threadCpuSeconds(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ns / 1e9;
}

/** Samples the peak RSS of `pid` every 100 ms until stopped; returns the peak in bytes. */
export function peakRss(pid: number): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssBytes(pid));
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
