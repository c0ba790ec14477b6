// Every job of the product. Both drivers run exactly this list.
import type { AnyJobDefinition } from "./define-job";
import { tenantDigestBuild, tenantDigestFanOut } from "@/lib/reports/tenant-digest.jobs";

export const jobDefinitions: readonly AnyJobDefinition[] = [tenantDigestFanOut, tenantDigestBuild] as unknown as AnyJobDefinition[];
