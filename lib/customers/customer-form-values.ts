// What a customer's edit form shows, as the strings it posts, and what a submission changes.
// The form posts every field it shows plus `base`: the values it was rendered with. A field
// posted exactly as shown was not touched, so the save leaves that column as it is now; only what
// the operator changed is written. A field the form failed to fill in (shown empty, posted empty)
// therefore never clears a column, and two operators editing different fields do not undo
// each other.
import { toLocalDateTimeInput } from "@/lib/time/zoned-time";

/** The fields the edit form can change (never the password: empty there always means "keep"). */
export const CUSTOMER_FORM_FIELDS = [
  "name",
  "mobile",
  "email",
  "address",
  "operatorId",
  "connectionType",
  "packageId",
  "routerId",
  "expiresAt",
  "staticIp",
  "macAddress",
  "macLock",
  "notes",
  "status",
] as const;

export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number];
export type CustomerFormValues = Record<CustomerFormField, string>;

type Shown = {
  name: string;
  mobile: string | null;
  email: string | null;
  address: string | null;
  operatorId: string | null;
  connectionType: string;
  packageId: string | null;
  routerId: string | null;
  expiresAt: Date | null;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
  notes: string | null;
  status: string;
};

/** The customer as its form shows it: every field (a missing one is a type error, not a silent ""). */
export function customerFormValues(c: Shown, timeZone: string): CustomerFormValues {
  return {
    name: c.name,
    mobile: c.mobile ?? "",
    email: c.email ?? "",
    address: c.address ?? "",
    operatorId: c.operatorId ?? "",
    connectionType: c.connectionType,
    packageId: c.packageId ?? "",
    routerId: c.routerId ?? "",
    expiresAt: c.expiresAt ? toLocalDateTimeInput(c.expiresAt, timeZone) : "",
    staticIp: c.staticIp ?? "",
    macAddress: c.macAddress ?? "",
    // A checkbox posts "on" when ticked and nothing at all when not.
    macLock: c.macLock ? "on" : "",
    notes: c.notes ?? "",
    status: c.status,
  };
}

/** What the form was rendered with: the fields it showed, as JSON in a hidden input (or an object). */
export type FormBase = string | Partial<Record<string, string>>;

const MAX_BASE_CHARS = 20_000;

function parseBase(base: FormBase | undefined): Partial<Record<string, string>> | null {
  if (base === undefined || base === "") return null;
  if (typeof base !== "string") return base;
  if (base.length > MAX_BASE_CHARS) return null;
  try {
    const parsed: unknown = JSON.parse(base);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown> as Partial<Record<string, string>>) : null;
  } catch {
    return null;
  }
}

/**
 * The submission without `base` and without the fields posted as they were shown. A field the
 * form showed but did not post (an unticked checkbox) counts as posted empty. Without a base
 * (API callers, imports, tests) the input is taken as it is: a field left out stays unchanged.
 * A base that cannot be read is ignored, so the save then writes every posted field.
 */
export function changesFromForm<T extends Record<string, unknown>>(input: T & { base?: FormBase }): Omit<T, "base"> {
  const { base: rawBase, ...rest } = input;
  const base = parseBase(rawBase);
  if (!base) return rest;
  const out: Record<string, unknown> = { ...rest };
  for (const field of CUSTOMER_FORM_FIELDS) {
    const shown = base[field];
    if (typeof shown !== "string") continue;
    const posted = out[field] ?? "";
    if (posted === shown) delete out[field];
    else out[field] = posted;
  }
  return out as Omit<T, "base">;
}
