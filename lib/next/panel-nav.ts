import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import type { NavIconName } from "@/components/panel-shell/nav-icons";

export type NavItem = { href: string; label: string; icon: NavIconName };

/** Only links the actor may open: no dead or forbidden entries in the sidebar. */
export function adminNav(actor: OperatorActor): NavItem[] {
  const items: NavItem[] = [{ href: "/admin", label: "Dashboard", icon: "dashboard" }];
  if (can(actor, "customers:view")) items.push({ href: "/admin/customers", label: "Customers", icon: "users" });
  if (can(actor, "customers:view")) items.push({ href: "/admin/sessions", label: "Online now", icon: "wifi" });
  if (can(actor, "packages:view")) items.push({ href: "/admin/packages", label: "Packages", icon: "package" });
  if (can(actor, "routers:view")) items.push({ href: "/admin/routers", label: "Routers", icon: "router" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/billing/invoices", label: "Invoices", icon: "wallet" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/billing/payments", label: "Payments", icon: "wallet" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/billing/online", label: "Online payments", icon: "wallet" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/billing/ledger", label: "Ledger", icon: "wallet" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/billing/commissions", label: "Commissions", icon: "wallet" });
  if (can(actor, "billing:view")) items.push({ href: "/admin/vouchers", label: "Vouchers", icon: "wallet" });
  if (can(actor, "billing:settings")) items.push({ href: "/admin/billing/settings", label: "Billing settings", icon: "settings" });
  if (can(actor, "operators:view")) items.push({ href: "/admin/operators", label: "Operators", icon: "user-cog" });
  if (can(actor, "audit:view")) items.push({ href: "/admin/audit", label: "Audit log", icon: "history" });
  if (can(actor, "jobs:view")) items.push({ href: "/admin/jobs", label: "Jobs", icon: "activity" });
  if (can(actor, "settings:manage")) items.push({ href: "/admin/settings", label: "Settings", icon: "settings" });
  items.push({ href: "/admin/profile", label: "My account", icon: "user" });
  return items;
}

export function resellerNav(actor: OperatorActor): NavItem[] {
  const items: NavItem[] = [
    { href: "/reseller", label: "Overview", icon: "dashboard" },
    { href: "/reseller/customers", label: "Customers", icon: "users" },
    { href: "/reseller/sessions", label: "Online now", icon: "wifi" },
  ];
  items.push({ href: "/reseller/wallet", label: "Wallet", icon: "wallet" });
  items.push({ href: "/reseller/vouchers", label: "Vouchers", icon: "wallet" });
  if (can(actor, "packages:view")) items.push({ href: "/reseller/packages", label: "Packages", icon: "package" });
  if (can(actor, "subresellers:manage")) items.push({ href: "/reseller/sub-resellers", label: "Sub-resellers", icon: "network" });
  items.push({ href: "/reseller/profile", label: "My profile", icon: "user" });
  return items;
}
