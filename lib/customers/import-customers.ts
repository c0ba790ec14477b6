// Bulk import from CSV, the way ISPs move from another system. Upload = check: the file is kept
// as an import record and every row is judged by validateImportRows, the rules the import itself
// applies. Import = a job (customers.import) that creates the ready rows in batches of
// IMPORT_BATCH_ROWS, each batch in one transaction with its progress, so a retried run resumes
// after the last committed batch and never creates a row twice.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, can, isStaff } from "@/lib/auth/permissions";
import { withTenant, isUuid } from "@/lib/db";
import type { CustomerImport, Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { readImportFile, type ImportProblem, type ImportRow } from "./import-file";
import { insertImportedCustomers } from "./insert-imported-customers";
import { requestCustomerSearchStats, SEARCH_STATS_AFTER_IMPORT } from "./search-stats";
import { firstLines, loadImportContext, validateImportRows, type ImportContext } from "./validate-import-rows";

export { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportProblem } from "./import-file";

export const CUSTOMER_IMPORT_REQUESTED = "customers/import.requested";
export const IMPORT_BATCH_ROWS = 1000;

export type ImportSummary = {
  id: string;
  fileName: string;
  status: CustomerImport["status"];
  rowsTotal: number;
  rowsReady: number;
  rowsDone: number;
  created: number;
  /** Before the import: the check's problems; once it has started: the rows it skipped. */
  problems: ImportProblem[];
  error: string | null;
};

/** JSON (jsonb) cannot hold NUL either: shown as ␀. */
function storable(problems: ImportProblem[]): Prisma.InputJsonValue {
  const clean = (s: string) => s.replaceAll("\u0000", "\u2400");
  return problems.map((p) => ({ line: p.line, username: clean(p.username), field: p.field, message: clean(p.message) }));
}

/** The file (up to 10 MB) is read by the job only, never by the page's polls. */
const WITHOUT_FILE = { fileData: true } as const;

function summary(r: Omit<CustomerImport, "fileData">): ImportSummary {
  const started = r.status !== "CHECKED";
  const problems = ((started ? r.problems : r.checkProblems) as ImportProblem[]).slice().sort((a, b) => a.line - b.line);
  return { id: r.id, fileName: r.fileName, status: r.status, rowsTotal: r.rowsTotal, rowsReady: r.rowsReady, rowsDone: r.rowsDone, created: r.created, problems, error: r.error };
}

/** Staff see every import of the ISP; a reseller only its own. */
function visibleImport(actor: OperatorActor, id: string) {
  return { id, tenantId: actor.tenantId, ...(isStaff(actor.role) ? {} : { operatorId: actor.id }) };
}

/** Upload and check: stores the file and what every row would do, creates nothing. */
export async function checkCustomerImport(actor: OperatorActor, fileName: string, data: Uint8Array): Promise<ImportSummary> {
  assertCan(actor, "customers:import");
  const file = readImportFile(new TextDecoder("utf-8").decode(data));
  return withTenant(actor.tenantId, async (tx) => {
    const ctx = await loadImportContext(tx, actor);
    const { ready, problems } = await validateImportRows(tx, ctx, file.rows, firstLines(file.rows));
    const record = await tx.customerImport.create({
      omit: WITHOUT_FILE,
      data: {
        tenantId: actor.tenantId,
        operatorId: actor.id,
        fileName: fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "customers.csv",
        fileData: Buffer.from(data),
        rowsTotal: file.rows.length + file.problems.length,
        rowsReady: ready.length,
        checkProblems: storable([...file.problems, ...problems]),
      },
    });
    return summary(record);
  });
}

export async function getCustomerImport(actor: OperatorActor, id: string): Promise<ImportSummary> {
  assertCan(actor, "customers:import");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Import not found." });
  const record = await withTenant(actor.tenantId, (tx) => tx.customerImport.findFirst({ where: visibleImport(actor, id), omit: WITHOUT_FILE }));
  if (!record) throw new AppError("NOT_FOUND", { userMessage: "Import not found." });
  return summary(record);
}

/** Queues the import job for a checked file (once). */
export async function startCustomerImport(actor: OperatorActor, id: string): Promise<ImportSummary> {
  assertCan(actor, "customers:import");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Import not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const record = await tx.customerImport.findFirst({ where: visibleImport(actor, id), omit: WITHOUT_FILE });
    if (!record) throw new AppError("NOT_FOUND", { userMessage: "Import not found." });
    if (record.status !== "CHECKED") throw new AppError("CONFLICT", { userMessage: "This file has already been imported or is being imported." });
    if (record.rowsReady === 0) throw new AppError("VALIDATION", { userMessage: "No row of this file is ready to import." });
    const queued = await tx.customerImport.updateMany({ where: { id, tenantId: actor.tenantId, status: "CHECKED" }, data: { status: "QUEUED" } });
    if (queued.count !== 1) throw new AppError("CONFLICT", { userMessage: "This file has already been imported or is being imported." });
    await emitEvent(tx, { id: `customer-import:${id}`, name: CUSTOMER_IMPORT_REQUESTED, tenantId: actor.tenantId, data: { importId: id } });
    await recordAudit(tx, { actor, action: "customer.import.start", targetType: "CustomerImport", targetId: id, after: { fileName: record.fileName, rowsTotal: record.rowsTotal, rowsReady: record.rowsReady } });
    return summary({ ...record, status: "QUEUED" });
  });
}

/** What a run of the import job works from: the stored file, read again, and the uploader's rights. */
export type ImportRun = {
  tenantId: string;
  importId: string;
  ctx: ImportContext;
  rows: ImportRow[];
  first: Map<string, number>;
  fileProblems: ImportProblem[];
  /** Rows per batch: the same on every attempt (tests lower it). */
  batchRows: number;
  batches: number;
};

