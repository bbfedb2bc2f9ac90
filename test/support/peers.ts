/**
 * Real third-party syslog receivers for the integration tests: a private rsyslog (unpacked
 * under .test-peers by scripts/test-peers/install.sh) and a private syslog-ng 3.38.
 * Each runs in its own temporary directory on a free port and is killed by stop().
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const RSYSLOG = join(ROOT, '.test-peers/rsyslog');

/**
 * A port that is free now, for a peer that binds it a little later. Chosen at random below
 * Linux's ephemeral range (32768–60999), which outgoing connections draw their local ports
 * from: a port from that range could be taken by any client socket (of this or another test
 * run) before the peer binds it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `auditrelay-${prefix}-`));
}

/** Polls `check` until it gives a value; `what` may be a function, to say the state at the deadline. */
export async function waitFor<T>(
  what: string | (() => string),
  check: () => T | undefined | false,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const said = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${said}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Complete lines of a file, or [] while it does not exist yet. A last line without its
 * newline is left out: the receiver may be writing it at this moment.
 */
export function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop();
  return lines.filter((line) => line !== '');
}

export interface TlsMaterial {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** A CA and a server certificate for 127.0.0.1/localhost, made with the openssl CLI. */
export function opensslCertificates(
  dir: string,
  options: { days?: number; name?: string } = {},
): TlsMaterial {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const name = options.name ?? 'localhost';
  run(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Test CA',
  );
  run(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    `/CN=${name}`,
  );
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=DNS:${name},IP:127.0.0.1\n`);
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    String(options.days ?? 30),
    '-extfile',
    'san.ext',
  );
  return { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') };
}

export interface RunningPeer {
  port: number;
  output: string;
  process: ChildProcess;
  lines(): string[];
  stop(): Promise<void>;
}

function supervise(child: ChildProcess, name: string): () => string {
  let log = '';
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) log += `\n${name} exited with ${code ?? signal}`;
  });
  return () => log;
}

async function stopChild(child: ChildProcess): Promise<void> {
  // Already gone (ended, or killed by a test): there will be no other 'exit' to wait for.
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/**
 * rsyslog 8.2302 receiving on one input (imudp, imtcp, or imtcp with the gtls driver),
 * writing one JSON object per message with its raw text and what pmrfc5424 parsed.
 * Control characters are not escaped on reception, so what arrives is what was sent.
 */
export async function startRsyslog(
  protocol: 'udp' | 'tcp' | 'tls',
  tls?: TlsMaterial,
  options: {
    port?: number;
    /** rsyslog's global maxMessageSize; its own default (8k) when 'default'. */
    maxMessageSize?: string;
    /** A direct main queue: a message rsyslog has read is written before the next is read. */
    directQueue?: boolean;
  } = {},
): Promise<RunningPeer> {
  const dir = tempDir('rsyslog');
  const port = options.port ?? (await freePort());
  const output = join(dir, 'out.jsonl');
  const input =
    protocol === 'udp'
      ? `module(load="imudp")\ninput(type="imudp" port="${port}" address="127.0.0.1" rcvbufSize="8m")`
      : protocol === 'tcp'
        ? `module(load="imtcp" MaxSessions="100")\ninput(type="imtcp" port="${port}" address="127.0.0.1")`
        : `global(DefaultNetstreamDriverCAFile="${tls!.caFile}" DefaultNetstreamDriverCertFile="${tls!.certFile}" DefaultNetstreamDriverKeyFile="${tls!.keyFile}")
module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
input(type="imtcp" port="${port}" address="127.0.0.1")`;
  writeFileSync(
    join(dir, 'rsyslog.conf'),
    `global(workDirectory="${dir}"${options.maxMessageSize === 'default' ? '' : ` maxMessageSize="${options.maxMessageSize ?? '64k'}"`} parser.escapeControlCharactersOnReceive="off")
${options.directQueue ? 'main_queue(queue.type="Direct")\n' : ''}${input}
template(name="json" type="list" option.jsonf="on") {
  property(outname="raw" name="rawmsg" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="appname" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
}
action(type="omfile" file="${output}" template="json")
`,
  );
  const child = spawn(
    join(RSYSLOG, 'usr/sbin/rsyslogd'),
    [
      '-n',
      '-f',
      join(dir, 'rsyslog.conf'),
      '-i',
      join(dir, 'rsyslog.pid'),
      '-M',
      join(RSYSLOG, 'usr/lib/x86_64-linux-gnu/rsyslog'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = supervise(child, 'rsyslogd');
  await waitFor(
    () => `rsyslog listening on ${port} (${log()})`,
    () => child.exitCode === null && isListening(port, protocol),
    15_000,
  );
  return { port, output, process: child, lines: () => readLines(output), stop: () => stopChild(child) };
}

/** syslog-ng 3.38 with its strict RFC 5424 parser (syslog() source, octet counting). */
export async function startSyslogNg(
  transport: 'tcp' | 'tls' = 'tcp',
  tls?: TlsMaterial,
  options: { /** syslog-ng's log-msg-size (65536 here unless given). */ logMsgSize?: number } = {},
): Promise<RunningPeer> {
  const dir = tempDir('syslog-ng');
  const port = await freePort();
  const output = join(dir, 'out.jsonl');
  const tlsOption =
    transport === 'tls'
      ? ` tls(key-file("${tls!.keyFile}") cert-file("${tls!.certFile}") peer-verify(optional-untrusted))`
      : '';
  writeFileSync(
    join(dir, 'syslog-ng.conf'),
    `@version: 3.38
options { keep-hostname(yes); chain-hostnames(no); log-msg-size(${options.logMsgSize ?? 65536}); };
source s { syslog(ip(127.0.0.1) port(${port}) transport(${transport})${tlsOption} max-connections(100) log-iw-size(100000)); };
destination d { file("${output}" template("$(format-json --scope all-nv-pairs --scope rfc5424 --key .SDATA.* --key MESSAGE --key PROGRAM --key MSGID --key HOST --key PID)\\n")); };
log { source(s); destination(d); };
`,
  );
  const child = spawn(
    'syslog-ng',
    [
      '-F',
      '--no-caps',
      '-f',
      join(dir, 'syslog-ng.conf'),
      '-R',
      join(dir, 'persist'),
      '-p',
      join(dir, 'pid'),
      '-c',
      join(dir, 'ctl'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = supervise(child, 'syslog-ng');
  await waitFor(
    () => `syslog-ng listening on ${port} (${log()})`,
    () => child.exitCode === null && isListening(port, 'tcp'),
    15_000,
  );
  return { port, output, process: child, lines: () => readLines(output), stop: () => stopChild(child) };
}

function isListening(port: number, protocol: 'udp' | 'tcp' | 'tls'): boolean {
  const table = readFileSync(protocol === 'udp' ? '/proc/net/udp' : '/proc/net/tcp', 'utf8');
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return table
    .split('\n')
    .some((line) => line.includes(hex) && (protocol === 'udp' || line.includes(' 0A ')));
}

export interface RelpTlsMaterial {
  certFile: string;
  keyFile: string;
  /** CA of the client certificates: imrelp with a certificate of its own insists on one from the client. */
  clientCaFile: string;
}

export interface RelpRsyslog {
  port: number;
  process: ChildProcess;
  lines(): string[];
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** rsyslog with imrelp on `port` (a free one by default), appending each raw message to `dir`/out.log. */
export async function startRelpRsyslog(
  dir: string,
  options: {
    port?: number;
    tls?: RelpTlsMaterial;
    /** imrelp's maxDataSize, with oversizeMode abort: a longer message ends the session. */
    maxDataSize?: number;
  } = {},
): Promise<RelpRsyslog> {
  const port = options.port ?? (await freePort());
  const output = join(dir, 'out.log');
  const tls = options.tls
    ? ` tls="on" tls.authmode="certvalid" tls.cacert="${options.tls.clientCaFile}" tls.mycert="${options.tls.certFile}" tls.myprivkey="${options.tls.keyFile}"`
    : '';
  writeFileSync(
    join(dir, 'rsyslog.conf'),
    // imrelp raises a maxDataSize below the global maxMessageSize to it: both are set.
    `global(workDirectory="${dir}" maxMessageSize="${options.maxDataSize ?? '64k'}" parser.escapeControlCharactersOnReceive="off")
main_queue(queue.type="Direct")
module(load="imrelp")
input(type="imrelp" port="${port}" address="127.0.0.1"${tls}${options.maxDataSize ? ` maxDataSize="${options.maxDataSize}" oversizeMode="abort"` : ''})
template(name="raw" type="string" string="%rawmsg%\\n")
action(type="omfile" file="${output}" template="raw")
`,
  );
  const child = spawn(
    join(RSYSLOG, 'usr/sbin/rsyslogd'),
    [
      '-n',
      '-f',
      join(dir, 'rsyslog.conf'),
      '-i',
      join(dir, `rsyslog-${Date.now()}.pid`),
      '-M',
      join(RSYSLOG, 'usr/lib/x86_64-linux-gnu/rsyslog'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(
    () => `rsyslog listening for RELP on ${port} (${log})`,
    () => child.exitCode === null && listeningTcp(port),
    15_000,
  );
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    port,
    process: child,
    lines: () => readLines(output),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

function listeningTcp(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((line) => line.includes(hex) && line.includes(' 0A '));
}
