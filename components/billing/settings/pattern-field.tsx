"use client";

import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { NumberPreview } from "@/lib/billing/settings/preview-document-number";

type Props = {
  name: string;
  label: string;
  defaultValue: string;
  error?: string[];
  preview: (field: string, pattern: string) => Promise<NumberPreview>;
};

/** A number pattern with the next number it would give, asked of the server as the operator types. */
export function PatternField({ name, label, defaultValue, error, preview }: Props) {
  const [answer, setAnswer] = useState<NumberPreview | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

  function ask(pattern: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current;
      const result = await preview(name, pattern);
      if (ticket === latest.current) setAnswer(result);
    }, 250);
  }

  useEffect(() => {
    ask(defaultValue);
    return () => clearTimeout(timer.current);
    // Only the first value: later ones come from typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const hint = answer === null ? "Placeholders: {YYYY} {YY} {MM} {DD} and {seq} or {seq:6}." : answer.ok ? (
    <span data-testid={`${name}-preview`}>
      Next number: <span className="font-mono font-medium text-gray-900">{answer.number}</span>
    </span>
  ) : (
    <span data-testid={`${name}-preview`} className="text-amber-700">
      {answer.message}
    </span>
  );

  return (
    <Field label={label} name={name} error={error} hint={hint} required>
      <Input defaultValue={defaultValue} maxLength={100} className="font-mono" onChange={(e) => ask(e.target.value)} />
    </Field>
  );
}
