// The package-change form: what the preview and the apply accept.
import { z } from "zod";

export const previewPackageChangeSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  packageId: z.uuid("Choose a package."),
});
export type PreviewPackageChangeInput = z.input<typeof previewPackageChangeSchema>;

export const changePackageSchema = previewPackageChangeSchema.extend({
  mode: z.enum(["prorate", "schedule", "switch", "extend", "replace"], "Choose how to change the package.").optional(),
  /** The net to pay the preview showed, in minor units (a string: JSON has no bigint). */
  expectedNetMinor: z
    .union([z.string().regex(/^-?\d{1,18}$/, "The form is out of date: reload it."), z.bigint()])
    .optional()
    .transform((v) => (v === undefined ? undefined : BigInt(v))),
  idempotencyKey: z.string().trim().min(8, "The form is out of date: reload it.").max(120),
});
export type ChangePackageInput = z.input<typeof changePackageSchema>;
