#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Sockets of libraries and timers must not keep a finished command alive.
  setTimeout(() => process.exit(code), 500).unref();
});
