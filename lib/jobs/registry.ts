// Every job of the product. Both drivers run exactly this list.
import type { AnyJobDefinition } from "./define-job";
import { tenantDigestBuild, tenantDigestFanOut } from "@/lib/reports/tenant-digest.jobs";
import { closeStaleSessionsJob, disconnectCustomerSessions, pruneAccountingJob, rollupUsageJob } from "@/lib/radius/radius.jobs";
import { customerImport, customerSearchStats, customerSearchStatsFanOut, expireCustomers } from "@/lib/customers/customers.jobs";
import { pruneJobRunsJob } from "./retention.jobs";
import { routerHealthJob } from "@/lib/routers/routers.jobs";
import { routerSetupJob } from "@/lib/routers/setup/setup.jobs";
import { reconcileRouterJob, reconcileScheduleJob } from "@/lib/routers/provisioning/provisioning.jobs";
import { ledgerReconcile, ledgerReconcileFanOut } from "@/lib/ledger/ledger.jobs";
import { billRun, billRunFanOut } from "@/lib/billing/jobs/bill-run.jobs";
import { dailyChargesJob, enforceLocksJob, remindersJob } from "@/lib/billing/jobs/billing.jobs";
import { postCommissionsJob } from "@/lib/resellers/resellers.jobs";
import { generateVouchersJob, settleVouchersJob } from "@/lib/vouchers/vouchers.jobs";
import { pruneWebhooksJob, reconcilePaymentsJob, retryWebhooksJob } from "@/lib/payments/payments.jobs";

export const jobDefinitions: readonly AnyJobDefinition[] = [
  tenantDigestFanOut,
  tenantDigestBuild,
  disconnectCustomerSessions,
  expireCustomers,
  customerSearchStatsFanOut,
  customerSearchStats,
  customerImport,
  rollupUsageJob,
  closeStaleSessionsJob,
  pruneAccountingJob,
  pruneJobRunsJob,
  routerHealthJob,
  routerSetupJob,
  reconcileRouterJob,
  reconcileScheduleJob,
  ledgerReconcileFanOut,
  ledgerReconcile,
  billRunFanOut,
  billRun,
  enforceLocksJob,
  remindersJob,
  dailyChargesJob,
  postCommissionsJob,
  generateVouchersJob,
  settleVouchersJob,
  reconcilePaymentsJob,
  retryWebhooksJob,
  pruneWebhooksJob,
] as unknown as AnyJobDefinition[];
