// What an operator may choose for a setup run (from the dry-run form or the job's payload).
import { z } from "zod";

/** A RouterOS interface name: printable ASCII, no comma (RouterOS's list separator). */
const INTERFACE_NAME = /^[\x21-\x2b\x2d-\x7e][\x20-\x2b\x2d-\x7e]{0,62}$/;

export const routerSetupOptionsSchema = z.object({
  pppoeInterface: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || INTERFACE_NAME.test(v), "An interface name from the router."),
});

export type RouterSetupOptionsInput = z.input<typeof routerSetupOptionsSchema>;
