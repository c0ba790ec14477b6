"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "", label: "Overview" },
  { href: "/api", label: "API & health" },
  { href: "/setup", label: "Setup" },
  { href: "/live", label: "Live" },
  { href: "/sync", label: "Sync" },
] as const;

/** The router page's sections, each its own URL. */
export function RouterTabs({ basePath }: { basePath: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Router sections" className="border-b border-gray-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((t) => {
          const href = `${basePath}${t.href}`;
          const active = pathname === href;
          return (
            <li key={t.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                  active ? "border-indigo-600 text-indigo-700" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
