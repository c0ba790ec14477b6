// Comparing what we want with what the router has, and writing values the way RouterOS prints them.
// The adapter gives booleans, numbers (durations in seconds) and raw strings.
import { formatRouterOsDuration, parseRouterOsDuration } from "@/lib/routeros";
import type { FieldValue } from "./setup.types";

/** Adapter fields that are durations in seconds (written "5m", "3s"). */
const DURATION_FIELDS = new Set(["interimUpdate", "timeout"]);
/** Text fields that hold a duration (or a word such as "received"). */
const DURATION_TEXT_FIELDS = new Set(["radiusInterimUpdate"]);
const SENSITIVE = /secret|password/i;

export const HIDDEN = "(hidden)";

/** interimUpdate -> interim-update */
export function wireName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function listOf(value: unknown): string[] {
  return typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function durationOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return parseRouterOsDuration(value);
  } catch {
    return undefined;
  }
}

/** Whether the router's value already is what we want (for a list: contains all of ours). */
export function sameValue(field: string, current: unknown, wanted: FieldValue, isList = false): boolean {
  if (isList) {
    const have = new Set(listOf(current));
    return listOf(wanted).every((v) => have.has(v));
  }
  if (typeof wanted === "boolean") return (current ?? false) === wanted;
  if (typeof wanted === "number") return typeof current === "number" && Math.abs(current - wanted) < 1e-6;
  if (DURATION_TEXT_FIELDS.has(field)) {
    const a = durationOf(current);
    const b = durationOf(wanted);
    if (a !== undefined && b !== undefined) return Math.abs(a - b) < 1e-6;
  }
  // RouterOS leaves empty properties out of a print.
  return (current ?? "") === wanted;
}

/** The value to write: ours, or for a list the router's with ours added (nothing of theirs goes). */
export function valueToWrite(current: unknown, wanted: FieldValue, isList = false): FieldValue {
  if (!isList) return wanted;
  const merged = listOf(current);
  for (const v of listOf(wanted)) if (!merged.includes(v)) merged.push(v);
  return merged.join(",");
}

/** A value as RouterOS spells it, secrets masked. */
export function displayValue(field: string, value: unknown): string {
  if (SENSITIVE.test(field)) return HIDDEN;
  if (value === undefined || value === null || value === "") return "(not set)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return DURATION_FIELDS.has(field) ? formatRouterOsDuration(value) : String(value);
  return String(value);
}

export function displayFields(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [wireName(k), displayValue(k, v)]));
}
