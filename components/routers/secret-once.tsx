"use client";

import { useId, useRef, useState } from "react";
import { Copy, Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A freshly generated RADIUS secret, shown this once with a way to copy it. */
export function SecretOnce({ secret, label = "RADIUS secret" }: { secret: string; label?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "manual">("idle");

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      // No clipboard (insecure origin, denied permission): select it for Ctrl+C instead.
      input.current?.select();
      setCopy("manual");
    }
  }

  return (
    <div role="status" data-testid="router-secret" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3">
      <p className="text-sm font-medium text-amber-900">Copy it now: it will not be shown again.</p>
      <div className="space-y-1.5">
        <label htmlFor={id} className="text-sm font-medium text-gray-900">
          {label}
        </label>
        <div className="flex gap-2">
          <Input
            ref={input}
            id={id}
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button type="button" variant="secondary" onClick={copySecret}>
            {copy === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
            {copy === "copied" ? "Copied" : "Copy"}
          </Button>
        </div>
        {copy === "manual" && <p className="text-sm text-gray-600">Copying is blocked here: the secret is selected, press Ctrl+C (⌘C on a Mac).</p>}
      </div>
      <p className="text-sm text-amber-900">Only an encrypted copy is kept. If it is lost, rotate the secret and configure the router again.</p>
    </div>
  );
}
