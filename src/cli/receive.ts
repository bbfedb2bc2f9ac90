import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { AuditRelayError } from '../core/errors.js';
import { startReceiver } from '../testkit/syslog-receiver.js';
import { localhostCertificates } from '../testkit/x509.js';
import { type Command, EXIT, hostPort } from './command.js';

export const receiveCommand: Command = {
  name: 'receive',
  summary: 'a small syslog receiver for trying a setup',
  help: `Usage: auditrelay receive --listen HOST:PORT --protocol udp|tcp|tls [options]

Receives syslog messages (UDP datagrams; TCP/TLS with octet counting or LF framing) and
prints one per line, or appends them to a file. Runs until SIGINT/SIGTERM.

Options:
      --listen HOST:PORT     where to listen (required), e.g. 127.0.0.1:5514
      --protocol P           udp, tcp or tls (default tcp)
      --out FILE             append messages to FILE instead of printing them
      --cert FILE --key FILE TLS certificate and key (PEM); without them a localhost
                             certificate is made and its CA written to --ca-out
      --ca-out FILE          where to write that CA (default receiver-ca.pem)
  -h, --help                 show this help`,
  options: {
    listen: { type: 'string' },
    protocol: { type: 'string' },
    out: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'ca-out': { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values['listen'] !== 'string') {
      io.err('--listen HOST:PORT is required\n');
      return EXIT.usage;
    }
    const { host, port } = hostPort(values['listen'], 'listen');
    const protocol = String(values['protocol'] ?? 'tcp');
    if (protocol !== 'udp' && protocol !== 'tcp' && protocol !== 'tls') {
      throw new AuditRelayError(
        'AR_CLI_USAGE',
        `--protocol expects udp, tcp or tls, got ${JSON.stringify(protocol)}`,
      );
    }
    let tls: { cert: string; key: string } | undefined;
    if (protocol === 'tls') {
      if (typeof values['cert'] === 'string' && typeof values['key'] === 'string') {
        tls = { cert: readFileSync(values['cert'], 'utf8'), key: readFileSync(values['key'], 'utf8') };
      } else {
        const { ca, server } = localhostCertificates();
        const caOut = String(values['ca-out'] ?? 'receiver-ca.pem');
        writeFileSync(caOut, ca.certificate);
        io.err(`made a localhost certificate; trust ${caOut} in the sink's tls.ca\n`);
        tls = { cert: server.certificate, key: server.key };
      }
    }
    const out =
      typeof values['out'] === 'string' ? createWriteStream(values['out'], { flags: 'a' }) : undefined;
    const receiver = await startReceiver({
      host,
      port,
      protocol,
      tls,
      onMessage: (message) => (out ? out.write(`${message}\n`) : io.out(`${message}\n`)),
    });
    io.err(`listening on ${protocol}://${receiver.address.address}:${receiver.address.port}\n`);
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', resolveStop);
      process.once('SIGTERM', resolveStop);
    });
    await receiver.close();
    await new Promise<void>((done) => (out ? out.end(done) : done()));
    return EXIT.ok;
  },
};
