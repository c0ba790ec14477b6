"use client";

import { useEffect, useState, type ReactNode } from "react";
import { Menu, X } from "lucide-react";
import { Dialog } from "radix-ui";
import { PanelNav, type PanelNavItem } from "@/components/panel-shell/panel-nav";
import { UserMenu, type PanelUser } from "@/components/panel-shell/user-menu";

export type { NavIconName } from "@/components/panel-shell/nav-icons";
export type { PanelNavItem } from "@/components/panel-shell/panel-nav";
export type { PanelUser } from "@/components/panel-shell/user-menu";

export interface PanelShellProps {
  /** Tenant name. */
  brand: string;
  /** Panel name, e.g. "Admin". */
  panelLabel: string;
  nav: PanelNavItem[];
  user: PanelUser;
  signOutHref: string;
  children: ReactNode;
}

// Tailwind's default `md` breakpoint.
const DESKTOP_QUERY = "(min-width: 48rem)";

export function PanelShell({ brand, panelLabel, nav, user, signOutHref, children }: PanelShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navLabel = `${panelLabel} navigation`;

  // The drawer is hidden at md+, so close it there to release its focus trap and scroll lock.
  useEffect(() => {
    const media = window.matchMedia(DESKTOP_QUERY);
    const onChange = (event: MediaQueryListEvent) => {
      if (event.matches) setDrawerOpen(false);
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  return (
    <div className="min-h-dvh bg-gray-50 text-gray-900">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-2 focus:ring-indigo-500 focus:outline-none"
      >
        Skip to content
      </a>

      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-gray-200 bg-white md:flex">
        <SidebarHeader brand={brand} panelLabel={panelLabel} />
        <PanelNav items={nav} label={navLabel} />
      </aside>

      <Dialog.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
        <div className="flex min-h-dvh flex-col md:pl-64">
          <header className="sticky top-0 z-20 flex h-16 shrink-0 items-center gap-3 border-b border-gray-200 bg-white/95 px-4 backdrop-blur sm:px-6 lg:px-8">
            <Dialog.Trigger
              aria-label="Open menu"
              className="-ml-1 rounded-md p-2 text-gray-600 hover:bg-gray-100 hover:text-gray-900 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none md:hidden"
            >
              <Menu aria-hidden="true" className="size-5" />
            </Dialog.Trigger>
            <p className="min-w-0 flex-1 truncate text-base font-semibold text-gray-900">{brand}</p>
            <UserMenu user={user} signOutHref={signOutHref} />
          </header>

          <main id="main-content" tabIndex={-1} className="flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
            {children}
          </main>
        </div>

        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-gray-900/50 md:hidden" />
          <Dialog.Content
            aria-describedby={undefined}
            className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl focus:outline-none md:hidden"
          >
            <Dialog.Title className="sr-only">{navLabel}</Dialog.Title>
            <SidebarHeader brand={brand} panelLabel={panelLabel}>
              <Dialog.Close
                aria-label="Close menu"
                className="ml-auto rounded-md p-2 text-gray-500 hover:bg-gray-100 hover:text-gray-900 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
              >
                <X aria-hidden="true" className="size-5" />
              </Dialog.Close>
            </SidebarHeader>
            <PanelNav items={nav} label={navLabel} onNavigate={() => setDrawerOpen(false)} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

function SidebarHeader({
  brand,
  panelLabel,
  children,
}: {
  brand: string;
  panelLabel: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex h-16 shrink-0 items-center gap-3 border-b border-gray-200 px-5">
      <span
        aria-hidden="true"
        className="flex size-8 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white"
      >
        {Array.from(brand.trim())[0]?.toUpperCase() ?? "•"}
      </span>
      <span className="text-sm font-semibold tracking-wide text-gray-900 uppercase">{panelLabel}</span>
      {children}
    </div>
  );
}
