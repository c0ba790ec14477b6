// Text typed into the resellers' money forms (references, notes): trimmed, bounded, and refused
// with a field error when it holds NUL (PostgreSQL cannot store it), never a server error.
import { z } from "zod";
import { NUL_MESSAGE } from "@/lib/next/refuse-nul";

export const optionalText = (max: number) =>
  z
    .string()
    .refine((v) => !v.includes("\u0000"), NUL_MESSAGE)
    .transform((v) => v.trim())
    .refine((v) => v.length <= max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

/** A form's one-time token: a second submit of the same form does nothing new. */
export const formToken = z.string().trim().min(8, "The form is out of date: reload it.").max(120);
