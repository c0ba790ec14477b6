// The one set of rules for a CSV row, used by the check and by the import itself, so that what
// the check calls ready is exactly what the import creates: the form's schema and network rules,
// the package by name, the status column, a username once in the file and not yet a customer.
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { FieldErrors } from "@/lib/errors";
import { radiusSettingsOf } from "@/lib/radius/tenant-radius-settings";
import { createCustomerSchema, type CreateCustomerInput } from "./customers.schema";
import type { ImportProblem, ImportRow } from "./import-file";
import { checkNetworkFields, excludedFor, type PackageFacts } from "./resolve-network-fields";

const STATUSES = ["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED"] as const;
type Status = (typeof STATUSES)[number];
const FIELD_OF: Record<string, string> = { connectionType: "connection_type", packageId: "package", expiresAt: "expires_at", staticIp: "static_ip", macAddress: "mac", macLock: "mac_lock" };

/** A row that passed every rule: the customer to insert. */
export type ReadyCustomer = {
  line: number;
  username: string;
  password: string;
  name: string;
  mobile: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  status: Status;
  connectionType: "PPPOE" | "HOTSPOT" | "STATIC";
  packageId: string | null;
  expiresAt: Date | null;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
};

/** What the rules need from the database, read once per file (or per import run). */
export type ImportContext = {
  actor: OperatorActor;
  timezone: string;
  suspendMode: "REJECT" | "CAPTIVE";
  /** Who owns the imported customers: the ISP (staff) or the importing reseller. */
  operatorId: string | null;
  packagesByName: Map<string, PackageFacts>;
};

export async function loadImportContext(tx: Tx, actor: OperatorActor): Promise<ImportContext> {
  const [tenant, found, excluded] = await Promise.all([
    tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true, settings: true } }),
    tx.package.findMany({ where: { tenantId: actor.tenantId, status: "ACTIVE" }, select: { id: true, name: true, connectionTypes: true, resellerVisible: true } }),
    excludedFor(tx, actor),
  ]);
  const packages = found.map((p) => (excluded.has(p.id) ? { ...p, resellerVisible: false } : p));
  return {
    actor,
    timezone: tenant.timezone,
    suspendMode: radiusSettingsOf(tenant.settings).suspendMode,
    // Resellers import into their own subtree: the customers are theirs, never another's.
    operatorId: isStaff(actor.role) ? null : actor.id,
    packagesByName: new Map(packages.map((p) => [p.name.toLowerCase(), p])),
  };
}

/** Where each username first appears in the file (a later line with it is a duplicate). */
export function firstLines(rows: ImportRow[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const r of rows) {
    const u = r.get("username");
    if (u && !first.has(u)) first.set(u, r.line);
  }
  return first;
}

function checkRow(row: ImportRow, ctx: ImportContext, first: Map<string, number>): { problems: ImportProblem[]; ready?: ReadyCustomer } {
  const username = row.get("username");
  const problems: ImportProblem[] = [];
  const complain = (field: string, message: string) => problems.push({ line: row.line, username, field, message });
  if (row.hasNul) {
    complain("row", "Contains a NUL character, which cannot be stored.");
    return { problems };
  }
  const pkgName = row.get("package");
  const pkg = pkgName ? ctx.packagesByName.get(pkgName.toLowerCase()) : undefined;
  if (pkgName && !pkg) complain("package", `No active package named "${pkgName}".`);
  const input: CreateCustomerInput = {
    username,
    password: row.get("password"),
    name: row.get("name"),
    mobile: row.get("mobile"),
    email: row.get("email"),
    address: row.get("address"),
    connectionType: (row.get("connection_type").toUpperCase() || "PPPOE") as CreateCustomerInput["connectionType"],
    packageId: pkg?.id,
    expiresAt: row.get("expires_at"),
    staticIp: row.get("static_ip"),
    macAddress: row.get("mac"),
    macLock: ["1", "yes", "true", "on"].includes(row.get("mac_lock").toLowerCase()),
    notes: row.get("notes"),
  };
  // A reseller's customer is in service only for time paid from its wallet: imported on a package,
  // it starts expired and is recharged (lib/resellers/recharge.ts), never in service for free.
  const reseller = !isStaff(ctx.actor.role);
  const status = (row.get("status").toUpperCase() || (reseller && pkg ? "EXPIRED" : "ACTIVE")) as Status;
  if (!STATUSES.includes(status)) complain("status", "ACTIVE, SUSPENDED, EXPIRED or DISABLED.");
  else if (reseller && pkg && (status === "ACTIVE" || status === "SUSPENDED")) {
    complain("status", "Resellers import customers on a package as EXPIRED (leave status empty): recharge each from your wallet to start its service.");
  }
  const firstLine = username ? first.get(username) : undefined;
  if (firstLine !== undefined && firstLine !== row.line) complain("username", `Twice in this file (first on line ${firstLine}).`);
  const parsed = createCustomerSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) complain(FIELD_OF[String(issue.path[0])] ?? String(issue.path[0] ?? "row"), issue.message);
    return { problems };
  }
  const data = parsed.data;
  const errors: FieldErrors = {};
  const network = checkNetworkFields(ctx.actor, data, { timezone: ctx.timezone, pkg: pkg ?? null }, errors);
  for (const [field, messages] of Object.entries(errors)) complain(FIELD_OF[field] ?? field, messages.join(" "));
  if (problems.length) return { problems };
  return {
    problems,
    ready: {
      line: row.line,
      username: data.username,
      password: data.password,
      name: data.name,
      mobile: data.mobile,
      email: data.email,
      address: data.address,
      notes: data.notes,
      status,
      ...network,
    },
  };
}

/**
 * Checks `rows` (all of a file, or one batch of it) against the rules and the ISP's customers as
 * they are now. `first` comes from the whole file, so a batch judges duplicates like the check.
 */
export async function validateImportRows(tx: Tx, ctx: ImportContext, rows: ImportRow[], first: Map<string, number>): Promise<{ ready: ReadyCustomer[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const candidates: ReadyCustomer[] = [];
  for (const row of rows) {
    const r = checkRow(row, ctx, first);
    problems.push(...r.problems);
    if (r.ready) candidates.push(r.ready);
  }
  const usernames = candidates.map((c) => c.username);
  // One array parameter, not 20,000 bound values.
  const taken = new Set(
    usernames.length
      ? (await tx.$queryRaw<{ username: string }[]>`SELECT username FROM customers WHERE tenant_id = ${ctx.actor.tenantId}::uuid AND username = ANY(${usernames}::text[])`).map((c) => c.username)
      : [],
  );
  const ready: ReadyCustomer[] = [];
  for (const c of candidates) {
    if (taken.has(c.username)) problems.push({ line: c.line, username: c.username, field: "username", message: "Already a customer." });
    else ready.push(c);
  }
  problems.sort((a, b) => a.line - b.line);
  return { ready, problems };
}
