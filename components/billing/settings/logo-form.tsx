"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { initialActionState } from "@/lib/next/action-state";
import type { FormAction } from "@/components/forms/action-form";

/** The logo on invoices and receipts: PNG or JPEG, at most 512 KB (the server checks the bytes). */
export function LogoForm({ action, hasLogo, version }: { action: FormAction; hasLogo: boolean; version: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <div className="space-y-3">
      {hasLogo ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/admin/billing/settings/logo?v=${encodeURIComponent(version)}`} alt="Your logo" className="max-h-20 rounded border border-gray-200 bg-white p-2" />
      ) : (
        <p className="text-sm text-gray-600">No logo yet: documents show your legal name instead.</p>
      )}
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        <input type="file" name="logo" accept="image/png,image/jpeg" aria-label="Logo file" className="text-sm" />
        <Button type="submit" variant="secondary" disabled={pending}>
          Upload logo
        </Button>
        {hasLogo && (
          <Button type="submit" name="remove" value="1" variant="ghost" disabled={pending}>
            Remove
          </Button>
        )}
      </form>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.fieldErrors?.logo?.[0] ?? state.message}</Alert>}
    </div>
  );
}
