"use client";

// "Change package" on the customer page: choose a package, read what will happen (credit, charge,
// net to pay now, the date it takes effect), confirm. The confirmation posts the net it showed;
// the server refuses it if prices or dates moved in between, and the dialog asks to review again.
import { useActionState, useState, useTransition } from "react";
import { changePackageAction, previewPackageChangeAction } from "@/app/_actions/billing-package-change";
import type { PackageChangePreviewView } from "@/lib/billing/package-change/preview-view";
import { initialActionState } from "@/lib/next/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { PlainTable } from "@/components/ui/plain-table";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/forms/submit-button";

export interface PackageChoice {
  id: string;
  name: string;
  /** Formatted price, e.g. "KES 3,100.00". */
  price: string;
}

export interface PackageChangeDialogProps {
  customerId: string;
  /** The packages the operator may choose (the customer's current one is left out). */
  packages: PackageChoice[];
  currentPackageId?: string | null;
  triggerLabel?: string;
}

/** 128 random bits as hex; getRandomValues works on plain-http LAN addresses, where randomUUID does not exist. */
function formToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const MODE_LABELS: Record<string, string> = { extend: "Keep the expiry", replace: "New validity from now" };

export function PackageChangeDialog({ customerId, packages, currentPackageId = null, triggerLabel = "Change package" }: PackageChangeDialogProps) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">{triggerLabel}</Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Change package</DialogTitle>
          <DialogDescription>See what the change costs and when it takes effect before confirming.</DialogDescription>
        </DialogHeader>
        {/* Mounted on each open: a fresh form token (one confirmation, one change) and a clean form. */}
        <PackageChangeForm customerId={customerId} packages={packages} currentPackageId={currentPackageId} />
      </DialogContent>
    </Dialog>
  );
}

function PackageChangeForm({ customerId, packages, currentPackageId }: { customerId: string; packages: PackageChoice[]; currentPackageId: string | null }) {
  const [packageId, setPackageId] = useState("");
  const [preview, setPreview] = useState<PackageChangePreviewView | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [mode, setMode] = useState<string>("");
  const [key] = useState(formToken);
  const [loading, startPreview] = useTransition();
  const [state, formAction] = useActionState(changePackageAction, initialActionState);

  // The package the customer had when the dialog opened: after the change the page re-renders with the new one.
  const [openedOn] = useState(currentPackageId);
  const choices = packages.filter((p) => p.id !== openedOn);
  const option = preview?.options.find((o) => o.mode === mode) ?? (preview?.options.length === 1 ? preview.options[0] : undefined);


  function choose(id: string) {
    setPackageId(id);
    setPreview(null);
    setPreviewError(null);
    setMode("");
    if (!id) return;
    startPreview(async () => {
      const result = await previewPackageChangeAction(customerId, id);
      if (result.ok) setPreview(result.preview);
      else setPreviewError(result.message);
    });
  }

  return (
    <>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="package-change-package">New package</Label>
        <Select id="package-change-package" value={packageId} disabled={state.ok} onChange={(e) => choose(e.target.value)}>
          <option value="">Choose a package…</option>
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} — {p.price}
            </option>
          ))}
        </Select>
      </div>

      {loading && <p className="text-sm text-gray-500">Working out the change…</p>}
      <Alert tone="error">{previewError}</Alert>

      {preview && (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-gray-700">
            {preview.from ?? "No package"} → <strong>{preview.to}</strong> ({preview.direction === "UPGRADE" ? "upgrade" : "downgrade"})
          </p>
          {preview.options.length > 1 && (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium text-gray-900">How</legend>
              {preview.options.map((o) => (
                <label key={o.mode} className="flex items-start gap-2 text-sm">
                  <input type="radio" name="package-change-mode" value={o.mode} checked={mode === o.mode} onChange={() => setMode(o.mode)} className="mt-0.5" />
                  <span>
                    <span className="font-medium">{MODE_LABELS[o.mode] ?? o.mode}</span> — {o.net} now. {o.summary}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {option && (
            <>
              <p className="text-sm text-gray-700">{option.summary}</p>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-gray-500">Takes effect</dt>
                <dd>{option.effectiveDate}</dd>
                {option.period && (
                  <>
                    <dt className="text-gray-500">Days prorated</dt>
                    <dd>
                      {option.period.unusedDays} of {option.period.days} ({option.period.from} to {option.period.to})
                    </dd>
                  </>
                )}
                {option.expiresDate && (
                  <>
                    <dt className="text-gray-500">Expires</dt>
                    <dd>{option.expiresDate}</dd>
                  </>
                )}
              </dl>
              {option.lines.length > 0 && (
                <PlainTable label="Change invoice" columns={[{ label: "Line" }, { label: "Tax", align: "right" }, { label: "Amount", align: "right" }]}>
                  {option.lines.map((l, i) => (
                    <tr key={i}>
                      <td className="px-3 py-2">{l.description}</td>
                      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{l.tax}</td>
                      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{l.total}</td>
                    </tr>
                  ))}
                </PlainTable>
              )}
              <p className="text-sm">
                To pay now: <strong className="tabular-nums">{option.net}</strong>
                {option.refund && <span className="text-gray-600"> · refund owed to the customer: {option.refund}</span>}
              </p>
            </>
          )}
        </div>
      )}

      <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>

      <form action={formAction}>
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="packageId" value={packageId} />
        {option && <input type="hidden" name="mode" value={option.mode} />}
        {option && <input type="hidden" name="expectedNetMinor" value={option.netMinor} />}
        <input type="hidden" name="idempotencyKey" value={key} />
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {state.ok ? "Close" : "Cancel"}
            </Button>
          </DialogClose>
          {!state.ok && (
            <SubmitButton disabled={!option} pendingText="Changing…">
              Confirm change
            </SubmitButton>
          )}
        </DialogFooter>
      </form>
    </>
  );
}
