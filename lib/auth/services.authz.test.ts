// The guard: every exported service that takes an actor is classified here, as a read or as a
// change; every change has a test that calls it directly as an actor that must be refused (in a
// *.authz.test.ts file). A new service with an actor fails this test until it is classified,
// and, if it changes anything, until it has its refusal test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Services that change data, or act on a router, on behalf of an operator. */
const CHANGES = [
  "activateCustomer",
  "allocateSuspense",
  "archivePackage",
  "archiveTaxRate",
  "changeOwnPassword",
  "changePackage",
  "checkCustomerImport",
  "createCustomer",
  "createInvoice",
  "createOperator",
  "createPaymentLink",
  "createRouter",
  "createVoucherBatch",
  "creditInvoice",
  "disableCustomer",
  "disconnectCustomer",
  "disconnectRouterSession",
  "dryRunRouterSetup",
  "issueDraftInvoice",
  "moveWalletMoney",
  "pauseCustomer",
  "payOutCommission",
  "rechargeCustomer",
  "recordPayment",
  "redeemVoucher",
  "refundGatewayPayment",
  "removeCustomerLimit",
  "removeRouterApi",
  "renewCustomer",
  "requestSyncNow",
  "rerunJobRun",
  "resolveAllDrift",
  "resolveDrift",
  "revealNetworkPassword",
  "reversePayment",
  "revokeVouchers",
  "rotateRouterSecret",
  "runLedgerReconciliation",
  "saveGateway",
  "savePackage",
  "saveProvisioningSettings",
  "saveRouterApi",
  "saveTaxRate",
  "setCustomerBillingTerms",
  "setCustomerLimit",
  "setSpecialPrices",
  "setSubResellerPackages",
  "startCustomerImport",
  "startPayment",
  "startRouterSetup",
  "suspendCustomer",
  "testGateway",
  "testRouterConnection",
  "updateBillingSettings",
  "updateCustomer",
  "updateOperator",
  "updateRadiusSettings",
  "updateRouter",
  "updateTenantProfile",
  "uploadLogo",
  "verifyRouter",
  "voidInvoice",
];

/** Reads, visibility rules and navigation: they take an actor and change nothing. */
const READS = [
  "adminNav",
  "assertCan",
  "assertMayManageResellers",
  "can",
  "cashInHand",
  "checkNetworkFields",
  "commissionReport",
  "customerScope",
  "customerVisibility",
  "exportBatchCsv",
  "exportBatchPdf",
  "exportCommissionReport",
  "exportCustomersCsv",
  "exportInvoices",
  "exportList",
  "exportOperatorStatement",
  "exportPayments",
  "getBillingLogo",
  "getBillingSettings",
  "getBillingTiles",
  "getCustomerBilling",
  "getCustomerImport",
  "getCustomerOrThrow",
  "getCustomerStatement",
  "getCustomerSyncState",
  "getCustomerTraffic",
  "getDashboardCounts",
  "getInvoiceDocument",
  "getJobRunOrThrow",
  "getLedgerOverview",
  "getOperatorOrThrow",
  "getOperatorProfile",
  "getOperatorStatement",
  "getPackageOrThrow",
  "getPaymentAttempt",
  "getProvisioningSettings",
  "getReceiptDocument",
  "getResellerOverview",
  "getRouterApi",
  "getRouterLive",
  "getRouterOrThrow",
  "getRouterSetupProgress",
  "getRouterSetupStatus",
  "getRouterSyncSummary",
  "getVoucherBatch",
  "getWallet",
  "getWebhookRequest",
  "isResellerActor",
  "listAuditLogs",
  "listBandwidth",
  "listBillingFilterChoices",
  "listBillingPage",
  "listCustomerSessions",
  "listCustomerSyncStates",
  "listCustomerUsage",
  "listCustomers",
  "listGatewayPayments",
  "listGateways",
  "listInvoices",
  "listJobRuns",
  "listOnlineSessions",
  "listOperators",
  "listOwnerChoices",
  "listPackageChoices",
  "listPackages",
  "listPayments",
  "listResellerChoices",
  "listRouterChoices",
  "listRouterDrift",
  "listRouters",
  "listRunsAbout",
  "listSpecialPrices",
  "listSpeedPresets",
  "listSubResellerPackages",
  "listTargetHistory",
  "listTenantDigests",
  "listVoucherBatches",
  "listWebhookRequests",
  "loadRouterAccess",
  "operatorVisibility",
  "packageVisibility",
  "panelFor",
  "paymentOptions",
  "previewDocumentNumber",
  "previewPackageChange",
  "readBatchCards",
  "rechargeQuote",
  "resellerNav",
  "resellerTerms",
  "visibleCustomersSql",
];

const LIB = path.resolve(process.cwd(), "lib");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "testing" ? [] : files(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

const sources = files(LIB);
const isTest = (f: string) => f.endsWith(".test.ts");
/** Test fixtures that live beside their domain (they call the real services). */
const isFixture = (f: string) => f.endsWith("-fixtures.ts");

/** Exported functions whose first parameter is the actor. */
function servicesWithActor(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\s*\(\s*actor\s*:/g, /export\s+const\s+(\w+)\s*=\s*(?:async\s*)?\(\s*actor\s*:/g];
  for (const file of sources.filter((f) => !isTest(f) && !isFixture(f))) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1]!, path.relative(LIB, file));
  }
  return found;
}

describe("every service that takes an actor", () => {
  const services = servicesWithActor();

  it("is classified as a change or a read", () => {
    const unclassified = [...services].filter(([name]) => !CHANGES.includes(name) && !READS.includes(name)).map(([name, file]) => `${name} (lib/${file})`);
    expect(unclassified, "add each to CHANGES (and write its refusal test) or to READS").toEqual([]);
  });

  it("the lists name only services that exist", () => {
    expect([...CHANGES, ...READS].filter((name) => !services.has(name))).toEqual([]);
  });

  it("each change is called in a *.authz.test.ts file", () => {
    const authzTests = sources
      .filter((f) => f.endsWith(".authz.test.ts") && !f.endsWith(path.join("auth", "services.authz.test.ts")))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    expect(CHANGES.filter((name) => !new RegExp(`\\b${name}\\(`).test(authzTests))).toEqual([]);
  });
});
