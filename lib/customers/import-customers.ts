// Bulk import from CSV, the way ISPs move from another system: a dry run names every bad row and
// why, then the commit creates the good rows (each through the same rules as the form, with its
// FreeRADIUS rows and audit entry) and reports the skipped ones again.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { parseCsv } from "@/lib/csv/csv";
import { withTenant } from "@/lib/db";
import { AppError, toAppError } from "@/lib/errors";
import { createCustomer } from "./create-customer";
import { createCustomerSchema, type CreateCustomerInput } from "./customers.schema";
import { requestCustomerSearchStats, SEARCH_STATS_AFTER_IMPORT } from "./search-stats";

export const IMPORT_COLUMNS = ["username", "password", "name", "mobile", "email", "address", "connection_type", "package", "expires_at", "static_ip", "mac", "mac_lock", "status", "notes"] as const;
export const MAX_IMPORT_ROWS = 20_000;

export type ImportProblem = { line: number; username: string; field: string; message: string };
export type ImportReport = { rows: number; valid: number; created: number; problems: ImportProblem[] };

const FIELD_OF: Record<string, string> = { connectionType: "connection_type", packageId: "package", expiresAt: "expires_at", staticIp: "static_ip", macAddress: "mac", macLock: "mac_lock" };

/** `searchStatsAfter`: how many created customers ask for a search statistics recount (tests lower it). */
export async function importCustomers(actor: OperatorActor, csv: string, options: { commit: boolean; searchStatsAfter?: number }): Promise<ImportReport> {
  assertCan(actor, "customers:manage");
  const table = parseCsv(csv);
  if (!table.length) throw new AppError("VALIDATION", { fieldErrors: { file: ["The file is empty."] } });
  const header = table[0]!.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const unknown = header.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  const missing = ["username", "password", "name"].filter((h) => !header.includes(h));
  if (unknown.length || missing.length) {
    const parts = [...(missing.length ? [`missing ${missing.join(", ")}`] : []), ...(unknown.length ? [`unknown ${unknown.join(", ")}`] : [])];
    throw new AppError("VALIDATION", { fieldErrors: { file: [`Header: ${parts.join("; ")}. Columns: ${IMPORT_COLUMNS.join(", ")}.`] } });
  }
  if (table.length - 1 > MAX_IMPORT_ROWS) throw new AppError("VALIDATION", { fieldErrors: { file: [`At most ${MAX_IMPORT_ROWS} rows per file.`] } });

  const { packages, existing } = await withTenant(actor.tenantId, async (tx) => ({
    packages: await tx.package.findMany({ where: { tenantId: actor.tenantId, status: "ACTIVE" }, select: { id: true, name: true } }),
    existing: new Set((await tx.customer.findMany({ where: { tenantId: actor.tenantId }, select: { username: true } })).map((c) => c.username)),
  }));
  const packageByName = new Map(packages.map((p) => [p.name.toLowerCase(), p.id]));

  const problems: ImportProblem[] = [];
  const good: { line: number; input: CreateCustomerInput; status?: string }[] = [];
  const seen = new Set<string>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const get = (col: string) => (cells[header.indexOf(col)] ?? "").trim();
    const username = get("username");
    const complain = (field: string, message: string) => problems.push({ line, username, field, message });
    const pkgName = get("package");
    const packageId = pkgName ? packageByName.get(pkgName.toLowerCase()) : undefined;
    if (pkgName && !packageId) complain("package", `No active package named "${pkgName}".`);
    const input: CreateCustomerInput = {
      username,
      password: get("password"),
      name: get("name"),
      mobile: get("mobile"),
      email: get("email"),
      address: get("address"),
      connectionType: (get("connection_type").toUpperCase() || "PPPOE") as CreateCustomerInput["connectionType"],
      packageId,
      expiresAt: get("expires_at"),
      staticIp: get("static_ip"),
      macAddress: get("mac"),
      macLock: ["1", "yes", "true", "on"].includes(get("mac_lock").toLowerCase()),
      notes: get("notes"),
    };
    const parsed = createCustomerSchema.safeParse(input);
    if (!parsed.success) for (const issue of parsed.error.issues) complain(FIELD_OF[String(issue.path[0])] ?? String(issue.path[0] ?? "row"), issue.message);
    if (username && (existing.has(username) || seen.has(username))) complain("username", existing.has(username) ? "Already a customer." : "Twice in this file.");
    const status = get("status").toUpperCase();
    if (status && !["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED"].includes(status)) complain("status", "ACTIVE, SUSPENDED, EXPIRED or DISABLED.");
    seen.add(username);
    if (!problems.some((p) => p.line === line)) good.push({ line, input, status: status || undefined });
  });

  let created = 0;
  if (options.commit) {
    const { updateCustomer } = await import("./update-customer");
    for (const row of good) {
      try {
        const c = await createCustomer(actor, row.input);
        if (row.status && row.status !== "ACTIVE") {
          await updateCustomer(actor, { ...row.input, id: c.id, status: row.status as "SUSPENDED" | "EXPIRED" | "DISABLED", password: undefined });
        }
        created++;
      } catch (error) {
        const e = toAppError(error);
        const fields = Object.entries(e.fieldErrors ?? { row: [e.userMessage] });
        for (const [field, messages] of fields) problems.push({ line: row.line, username: row.input.username, field: FIELD_OF[field] ?? field, message: messages.join(" ") });
      }
    }
  }
  // Thousands of new customers can make trigrams common that were not: recount now, not tonight.
  if (created > 0 && created >= (options.searchStatsAfter ?? SEARCH_STATS_AFTER_IMPORT)) await withTenant(actor.tenantId, (tx) => requestCustomerSearchStats(tx, actor.tenantId));
  problems.sort((a, b) => a.line - b.line);
  return { rows: table.length - 1, valid: good.length, created, problems };
}