class ImportRefused extends AppError {
  readonly retriable = false;
}

/** Null when the import has already finished (a duplicate or late retry of the job). */
export async function loadImportRun(tenantId: string, importId: string, batchRows = IMPORT_BATCH_ROWS): Promise<ImportRun | null> {
  const loaded = await withTenant(tenantId, async (tx) => {
    const record = await tx.customerImport.findFirst({ where: { id: importId, tenantId }, include: { operator: true } });
    if (!record) throw new ImportRefused("NOT_FOUND", { userMessage: "Import not found." });
    if (record.status === "DONE" || record.status === "FAILED" || record.status === "CHECKED") return null;
    const op = record.operator;
    const actor: OperatorActor = { kind: "OPERATOR", id: op.id, tenantId, role: op.role, name: op.name, path: op.path };
    // The uploader's rights now, not at upload: a disabled operator's import does not run.
    if (op.status !== "ACTIVE" || !can(actor, "customers:import")) return { refused: "The operator who uploaded this file may no longer import customers." };
    return { record, ctx: await loadImportContext(tx, actor) };
  });
  if (!loaded) return null;
  if ("refused" in loaded) {
    await withTenant(tenantId, (tx) => tx.customerImport.update({ where: { id: importId }, data: { status: "FAILED", error: loaded.refused, finishedAt: new Date() } }));
    throw new ImportRefused("FORBIDDEN", { userMessage: loaded.refused });
  }
  const file = readImportFile(new TextDecoder("utf-8").decode(loaded.record.fileData));
  return { tenantId, importId, ctx: loaded.ctx, rows: file.rows, first: firstLines(file.rows), fileProblems: file.problems, batchRows, batches: Math.ceil(file.rows.length / batchRows) };
}

/**
 * One batch in one transaction: validated again (the same rules as the check, against the
 * customers as they are now), inserted, audited, and the progress moved past it. A batch the
 * progress is already past was committed by an earlier attempt and is skipped.
 */
export async function importBatch(run: ImportRun, index: number): Promise<{ created: number; skipped: boolean }> {
  const from = index * run.batchRows;
  const rows = run.rows.slice(from, from + run.batchRows);
  return withTenant(run.tenantId, async (tx) => {
    const [state] = await tx.$queryRaw<{ rows_done: number; status: string }[]>`
      SELECT rows_done, status::text FROM customer_imports WHERE id = ${run.importId}::uuid AND tenant_id = ${run.tenantId}::uuid FOR UPDATE`;
    if (!state || (state.status !== "QUEUED" && state.status !== "RUNNING")) throw new ImportRefused("CONFLICT", { userMessage: "The import is not running." });
    if (state.rows_done > from) return { created: 0, skipped: true };
    if (state.rows_done < from) throw new Error(`import ${run.importId}: batch ${index} before the rows up to ${from} are done`);
    const { ready, problems } = await validateImportRows(tx, run.ctx, rows, run.first);
    const ids = await insertImportedCustomers(tx, run.ctx, ready);
    const skipped = [...(index === 0 ? run.fileProblems : []), ...problems];
    await tx.$executeRaw`
      UPDATE customer_imports SET rows_done = ${from + rows.length}, created = created + ${ids.length}, status = 'RUNNING',
             problems = problems || ${JSON.stringify(storable(skipped))}::jsonb, started_at = COALESCE(started_at, now()), updated_at = now()
       WHERE id = ${run.importId}::uuid`;
    if (ids.length) {
      await recordAudit(tx, {
        actor: run.ctx.actor,
        action: "customer.import",
        targetType: "CustomerImport",
        targetId: run.importId,
        after: { lines: [rows[0]!.line, rows.at(-1)!.line], created: ids.length, usernames: ready.map((r) => r.username) },
      });
    }
    return { created: ids.length, skipped: false };
  });
}

/** Marks the import done; thousands of new customers also ask for a search statistics recount. */
export async function finishImport(run: ImportRun, searchStatsAfter = SEARCH_STATS_AFTER_IMPORT): Promise<{ created: number }> {
  return withTenant(run.tenantId, async (tx) => {
    const record = await tx.customerImport.update({ where: { id: run.importId }, data: { status: "DONE", finishedAt: new Date() }, select: { created: true } });
    if (record.created >= searchStatsAfter) await requestCustomerSearchStats(tx, run.tenantId);
    return { created: record.created };
  });
}

/** The job gave up (an error no retry cures, or its last attempt): the page says so instead of "running". */
export async function markImportFailed(tenantId: string, importId: string, message: string): Promise<void> {
  await withTenant(tenantId, (tx) =>
    tx.customerImport.updateMany({ where: { id: importId, tenantId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: message.slice(0, 500), finishedAt: new Date() } }),
  );
}

type Steps = { run<T>(id: string, fn: () => Promise<T>): Promise<T>; progress(done: number, total: number): Promise<void> };
const direct: Steps = { run: (_id, fn) => fn(), progress: async () => {} };

/** The whole import: the job's handler, and what tests and the benchmark call. */
export async function runCustomerImport(tenantId: string, importId: string, step: Steps = direct, options: { searchStatsAfter?: number; batchRows?: number } = {}) {
  const run = await loadImportRun(tenantId, importId, options.batchRows);
  if (!run) return { created: 0, alreadyFinished: true };
  for (let b = 0; b < run.batches; b++) {
    await step.run(`batch-${b}`, () => importBatch(run, b));
    await step.progress(Math.min((b + 1) * run.batchRows, run.rows.length), run.rows.length);
  }
  return step.run("finish", () => finishImport(run, options.searchStatsAfter));
}
