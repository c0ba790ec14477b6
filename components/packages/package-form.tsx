"use client";

import { useActionState, type ReactNode } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { ChoiceSelect } from "@/components/forms/choice-select";
import { formatMoney, toChoices } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Field, firstError, type FieldErrorValue } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { currencyExponent, isCurrency } from "@/lib/money/currencies";
import { initialActionState } from "@/lib/next/action-state";
import type { PackageDetail } from "@/lib/packages/get-package";
import { BILLING_MODE_LABELS } from "@/lib/billing/labels";
import { CAP_ACTION_LABELS, CONNECTION_TYPE_LABELS, formatValidity, VALIDITY_UNIT_LABELS } from "./packages-table";

const RATE_HINT = "RouterOS style: 512k, 10M or 1G.";
const BURST_FIELDS = ["burstDown", "burstUp", "burstThresholdDown", "burstThresholdUp", "burstTimeSeconds"] as const;

const NEW_PACKAGE: Record<string, string> = { validityValue: "30", validityUnit: "DAY", sharedUsers: "1", connectionTypes: "PPPOE" };

function defaultsOf(pkg: PackageDetail): Record<string, string> {
  const { connectionTypes, resellerVisible, customerCount: _c, priceMinor: _p, resellerPriceMinor: _r, subResellerPriceMinor: _s, ...rest } = pkg;
  return { ...rest, connectionTypes: connectionTypes.join(","), resellerVisible: resellerVisible ? "on" : "" };
}

/** The hint follows the currency's decimals: "2500" (JPY), "2500 or 12.50" (KES), "2500 or 12.500" (KWD). */
function priceExample(currency: string): string {
  const exponent = isCurrency(currency) ? currencyExponent(currency) : 2;
  return exponent ? `2500 or 12.${"5".padEnd(exponent, "0")}` : "2500";
}

type Props = {
  action: FormAction;
  /** The tenant's currency code, shown next to prices. */
  currency: string;
  /** Present when editing. */
  pkg?: PackageDetail;
};

