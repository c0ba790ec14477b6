// Every job of the product. Both drivers run exactly this list.
import type { AnyJobDefinition } from "./define-job";
import { tenantDigestBuild, tenantDigestFanOut } from "@/lib/reports/tenant-digest.jobs";
import { disconnectCustomerSessions, rollupUsageJob } from "@/lib/radius/radius.jobs";
import { expireCustomers } from "@/lib/customers/customers.jobs";

export const jobDefinitions: readonly AnyJobDefinition[] = [
  tenantDigestFanOut,
  tenantDigestBuild,
  disconnectCustomerSessions,
  expireCustomers,
  rollupUsageJob,
] as unknown as AnyJobDefinition[];
