"use client";

import { useState, useTransition } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeCallbackUrl } from "@/lib/auth/safe-callback";

type Props = {
  provider: "operator" | "customer";
  /** Extra credentials sent with the form (the ISP slug for customers). */
  extra?: Record<string, string>;
  callbackUrl?: string | null;
  fallbackUrl: string;
};

const MESSAGES: Record<string, string> = {
  THROTTLED: "Too many attempts. Please wait 15 minutes and try again.",
  default: "Those details did not match an active account.",
};

export function SignInForm({ provider, extra, callbackUrl, fallbackUrl }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const idField =
    provider === "operator"
      ? { name: "email", label: "Email", type: "email", autoComplete: "username" }
      : { name: "username", label: "Username", type: "text", autoComplete: "username" };

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await signIn(provider, {
        redirect: false,
        [idField.name]: String(form.get(idField.name) ?? ""),
        password: String(form.get("password") ?? ""),
        ...extra,
      });
      if (result?.ok && !result.error) {
        router.replace(safeCallbackUrl(callbackUrl, fallbackUrl));
        router.refresh();
        return;
      }
      setError(MESSAGES[result?.error ?? ""] ?? MESSAGES.default!);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label={idField.label} name={idField.name} required>
        <Input type={idField.type} autoComplete={idField.autoComplete} autoFocus />
      </Field>
      <Field label="Password" name="password" required>
        <Input type="password" autoComplete="current-password" />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
