/**
 * The declarative catalog of QAUDJRN entry layouts: one `EntryLayout` per entry type,
 * transcribed from IBM's "XX (…) journal entries" pages. Offsets are J5 offsets exactly as
 * IBM prints them (1-based, entry-specific data starts at 610), so a reviewer can hold a
 * layout next to IBM's table and compare line by line.
 */

export type FieldKind =
  /** EBCDIC text in the entry's CCSID; trailing blanks removed. */
  | 'char'
  /** Zoned decimal: one digit per byte, sign in the last byte's zone nibble. */
  | 'zoned'
  /** Packed decimal: two digits per byte, sign in the last nibble. */
  | 'packed'
  /** IBM "Binary(4)": 2-byte signed big-endian integer. */
  | 'bin2'
  /** IBM "Binary(5)": 4-byte signed big-endian integer. */
  | 'bin4'
  /** 8-byte signed big-endian integer (kept as a decimal string). */
  | 'bin8'
  /** Raw bytes shown as upper-case hex. */
  | 'hex'
  /** Text whose CCSID and byte length come from sibling fields (`ccsidField`, `lengthField`). */
  | 'tagged'
  /** UTF-16 text (CCSID 1200/13488), e.g. IFS path names; length may come from `lengthField`. */
  | 'utf16';

export interface FieldLayout {
  /** Key in decoded output and SIEM formats: lowerCamelCase, ASCII, at most 32 characters. */
  key: string;
  /** IBM's field name from the layout table. */
  ibmName: string;
  /** J5 offset, 1-based, as printed by IBM. */
  offset: number;
  /** Length in bytes. */
  length: number;
  kind: FieldKind;
  /** For packed/zoned: number of decimal places. */
  scale?: number;
  /** Meaning of coded values (violation types, access types, Y/N flags…). */
  values?: Readonly<Record<string, string>>;
  /** Key of the sibling field giving this field's actual length in bytes (or characters for utf16). */
  lengthField?: string;
  /** Key of the sibling field giving this field's CCSID. */
  ccsidField?: string;
  /**
   * IBM "variable length field": its first two bytes hold the length of the data that follows
   * (the outfile's VARLEN form, which is why such fields are documented as Char(N+2)).
   */
  varlen?: boolean;
  /** Short explanation in our words. */
  description?: string;
  /** False when the offset or format was inferred from a pattern rather than read on IBM's page. */
  confirmed?: boolean;
  /** Release that added the field, when IBM says so. */
  since?: string;
}

export interface Provenance {
  url: string;
  release: string;
}

export interface EntryLayout {
  entryType: string;
  /** IBM's title, e.g. "Password" for PW. */
  title: string;
  /** Key of the field whose value sub-types the entry (usually the byte at 610). */
  subtypeField?: string;
  fields: readonly FieldLayout[];
  provenance: readonly Provenance[];
  /** What could not be confirmed against IBM's pages. */
  unconfirmed?: readonly string[];
}

/** Flag values IBM uses throughout ("Y"/"N" fields). */
export const YES_NO: Readonly<Record<string, string>> = { Y: 'yes', N: 'no' };