export function PackageForm({ action, currency, pkg }: Props) {
  const editing = Boolean(pkg);
  return (
    <ActionForm action={action} submitLabel={editing ? "Save changes" : "Create package"}>
      {(state) => {
        // An answer echoes every submitted field (unchecked boxes are simply absent), so it wins whole.
        const v: Record<string, string | undefined> = state.values ?? (pkg ? defaultsOf(pkg) : NEW_PACKAGE);
        const e = state.fieldErrors ?? {};
        const types = new Set((v.connectionTypes ?? "").split(",").filter(Boolean));
        const burstOpen = BURST_FIELDS.some((f) => Boolean(v[f]) || Boolean(e[f]));
        return (
          <>
            {pkg && <input type="hidden" name="id" value={pkg.id} />}
            <Field label="Name" name="name" error={e.name} required>
              <Input defaultValue={v.name ?? ""} autoComplete="off" />
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label={`Price (${currency})`} name="price" error={e.price} hint={`What a customer pays, e.g. ${priceExample(currency)}.`} required>
                <Input inputMode="decimal" defaultValue={v.price ?? ""} autoComplete="off" />
              </Field>
              <Field label="Validity" name="validityValue" error={e.validityValue} hint="How long one payment lasts." required>
                <Input type="number" min={1} max={1000} step={1} inputMode="numeric" defaultValue={v.validityValue ?? ""} />
              </Field>
              <Field label="Unit" name="validityUnit" error={e.validityUnit} required>
                <ChoiceSelect choices={toChoices(VALIDITY_UNIT_LABELS)} defaultValue={v.validityUnit ?? "DAY"} />
              </Field>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Download rate" name="rateDown" error={e.rateDown} hint={RATE_HINT} required>
                <Input defaultValue={v.rateDown ?? ""} placeholder="10M" autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
              <Field label="Upload rate" name="rateUp" error={e.rateUp} hint={RATE_HINT} required>
                <Input defaultValue={v.rateUp ?? ""} placeholder="2M" autoComplete="off" spellCheck={false} className="font-mono" />
              </Field>
            </div>

            <details open={burstOpen} className="group rounded-md border border-gray-200 px-4 py-3">
              <summary className="cursor-pointer text-sm font-medium text-gray-900 select-none">Burst (optional)</summary>
              <fieldset className="mt-4 space-y-4">
                <legend className="sr-only">Burst</legend>
                <p className="text-sm text-gray-500">
                  A short faster start: above the rate up to the burst rate while the average over the burst time stays under the threshold. Fill all five or none.
                </p>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Burst download" name="burstDown" error={e.burstDown}>
                    <Input defaultValue={v.burstDown ?? ""} placeholder="16M" autoComplete="off" spellCheck={false} className="font-mono" />
                  </Field>
                  <Field label="Burst upload" name="burstUp" error={e.burstUp}>
                    <Input defaultValue={v.burstUp ?? ""} placeholder="4M" autoComplete="off" spellCheck={false} className="font-mono" />
                  </Field>
                  <Field label="Burst threshold download" name="burstThresholdDown" error={e.burstThresholdDown}>
                    <Input defaultValue={v.burstThresholdDown ?? ""} placeholder="8M" autoComplete="off" spellCheck={false} className="font-mono" />
                  </Field>
                  <Field label="Burst threshold upload" name="burstThresholdUp" error={e.burstThresholdUp}>
                    <Input defaultValue={v.burstThresholdUp ?? ""} placeholder="1536k" autoComplete="off" spellCheck={false} className="font-mono" />
                  </Field>
                  <Field label="Burst time (seconds)" name="burstTimeSeconds" error={e.burstTimeSeconds}>
                    <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={v.burstTimeSeconds ?? ""} placeholder="16" />
                  </Field>
                </div>
              </fieldset>
            </details>

            <fieldset className="space-y-4 rounded-md border border-gray-200 px-4 py-3">
              <legend className="px-1 text-sm font-medium text-gray-900">Data cap</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Data cap (GB)" name="dataCapGb" error={e.dataCapGb} hint="Per validity period. Empty means unlimited.">
                  <Input inputMode="decimal" defaultValue={v.dataCapGb ?? ""} autoComplete="off" />
                </Field>
                <Field label="At the cap" name="dataCapAction" error={e.dataCapAction}>
                  <ChoiceSelect choices={toChoices(CAP_ACTION_LABELS)} defaultValue={v.dataCapAction ?? ""} placeholder="Choose…" />
                </Field>
                <Field label="Fair-use download" name="fupDown" error={e.fupDown} hint="When throttling: the speed after the cap.">
                  <Input defaultValue={v.fupDown ?? ""} placeholder="1M" autoComplete="off" spellCheck={false} className="font-mono" />
                </Field>
                <Field label="Fair-use upload" name="fupUp" error={e.fupUp}>
                  <Input defaultValue={v.fupUp ?? ""} placeholder="512k" autoComplete="off" spellCheck={false} className="font-mono" />
                </Field>
              </div>
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Shared users" name="sharedUsers" error={e.sharedUsers} hint="Devices that may be online at once on one account.">
                <Input type="number" min={1} max={100} step={1} inputMode="numeric" defaultValue={v.sharedUsers ?? "1"} />
              </Field>
              <Field label="IP pool" name="ipPool" error={e.ipPool} hint="The router's address pool name. Empty uses the router's default.">
                <Input defaultValue={v.ipPool ?? ""} autoComplete="off" spellCheck={false} />
              </Field>
            </div>

            <CheckboxGroup legend="Connection types" name="connectionTypes" error={e.connectionTypes} required>
              {Object.entries(CONNECTION_TYPE_LABELS).map(([value, label]) => (
                <Checkbox key={value} name="connectionTypes" value={value} label={label} defaultChecked={types.has(value)} invalid={Boolean(firstError(e.connectionTypes))} />
              ))}
            </CheckboxGroup>

            <Field label="Billing" name="billingMode" error={e.billingMode} hint="How customers on this package are billed, unless a customer has its own terms.">
              <ChoiceSelect choices={toChoices(BILLING_MODE_LABELS)} defaultValue={v.billingMode ?? ""} placeholder="The ISP's default" />
            </Field>

            <fieldset className="space-y-4 rounded-md border border-gray-200 px-4 py-3">
              <legend className="px-1 text-sm font-medium text-gray-900">Resellers</legend>
              <Checkbox name="resellerVisible" label="Sold by resellers" defaultChecked={v.resellerVisible === "on"} />
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label={`Reseller buy price (${currency})`} name="resellerPrice" error={e.resellerPrice} hint="What a reseller pays for one period; it keeps the rest of the customer price. Empty: the customer price.">
                  <Input inputMode="decimal" defaultValue={v.resellerPrice ?? ""} autoComplete="off" />
                </Field>
                <Field label={`Sub-reseller buy price (${currency})`} name="subResellerPrice" error={e.subResellerPrice} hint="What a sub-reseller pays; between the reseller and the customer price. Empty: the reseller price.">
                  <Input inputMode="decimal" defaultValue={v.subResellerPrice ?? ""} autoComplete="off" />
                </Field>
              </div>
            </fieldset>
          </>
        );
      }}
    </ActionForm>
  );
}

