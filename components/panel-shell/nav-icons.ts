import {
  Activity,
  Package,
  Router,
  Wifi,
  History,
  LayoutDashboard,
  Network,
  Settings,
  User,
  UserCog,
  Users,
  Wallet,
  type LucideIcon,
} from "lucide-react";

/**
 * Icons are referenced by name because server components cannot pass
 * component functions as props to client components.
 */
export const navIcons = {
  dashboard: LayoutDashboard,
  users: Users,
  "user-cog": UserCog,
  history: History,
  settings: Settings,
  network: Network,
  user: User,
  wallet: Wallet,
  activity: Activity,
  package: Package,
  router: Router,
  wifi: Wifi,
} as const satisfies Record<string, LucideIcon>;

export type NavIconName = keyof typeof navIcons;
