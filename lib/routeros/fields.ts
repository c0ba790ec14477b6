// Per-menu field maps: our camelCase names <-> RouterOS kebab-case words, and the few value types
// we convert. Everything not declared numeric or boolean stays the router's raw string, so a
// username "0712345678" stays "0712345678".
import { assertWritableAscii } from "./ascii";
import { formatRouterOsDuration, tryParseRouterOsDuration } from "./durations";
import { RouterOsValueError } from "./errors";

/** Two numbers written "a/b", e.g. a simple queue's bytes: upload/download as seen from its target. */
export interface UpDown {
  upload: number;
  download: number;
}

export interface KindValue {
  text: string;
  flag: boolean;
  int: number;
  duration: number;
  updown: UpDown;
}
export type FieldKind = keyof KindValue;

export interface FieldOptions {
  /** Reported by the router, never written (counters, status). */
  readOnly?: boolean;
  /** Needed to add an item; always present when read (an empty string if the router omits it). */
  required?: boolean;
  /** Written but never printed back (e.g. place-before). */
  writeOnly?: boolean;
}

export interface FieldSpec<K extends FieldKind = FieldKind, O extends FieldOptions = FieldOptions> {
  readonly wire: string;
  readonly kind: K;
  readonly options: O;
}

export type FieldMap = Record<string, FieldSpec>;

function spec<K extends FieldKind>(kind: K) {
  return <const O extends FieldOptions = Record<never, never>>(wire: string, options?: O): FieldSpec<K, O> => ({
    wire,
    kind,
    options: (options ?? {}) as O,
  });
}

export const text = spec("text");
/** yes/no and true/false on the wire; written as yes/no. Always present when read (false if absent). */
export const flag = spec("flag");
export const int = spec("int");
/** Seconds; read from any RouterOS duration format, written as "1d2h3m4s". */
export const duration = spec("duration");
export const updown = spec("updown");

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<F> = F extends FieldSpec<infer K, FieldOptions> ? KindValue[K] : never;
type Flagged<F, Name extends keyof FieldOptions> = F extends { options: Record<Name, true> } ? true : false;

type ReadKeys<M> = { [K in keyof M]: Flagged<M[K], "writeOnly"> extends true ? never : K }[keyof M];
type AlwaysKeys<M> = {
  [K in ReadKeys<M>]: Flagged<M[K], "required"> extends true ? K : M[K] extends { kind: "flag" } ? K : never;
}[ReadKeys<M>];
type WriteKeys<M> = { [K in keyof M]: Flagged<M[K], "readOnly"> extends true ? never : K }[keyof M];
type RequiredKeys<M> = { [K in WriteKeys<M>]: Flagged<M[K], "required"> extends true ? K : never }[WriteKeys<M>];

/** An item as read: its .id, required fields and flags always, the rest when the router printed them. */
export type RowOf<M extends FieldMap> = Simplify<
  { id: string } & { [K in AlwaysKeys<M>]: ValueOf<M[K]> } & { [K in Exclude<ReadKeys<M>, AlwaysKeys<M>>]?: ValueOf<M[K]> }
>;
/** What `add` takes: writable fields, required ones required. */
export type InputOf<M extends FieldMap> = Simplify<
  { [K in RequiredKeys<M>]: ValueOf<M[K]> } & { [K in Exclude<WriteKeys<M>, RequiredKeys<M>>]?: ValueOf<M[K]> }
>;
export type PatchOf<M extends FieldMap> = Partial<InputOf<M>>;

export function decodeValue(kind: FieldKind, raw: string): KindValue[FieldKind] | undefined {
  switch (kind) {
    case "text":
      return raw;
    case "flag":
      if (raw === "yes" || raw === "true") return true;
      if (raw === "no" || raw === "false") return false;
      return undefined;
    case "int":
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case "duration":
      return tryParseRouterOsDuration(raw);
    case "updown": {
      const m = /^(\d+)\/(\d+)$/.exec(raw);
      return m ? { upload: Number(m[1]), download: Number(m[2]) } : undefined;
    }
  }
}

export function encodeValue(kind: FieldKind, value: unknown, fieldName: string): string {
  switch (kind) {
    case "text":
      if (typeof value !== "string") throw new RouterOsValueError(fieldName, "expected a string");
      return assertWritableAscii(fieldName, value);
    case "flag":
      if (typeof value !== "boolean") throw new RouterOsValueError(fieldName, "expected a boolean");
      return value ? "yes" : "no";
    case "int":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new RouterOsValueError(fieldName, "expected an integer");
      return String(value);
    case "duration":
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new RouterOsValueError(fieldName, "expected a duration in seconds");
      }
      return formatRouterOsDuration(value);
    case "updown": {
      const v = value as Partial<UpDown> | null;
      if (!v || !Number.isSafeInteger(v.upload) || !Number.isSafeInteger(v.download)) {
        throw new RouterOsValueError(fieldName, "expected { upload, download } integers");
      }
      return `${v.upload}/${v.download}`;
    }
  }
}

/** Wire row -> our row. Unknown wire keys are dropped; the raw API keeps them for whoever needs them. */
export function decodeRow<M extends FieldMap>(fields: M, raw: Record<string, string>): RowOf<M> {
  const row: Record<string, unknown> = { id: raw[".id"] ?? "" };
  for (const [name, field] of Object.entries(fields)) {
    if (field.options.writeOnly) continue;
    const wire = raw[field.wire];
    const value = wire === undefined ? undefined : decodeValue(field.kind, wire);
    if (value !== undefined) row[name] = value;
    else if (field.kind === "flag") row[name] = false;
    else if (field.options.required && field.kind === "text") row[name] = "";
  }
  return row as RowOf<M>;
}

/**
 * Our fields -> wire words' key/values, ASCII-checked. Read-only or unknown keys are refused: a typo
 * must not silently become a no-op write. Undefined values are skipped.
 */
export function encodeFields(menu: string, fields: FieldMap, values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const field = fields[name];
    if (!field) throw new RouterOsValueError(`${menu} ${name}`, "not a field of this menu");
    if (field.options.readOnly) throw new RouterOsValueError(`${menu} ${name}`, "is read-only");
    out[field.wire] = encodeValue(field.kind, value, `${menu} ${name}`);
  }
  return out;
}

export function missingRequired(fields: FieldMap, values: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .filter(([name, field]) => field.options.required && !field.options.readOnly && values[name] === undefined)
    .map(([name]) => name);
}
