#!/usr/bin/env node
// Generates the mixed (SBCS + DBCS, SO/SI-shifted) Japanese EBCDIC tables from glibc iconv,
// the reference the tests compare against.
// Usage: node scripts/gen-dbcs-tables.mjs  (writes src/ibmi/ebcdic/generated/japanese.ts)
//
// Each byte / double-byte code is converted on its own, fenced by a separator whose output we
// know, in a single `iconv -c` run per CCSID: -c drops codes iconv cannot map, so an empty
// slot between two separators means "unmapped". The separator count is checked, so a code that
// happened to map to the separator character would stop the script instead of shifting slots.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const SO = 0x0e;
const SI = 0x0f;
/** Sentinels in the generated arrays; the script stops if iconv ever maps to them for real. */
const UNMAPPED = 0xffff;
const SPECIAL = 0xfffe;

export const MIXED_CCSIDS = [930, 939, 1399];
/**
 * IBM's sister CCSIDs, supported only if iconv knows them and proves them identical to the
 * CCSID named here (glibc 2.36 has neither, so they stay unsupported).
 */
const ALIAS_CANDIDATES = { 5026: 930, 5035: 939 };

function iconvKnows(ccsid) {
  return spawnSync('iconv', ['-f', `IBM${ccsid}`, '-t', 'UTF-32BE'], { input: Buffer.alloc(0) }).status === 0;
}

/** Converts `input` with `iconv -c` and splits the UTF-32 output at `separator`. */
function convertSlots(ccsid, input, separator, expectedSlots) {
  const run = spawnSync('iconv', ['-c', '-f', `IBM${ccsid}`, '-t', 'UTF-32BE'], {
    input,
    maxBuffer: 1 << 28,
  });
  if (run.error) throw run.error;
  const slots = [[]];
  for (let i = 0; i + 4 <= run.stdout.length; i += 4) {
    const cp = run.stdout.readUInt32BE(i);
    if (cp === separator) slots.push([]);
    else slots.at(-1).push(cp);
  }
  slots.pop(); // after the last separator
  if (slots.length !== expectedSlots) {
    throw new Error(`CCSID ${ccsid}: ${slots.length} slots from iconv, expected ${expectedSlots}`);
  }
  return slots;
}

/** Code point of each single byte in SBCS mode, or UNMAPPED; SO and SI are shifts, not characters. */
export function sbcsFromIconv(ccsid) {
  const bytes = Array.from({ length: 256 }, (_, b) => b).filter((b) => b !== SO && b !== SI);
  // Separator: the double-byte ideographic space X'4040' (U+3000), which no single byte maps to.
  const input = Buffer.from(bytes.flatMap((b) => [b, SO, 0x40, 0x40, SI]));
  const slots = convertSlots(ccsid, input, 0x3000, bytes.length);
  const table = new Array(256).fill(UNMAPPED);
  bytes.forEach((b, i) => {
    const slot = slots[i];
    if (slot.length === 0) return;
    if (slot.length !== 1 || slot[0] > 0xffff || slot[0] >= SPECIAL) {
      throw new Error(`CCSID ${ccsid}: byte ${b.toString(16)} maps to ${slot} (not one BMP character)`);
    }
    table[b] = slot[0];
  });
  return table;
}

/** Map from double-byte code (lead << 8 | trail) to its text, for every code iconv maps. */
export function dbcsFromIconv(ccsid) {
  const codes = [];
  for (let lead = 0; lead < 256; lead++) {
    if (lead === SO || lead === SI) continue; // a shift, never the first byte of a pair
    for (let trail = 0; trail < 256; trail++) codes.push((lead << 8) | trail);
  }
  // Separator: SBCS X'25' (LF, U+000A) after shifting back in.
  const input = Buffer.from(codes.flatMap((code) => [SO, code >> 8, code & 0xff, SI, 0x25]));
  const slots = convertSlots(ccsid, input, 0x0a, codes.length);
  const table = new Map();
  codes.forEach((code, i) => {
    const slot = slots[i];
    if (slot.length === 0) return;
    const trail = code & 0xff;
    if (trail === SO || trail === SI) {
      // Our decoder treats a shift byte as a shift even in second position; stop if iconv disagrees.
      throw new Error(`CCSID ${ccsid}: iconv maps X'${code.toString(16)}' whose second byte is a shift`);
    }
    if (slot.some((cp) => cp === UNMAPPED || cp === SPECIAL))
      throw new Error(`CCSID ${ccsid}: sentinel clash`);
    table.set(code, String.fromCodePoint(...slot));
  });
  return table;
}

