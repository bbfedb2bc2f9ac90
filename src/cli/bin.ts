#!/usr/bin/env node
import { main } from './main.js';

// `auditrelay decode … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Sockets of libraries and timers must not keep a finished command alive.
  setTimeout(() => process.exit(code), 500).unref();
});
