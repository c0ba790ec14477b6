import type { OperatorRole } from "@/lib/db/generated/enums";

export const ROLE_LABEL: Record<OperatorRole, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MANAGER: "Manager",
  RESELLER: "Reseller",
  SUB_RESELLER: "Sub-reseller",
};