function sameMap(a, b) {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * One part of a double-byte table: runs of valid codes (Uint16 little-endian pairs first,last),
 * one Uint16 code unit per valid code in code order (SPECIAL where the text is not one BMP
 * character), and those special codes' text.
 */
function encodePart(map) {
  const codes = [...map.keys()].sort((a, b) => a - b);
  const ranges = [];
  for (const code of codes) {
    const last = ranges.at(-1);
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  const units = Buffer.alloc(codes.length * 2);
  const specials = [];
  codes.forEach((code, i) => {
    const text = map.get(code);
    const single = text.length === 1;
    units.writeUInt16LE(single ? text.charCodeAt(0) : SPECIAL, i * 2);
    if (!single) specials.push([code, text]);
  });
  const rangeBytes = Buffer.alloc(ranges.length * 4);
  ranges.forEach(([first, last], i) => {
    rangeBytes.writeUInt16LE(first, i * 4);
    rangeBytes.writeUInt16LE(last, i * 4 + 2);
  });
  return {
    ranges: rangeBytes.toString('base64'),
    units: units.toString('base64'),
    specials,
    count: codes.length,
  };
}

/** Keeps the generated file ASCII-only: printable ASCII as is, everything else as \\uXXXX. */
function escapeText(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out +=
      u >= 0x20 && u < 0x7f && u !== 0x27 && u !== 0x5c ? text[i] : `\\u${u.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function partSource(name, comment, part) {
  const specials = part.specials.map(([code, text]) => `[0x${code.toString(16)}, '${escapeText(text)}']`);
  return [
    `/** ${comment} (${part.count} codes). */`,
    `export const ${name}: DbcsTablePart = {`,
    `  ranges: '${part.ranges}',`,
    `  units: '${part.units}',`,
    `  specials: [${specials.join(', ')}],`,
    '};',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sbcs = {};
  const dbcs = {};
  for (const ccsid of MIXED_CCSIDS) {
    sbcs[ccsid] = sbcsFromIconv(ccsid);
    dbcs[ccsid] = dbcsFromIconv(ccsid);
  }
  // Layout assumption of the generated file: 930 and 939 share one double-byte table and 1399
  // extends it without changing any of its codes. Checked here, not assumed.
  if (!sameMap(dbcs[930], dbcs[939])) throw new Error('930 and 939 double-byte tables differ');
  const extension = new Map();
  for (const [code, text] of dbcs[1399]) {
    const shared = dbcs[930].get(code);
    if (shared === undefined) extension.set(code, text);
    else if (shared !== text) throw new Error(`1399 remaps X'${code.toString(16)}'`);
  }
  if (dbcs[1399].size - extension.size !== dbcs[930].size) throw new Error('1399 lacks codes of 930/939');

  const entries = MIXED_CCSIDS.map((ccsid) => [
    ccsid,
    ccsid === 1399 ? 'DBCS_930_939, DBCS_1399_EXTRA' : 'DBCS_930_939',
  ]);
  for (const [alias, base] of Object.entries(ALIAS_CANDIDATES)) {
    if (!iconvKnows(alias)) {
      console.log(`CCSID ${alias}: iconv has no IBM${alias}; left unsupported`);
      continue;
    }
    const same =
      sbcsFromIconv(alias).every((u, b) => u === sbcs[base][b]) && sameMap(dbcsFromIconv(alias), dbcs[base]);
    console.log(
      `CCSID ${alias}: ${same ? `identical to ${base}, supported` : `differs from ${base}; left unsupported`}`,
    );
    if (same) entries.push([Number(alias), entries.find(([c]) => c === base)[1], base]);
  }

  const sbcsSource = (table) => table.map((u) => escapeText(String.fromCharCode(u))).join('');
  const lines = [
    '// Generated by scripts/gen-dbcs-tables.mjs from glibc iconv. Do not edit by hand.',
    '// Single-byte parts: the UTF-16 code unit of bytes 0x00..0xFF in SBCS mode, \\uffff where',
    '// iconv maps nothing (SO/SI included: they are shifts). Double-byte parts: see DbcsTablePart.',
    "import type { DbcsTablePart, MixedCcsidTables } from '../mixed.js';",
    '',
    partSource(
      'DBCS_930_939',
      'Double-byte codes of CCSIDs 930 and 939 (identical in iconv)',
      encodePart(dbcs[930]),
    ),
    '',
    partSource('DBCS_1399_EXTRA', 'Double-byte codes CCSID 1399 adds to DBCS_930_939', encodePart(extension)),
    '',
    'export const MIXED_TABLES: Readonly<Record<number, MixedCcsidTables>> = {',
    ...entries.map(
      ([ccsid, parts, base]) =>
        `  ${ccsid}: { sbcs: '${sbcsSource(sbcs[base ?? ccsid])}', dbcs: [${parts}] },${base ? ` // = ${base}` : ''}`,
    ),
    '};',
    '',
  ];
  writeFileSync(new URL('../src/ibmi/ebcdic/generated/japanese.ts', import.meta.url), lines.join('\n'));
  console.log(
    MIXED_CCSIDS.map(
      (c) =>
        `CCSID ${c}: ${sbcs[c].filter((u) => u !== UNMAPPED).length} single-byte, ${dbcs[c].size} double-byte codes`,
    ).join('\n'),
  );
}
