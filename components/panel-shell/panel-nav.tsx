"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { navIcons, type NavIconName } from "@/components/panel-shell/nav-icons";

export interface PanelNavItem {
  href: string;
  label: string;
  icon: NavIconName;
}

/**
 * The href of the item to highlight. An item whose href is a parent of other
 * items (the panel root, e.g. "/admin") only matches exactly; the others also
 * match nested pages. The most specific match wins.
 */
export function getActiveHref(pathname: string, hrefs: readonly string[]): string | undefined {
  const path = stripTrailingSlash(pathname);
  let best: string | undefined;
  for (const raw of hrefs) {
    const href = stripTrailingSlash(raw);
    const isRoot = hrefs.some((other) => other !== raw && stripTrailingSlash(other).startsWith(`${href}/`));
    const matches = path === href || (!isRoot && path.startsWith(`${href}/`));
    if (matches && (best === undefined || href.length > stripTrailingSlash(best).length)) best = raw;
  }
  return best;
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

export interface PanelNavProps {
  items: readonly PanelNavItem[];
  label: string;
  /** Called when a link is clicked, e.g. to close the mobile drawer. */
  onNavigate?: () => void;
}

export function PanelNav({ items, label, onNavigate }: PanelNavProps) {
  const pathname = usePathname();
  const activeHref = getActiveHref(pathname, items.map((item) => item.href));

  return (
    <nav aria-label={label} className="flex-1 overflow-y-auto px-3 py-4">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const Icon = navIcons[item.icon];
          const active = item.href === activeHref;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  "focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none",
                  active
                    ? "bg-indigo-50 text-indigo-700"
                    : "text-gray-700 hover:bg-gray-100 hover:text-gray-900",
                )}
              >
                <Icon
                  aria-hidden="true"
                  className={cn("size-5 shrink-0", active ? "text-indigo-600" : "text-gray-400")}
                />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