function CheckboxGroup({ legend, name, error, required, children }: { legend: string; name: string; error?: FieldErrorValue; required?: boolean; children: ReactNode }) {
  const message = firstError(error);
  return (
    <fieldset aria-describedby={message ? `${name}-error` : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-gray-900">
        {legend}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">{children}</div>
      {message && (
        <p id={`${name}-error`} data-field-error={name} className="text-sm text-red-600">
          {message}
        </p>
      )}
    </fieldset>
  );
}

/** What managers see instead of the form: the package, read-only. */
export function PackageSummary({ pkg }: { pkg: PackageDetail }) {
  const money = (minor: string) => formatMoney(BigInt(minor), pkg.currency);
  const rows: [string, ReactNode][] = [
    ["Price", money(pkg.priceMinor)],
    ["Validity", formatValidity(Number(pkg.validityValue), pkg.validityUnit)],
    ["Speed (down / up)", <span key="speed" className="font-mono">{`${pkg.rateDown} / ${pkg.rateUp}`}</span>],
    [
      "Burst",
      pkg.burstDown ? (
        <span key="burst" className="font-mono">{`${pkg.burstDown}/${pkg.burstUp}, threshold ${pkg.burstThresholdDown}/${pkg.burstThresholdUp}, ${pkg.burstTimeSeconds}s`}</span>
      ) : (
        "None"
      ),
    ],
    [
      "Data cap",
      pkg.dataCapGb
        ? `${pkg.dataCapGb} GB, then ${pkg.dataCapAction === "THROTTLE" ? `throttle to ${pkg.fupDown} / ${pkg.fupUp}` : "cut off"}`
        : "Unlimited",
    ],
    ["Shared users", pkg.sharedUsers],
    ["Connection types", pkg.connectionTypes.map((t) => CONNECTION_TYPE_LABELS[t] ?? t).join(", ")],
    ["IP pool", pkg.ipPool || "Router default"],
    ["Billing", pkg.billingMode ? (BILLING_MODE_LABELS[pkg.billingMode] ?? pkg.billingMode) : "The ISP's default"],
    ["Sold by resellers", pkg.resellerVisible ? "Yes" : "No"],
    ["Reseller buy price", pkg.resellerPriceMinor ? money(pkg.resellerPriceMinor) : `${money(pkg.priceMinor)} (the customer price)`],
    ["Sub-reseller buy price", pkg.subResellerPriceMinor ? money(pkg.subResellerPriceMinor) : "The reseller buy price"],
    ["Customers", pkg.customerCount],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-gray-500">{label}</dt>
          <dd className="text-gray-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Archive, behind a confirmation that says what happens to the package's customers. */
export function ArchivePackageForm({ action, packageId, customerCount }: { action: FormAction; packageId: string; customerCount: number }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <div className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <ConfirmAction
        formAction={formAction}
        pending={pending}
        triggerLabel="Archive"
        pendingLabel="Archiving…"
        title="Archive this package?"
        description={
          <>
            It will no longer be sold.{" "}
            {customerCount > 0
              ? `Its ${customerCount} customer${customerCount === 1 ? "" : "s"} lose service at their next connection until moved to another package.`
              : "No customer is on it."}
          </>
        }
        confirmLabel="Archive package"
        fields={{ id: packageId }}
      />
    </div>
  );
}
