"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";

type Props = {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  countries: Choice[];
  currencies: Choice[];
  timeZones: Choice[];
};

/**
 * After a valid submission the form shows the same next step whether the email was new or
 * already had an account (no signing in from here: that would tell the two apart).
 */
export function SignUpForm({ action, countries, currencies, timeZones }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};

  if (state.ok) {
    return (
      <div className="space-y-5">
        <Alert tone="success">{state.message}</Alert>
        <Button asChild className="w-full">
          <Link href="/login?callbackUrl=/admin">Sign in</Link>
        </Button>
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-gray-900">Your ISP</legend>
        <Field label="ISP name" name="name" error={e.name} required>
          <Input defaultValue={v.name} autoComplete="organization" />
        </Field>
        <Field label="Address (slug)" name="slug" error={e.slug} hint="Your customers' portal will be at /portal/<slug>." required>
          <Input defaultValue={v.slug} autoCapitalize="none" spellCheck={false} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Country" name="country" error={e.country} required>
            <ChoiceSelect choices={countries} defaultValue={v.country} placeholder="Choose a country" />
          </Field>
          <Field label="Currency" name="currency" error={e.currency} required>
            <ChoiceSelect choices={currencies} defaultValue={v.currency} placeholder="Choose a currency" />
          </Field>
        </div>
        <Field label="Time zone" name="timezone" error={e.timezone} required>
          <ChoiceSelect choices={timeZones} defaultValue={v.timezone} placeholder="Choose a time zone" />
        </Field>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-gray-900">Owner account</legend>
        <Field label="Your name" name="ownerName" error={e.ownerName} required>
          <Input defaultValue={v.ownerName} autoComplete="name" />
        </Field>
        <Field label="Email" name="email" error={e.email} required>
          <Input type="email" defaultValue={v.email} autoComplete="email" />
        </Field>
        <Field label="Password" name="password" error={e.password} hint="At least 8 characters." required>
          <Input type="password" autoComplete="new-password" />
        </Field>
      </fieldset>
      <SubmitButton className="w-full" pendingText="Creating your ISP…">
        Create ISP
      </SubmitButton>
    </form>
  );
}
