"use client";

import { useActionState, useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect } from "@/components/forms/choice-select";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { initialActionState } from "@/lib/next/action-state";
import type { RouterApiView } from "@/lib/routers/router-api-settings";

const TLS_MODES = [
  { value: "VERIFY", label: "Verify the certificate (pinned below, or a public one)" },
  { value: "INSECURE", label: "Encrypt, do not verify the certificate" },
  { value: "ANONYMOUS", label: "Anonymous (router without a certificate)" },
];
const MODES = [
  { value: "RADIUS", label: "RADIUS: the router asks FreeRADIUS at each login" },
  { value: "API", label: "API: we push customers to the router and keep it in sync" },
];

/** The router's RouterOS API access. The password is write-only: blank keeps the stored one. */
export function RouterApiForm({ action, routerId, api }: { action: FormAction; routerId: string; api: RouterApiView }) {
  const [tls, setTls] = useState(api.apiTls);
  return (
    <ActionForm action={action} submitLabel="Save API access">
      {(state) => {
        const v = { ...api, apiPort: api.apiPort?.toString() ?? "", ...state.values } as Record<string, unknown>;
        const e = state.fieldErrors ?? {};
        return (
          <>
            <input type="hidden" name="id" value={routerId} />
            <div className="grid gap-4 sm:grid-cols-3">
              <div className="sm:col-span-2">
                <Field label="API address" name="apiHost" error={e.apiHost} hint="IP or host name the app reaches the router's API on: public, or private over your VPN (not this server, link-local or cloud metadata addresses)." required>
                  <Input defaultValue={String(v.apiHost ?? "")} autoComplete="off" spellCheck={false} className="font-mono" />
                </Field>
              </div>
              <Field label="Port" name="apiPort" error={e.apiPort} hint={tls ? "Default 8729" : "Default 8728"}>
                <Input defaultValue={String(v.apiPort ?? "")} inputMode="numeric" autoComplete="off" className="font-mono" />
              </Field>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="API user" name="apiUsername" error={e.apiUsername} hint="A RouterOS user with the api, read and write policies." required>
                <Input defaultValue={String(v.apiUsername ?? "")} autoComplete="off" spellCheck={false} />
              </Field>
              <Field
                label="Password"
                name="apiPassword"
                error={e.apiPassword}
                hint={api.hasPassword ? "Stored encrypted. Leave blank to keep it." : "Stored encrypted, never shown again."}
              >
                <Input type="password" autoComplete="new-password" />
              </Field>
            </div>
            <label className="flex items-center gap-2 text-sm text-gray-800">
              <input type="checkbox" name="apiTls" defaultChecked={api.apiTls} onChange={(ev) => setTls(ev.target.checked)} className="size-4 rounded border-gray-300" />
              Use API-SSL (TLS)
            </label>
            {tls && (
              <>
                <Field label="Certificate" name="apiTlsMode" error={e.apiTlsMode}>
                  <ChoiceSelect choices={TLS_MODES} defaultValue={String(v.apiTlsMode ?? "VERIFY")} />
                </Field>
                <Field
                  label="Pinned certificate (PEM)"
                  name="apiTlsCa"
                  error={e.apiTlsCa}
                  hint={api.hasPinnedCertificate ? "A certificate is pinned. Paste a new one to replace it; leave blank to keep none." : "The router's self-signed certificate, for Verify."}
                >
                  <Textarea rows={3} className="font-mono text-xs" spellCheck={false} />
                </Field>
              </>
            )}
            <Field label="Provisioning" name="mode" error={e.mode} hint="API mode needs the router's API; customers are assigned to the router on their page.">
              <ChoiceSelect choices={MODES} defaultValue={String(v.mode ?? "RADIUS")} />
            </Field>
          </>
        );
      }}
    </ActionForm>
  );
}

/** "Test connection": asks the router for its identity, version and load, and says what it answered. */
export function TestConnectionForm({ action, routerId }: { action: FormAction; routerId: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="id" value={routerId} />
      {state.message && (
        <div data-testid="test-connection-result">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      )}
      <SubmitButton variant="secondary" pendingText="Connecting…">
        Test connection
      </SubmitButton>
    </form>
  );
}
