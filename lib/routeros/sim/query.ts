// RouterOS API queries (`?name=x`, `?-name`, `?<name=x`, `?#|&!`) and .proplist projection.
import { normalizeQueryValue, SimTrap, type FieldSpec } from "./schema";
import type { Row } from "./table";

type Step = { push: (row: Row) => boolean } | { ops: string };

export interface CompiledQuery {
  match(row: Row): boolean;
  /** Set when the whole query is one equality, so the caller may use an index. */
  equality?: { field: string; value: string };
}

function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== "" && b !== "" && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitNameValue(text: string): [string, string | undefined] {
  const eq = text.indexOf("=");
  return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

function compileWord(word: string, fields: Record<string, FieldSpec>): Step {
  const body = word.slice(1);
  if (body.startsWith("#")) return { ops: body.slice(1) };
  if (body.startsWith("-")) {
    const name = body.slice(1);
    return { push: (row) => row[name] === undefined };
  }
  if (body.startsWith("<") || body.startsWith(">")) {
    const [name, raw] = splitNameValue(body.slice(1));
    const value = normalizeQueryValue(fields[name], raw ?? "");
    const sign = body.startsWith("<") ? -1 : 1;
    return {
      push: (row) => {
        const v = row[name];
        return v !== undefined && Math.sign(compare(v, value)) === sign;
      },
    };
  }
  // `?=name=x` (what some clients send) means the same as `?name=x`.
  const [name, raw] = splitNameValue(body.startsWith("=") ? body.slice(1) : body);
  if (raw === undefined) return { push: (row) => row[name] !== undefined };
  const value = normalizeQueryValue(fields[name], raw);
  if (value === "") return { push: (row) => !row[name] };
  return { push: (row) => row[name] === value };
}

/** Runs a `?#` operation string on the stack, following the RouterOS API rules. */
function runOps(ops: string, stack: boolean[]): void {
  let i = 0;
  const at = (n: number) => stack[stack.length - 1 - n] ?? false;
  while (i < ops.length) {
    const c = ops[i]!;
    if (c >= "0" && c <= "9") {
      let j = i;
      while (j < ops.length && ops[j]! >= "0" && ops[j]! <= "9") j++;
      const value = at(Number(ops.slice(i, j)));
      if (j === ops.length) {
        // An index at the end of the word replaces the whole stack with that value.
        stack.length = 0;
        stack.push(value);
      } else {
        stack.push(value);
        if (ops[j] === ".") j++; // "." right after an index does nothing
      }
      i = j;
      continue;
    }
    if (c === "!") {
      stack.push(!(stack.pop() ?? false));
    } else if (c === "&" || c === "|") {
      const b = stack.pop() ?? false;
      const a = stack.pop() ?? false;
      stack.push(c === "&" ? a && b : a || b);
    } else if (c === ".") {
      stack.push(at(0));
    } else {
      throw new SimTrap(`invalid query operation ${c}`);
    }
    i++;
  }
}

export function compileQuery(words: string[], fields: Record<string, FieldSpec>): CompiledQuery {
  if (!words.length) return { match: () => true };
  const steps = words.map((w) => compileWord(w, fields));
  let equality: CompiledQuery["equality"];
  const only = words.length === 1 ? words[0]!.slice(1) : undefined;
  if (only && !/^[#\-<>]/.test(only)) {
    const [name, value] = splitNameValue(only.startsWith("=") ? only.slice(1) : only);
    if (value) equality = { field: name, value: normalizeQueryValue(fields[name], value) };
  }
  return {
    equality,
    match(row) {
      const stack: boolean[] = [];
      for (const s of steps) {
        if ("push" in s) stack.push(s.push(row));
        else runOps(s.ops, stack);
      }
      // Whatever is left on the stack is combined with "and".
      for (const v of stack) if (!v) return false;
      return true;
    },
  };
}

export function parseProplist(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface Projection {
  proplist?: string[];
  /** Include fields marked `stats` (interface counters). */
  stats: boolean;
  /** Print .id (settings menus have none). */
  withId: boolean;
}

/** Attribute words of a row in print order. */
export function projectRow(row: Row, fieldNames: string[], statsFields: Set<string>, p: Projection): string[] {
  const words: string[] = [];
  if (p.proplist) {
    for (const name of p.proplist) {
      if (name === ".id" && !p.withId) continue;
      const v = row[name];
      if (v !== undefined) words.push(`=${name}=${v}`);
    }
    return words;
  }
  if (p.withId) words.push(`=.id=${row[".id"]}`);
  for (const name of fieldNames) {
    const v = row[name];
    if (v === undefined || (!p.stats && statsFields.has(name))) continue;
    words.push(`=${name}=${v}`);
  }
  return words;
}
