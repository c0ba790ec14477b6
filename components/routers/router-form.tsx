"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { ChoiceSelect } from "@/components/forms/choice-select";
import { SubmitButton } from "@/components/forms/submit-button";
import { STATUS_LABELS, toChoices } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import type { RouterDetail } from "@/lib/routers/get-router";
import { SecretOnce } from "./secret-once";

type Values = Record<string, string | undefined>;

function RouterFields({ v, e, editing }: { v: Values; e: Record<string, string[]>; editing: boolean }) {
  return (
    <>
      <Field label="Name" name="name" error={e.name} required>
        <Input defaultValue={v.name ?? ""} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="NAS IP" name="nasIp" error={e.nasIp} hint="The address FreeRADIUS sees this router's packets come from." required>
          <Input defaultValue={v.nasIp ?? ""} autoComplete="off" spellCheck={false} className="font-mono" />
        </Field>
        <Field label="Site" name="site" error={e.site} hint="Where it stands, e.g. Head office.">
          <Input defaultValue={v.site ?? ""} autoComplete="off" />
        </Field>
      </div>
      <Field label="CoA port" name="coaPort" error={e.coaPort} hint="Where the router takes Disconnect and CoA requests (RouterOS: /radius incoming port).">
        <Input type="number" min={1} max={65535} defaultValue={v.coaPort ?? "3799"} className="max-w-32 font-mono" />
      </Field>
      <div>
        {/* Unchecked boxes send nothing: the hidden "off" comes first, a checked box's "on" wins. */}
        <input type="hidden" name="requireMessageAuthenticator" value="off" />
        <label className="flex items-center gap-2 text-sm text-gray-700">
          <input type="checkbox" name="requireMessageAuthenticator" value="on" defaultChecked={v.requireMessageAuthenticator !== "off"} className="size-4 rounded border-gray-300" />
          Require Message-Authenticator
        </label>
        <p className="mt-1 text-xs text-gray-500">
          FreeRADIUS ignores this router&apos;s login requests without one (forgery protection). RouterOS 7.15 or later with require-message-auth=yes-for-request-resp;
          turn off only for older routers.
        </p>
        {e.requireMessageAuthenticator && <p className="mt-1 text-xs text-red-600">{e.requireMessageAuthenticator.join(" ")}</p>}
      </div>
      {editing && (
        <Field label="Status" name="status" error={e.status} hint="A disabled router is removed from FreeRADIUS: it can no longer authenticate anyone.">
          <ChoiceSelect choices={toChoices(STATUS_LABELS, ["ACTIVE", "DISABLED"])} defaultValue={v.status ?? "ACTIVE"} />
        </Field>
      )}
    </>
  );
}

/** Edits a router. Its secret is never part of this form. */
export function RouterForm({ action, router }: { action: FormAction; router: RouterDetail }) {
  return (
    <ActionForm action={action} submitLabel="Save changes">
      {(state) => (
        <>
          <input type="hidden" name="id" value={router.id} />
          <RouterFields
            v={{
              name: router.name,
              nasIp: router.nasIp,
              site: router.site,
              status: router.status,
              coaPort: String(router.coaPort),
              requireMessageAuthenticator: router.requireMessageAuthenticator ? "on" : "off",
              ...state.values,
            }}
            e={state.fieldErrors ?? {}}
            editing
          />
        </>
      )}
    </ActionForm>
  );
}

/** Adds a router, then shows its generated secret once, in place of the form. */
export function NewRouterForm({ action, basePath }: { action: FormAction; basePath: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const created = createdRouter(state);
  if (created) {
    return (
      <div className="space-y-5">
        {state.message && <Alert tone="success">{state.message}</Alert>}
        <SecretOnce secret={created.secret} />
        <p className="text-sm text-gray-600">Give this secret to the router along with FreeRADIUS&apos;s address; the router&apos;s page lists the RouterOS commands.</p>
        <div className="flex flex-wrap gap-2">
          <Link href={`${basePath}/${created.id}`} className={buttonClasses({ variant: "primary" })}>
            Open the router&apos;s page
          </Link>
          <Link href={basePath} className={buttonClasses({ variant: "secondary" })}>
            Back to routers
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <div key={state.at ?? 0} className="space-y-4">
        <RouterFields v={state.values ?? {}} e={state.fieldErrors ?? {}} editing={false} />
      </div>
      <SubmitButton pendingText="Adding…">Add router</SubmitButton>
    </form>
  );
}

function createdRouter(state: ActionState): { id: string; secret: string } | null {
  const id = state.values?.id;
  const secret = state.values?.secret;
  return state.ok && id && secret ? { id, secret } : null;
}

/** A new RADIUS secret, behind a confirmation, shown once when generated. */
export function RotateSecretForm({ action, routerId }: { action: FormAction; routerId: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const secret = state.ok ? state.values?.secret : undefined;
  return (
    <div className="space-y-4">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {secret && <SecretOnce key={state.at} secret={secret} label="New RADIUS secret" />}
      <ConfirmAction
        formAction={formAction}
        pending={pending}
        triggerLabel="Rotate secret"
        pendingLabel="Rotating…"
        title="Rotate the RADIUS secret?"
        description="The current secret stops working within a minute (FreeRADIUS caches a router for 60 seconds): until the router is given the new one, FreeRADIUS ignores its logins and accounting."
        confirmLabel="Generate a new secret"
        fields={{ id: routerId }}
      />
    </div>
  );
}

/**
 * Proves this ISP's claim on the router's address: the app sends the router a request signed with
 * its secret and takes its signed answer as proof (lib/routers/verify-router.ts).
 */
export function VerifyRouterForm({ action, routerId, proven }: { action: FormAction; routerId: string; proven: boolean }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <p className="text-sm text-gray-600">
        {proven ? "Verified: the router answered a request signed with its secret." : "Not verified yet."} FreeRADIUS serves an address with its most recently verified router.
      </p>
      <input type="hidden" name="id" value={routerId} />
      <SubmitButton pendingText="Asking the router…">Verify</SubmitButton>
    </form>
  );
}
