import { configPath } from '../core/schema.js';

/** The files of a TLS client (the CA that signs the receiver, and our certificate for mutual TLS), for every sink type. */
export const tlsFileKeys = {
  ca: configPath
    .optional()
    .describe('PEM file of the CA that signed the receiver certificate (default: the system store)'),
  cert: configPath.optional().describe('client certificate (PEM) for receivers that require mutual TLS'),
  key: configPath.optional().describe('private key (PEM) of the client certificate'),
};
