import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan, isStaff } from "@/lib/auth/permissions";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import { AppError } from "@/lib/errors";
import { minorToDecimalString } from "@/lib/money/format-money";
import { moneyToJson } from "@/lib/money/json";
import { bytesToGb, packageVisibility } from "./list-packages";
import { formatRate } from "./speed";

/** Minor units -> the text the form shows: 250000n KES -> "2500", 1250n KES -> "12.50", 1234n KWD -> "1.234". */
const priceText = (minor: bigint, currency: string) => minorToDecimalString(minor, currency, { compactWhole: true });

const rate = (bps: bigint | null) => (bps === null ? "" : formatRate(bps));

/** A package as the form shows it: every editable value as the text the user would type. */
export type PackageDetail = {
  id: string;
  name: string;
  /** The form's text, e.g. "12.50". */
  price: string;
  /** The same in minor units as a string (lib/money/json), for display through formatMoney. */
  priceMinor: string;
  currency: string;
  validityValue: string;
  validityUnit: string;
  rateDown: string;
  rateUp: string;
  burstDown: string;
  burstUp: string;
  burstThresholdDown: string;
  burstThresholdUp: string;
  burstTimeSeconds: string;
  dataCapGb: string;
  dataCapAction: string;
  fupDown: string;
  fupUp: string;
  sharedUsers: string;
  connectionTypes: string[];
  ipPool: string;
  resellerVisible: boolean;
  resellerPrice: string;
  resellerPriceMinor: string | null;
  subResellerPrice: string;
  subResellerPriceMinor: string | null;
  /** "" when the ISP's default applies. */
  billingMode: string;
  status: string;
  /** Customers on the package that this actor can see. */
  customerCount: number;
  createdAt: string;
  updatedAt: string;
};

export async function getPackageOrThrow(actor: OperatorActor, id: string): Promise<PackageDetail> {
  assertCan(actor, "packages:view");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
  const p = await withTenant(actor.tenantId, (tx) =>
    tx.package.findFirst({
      where: { AND: [packageVisibility(actor), { id }] },
      include: { _count: { select: { customers: { where: customerVisibility(actor) } } } },
    }),
  );
  if (!p) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
  // The tiers' buy prices are the ISP's business: a sub-reseller does not see what its reseller pays.
  if (!isStaff(actor.role)) Object.assign(p, { resellerPriceMinor: null, subResellerPriceMinor: null });
  return {
    id: p.id,
    name: p.name,
    price: priceText(p.priceMinor, p.currency),
    priceMinor: moneyToJson(p.priceMinor),
    currency: p.currency,
    validityValue: String(p.validityValue),
    validityUnit: p.validityUnit,
    rateDown: formatRate(p.rateDownBps),
    rateUp: formatRate(p.rateUpBps),
    burstDown: rate(p.burstDownBps),
    burstUp: rate(p.burstUpBps),
    burstThresholdDown: rate(p.burstThresholdDownBps),
    burstThresholdUp: rate(p.burstThresholdUpBps),
    burstTimeSeconds: p.burstTimeSeconds === null ? "" : String(p.burstTimeSeconds),
    dataCapGb: p.dataCapBytes === null ? "" : String(bytesToGb(p.dataCapBytes)),
    dataCapAction: p.dataCapAction ?? "",
    fupDown: rate(p.fupDownBps),
    fupUp: rate(p.fupUpBps),
    sharedUsers: String(p.sharedUsers),
    connectionTypes: [...p.connectionTypes],
    ipPool: p.ipPool ?? "",
    resellerVisible: p.resellerVisible,
    resellerPrice: p.resellerPriceMinor === null ? "" : priceText(p.resellerPriceMinor, p.currency),
    resellerPriceMinor: p.resellerPriceMinor === null ? null : moneyToJson(p.resellerPriceMinor),
    subResellerPrice: p.subResellerPriceMinor === null ? "" : priceText(p.subResellerPriceMinor, p.currency),
    subResellerPriceMinor: p.subResellerPriceMinor === null ? null : moneyToJson(p.subResellerPriceMinor),
    billingMode: p.billingMode ?? "",
    status: p.status,
    customerCount: p._count.customers,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
