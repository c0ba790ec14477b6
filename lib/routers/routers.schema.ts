import { isIP } from "node:net";
import { z } from "zod";

export const routerSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters.").max(80, "At most 80 characters."),
  nasIp: z
    .string()
    .trim()
    .refine((v) => isIP(v) !== 0, "An IPv4 or IPv6 address, as FreeRADIUS sees the router."),
  site: z.string().trim().max(120).optional().transform((v) => (v ? v : null)),
});

export type RouterInput = z.input<typeof routerSchema>;
