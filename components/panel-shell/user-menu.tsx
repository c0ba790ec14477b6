"use client";

import { ChevronDown, LogOut } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface PanelUser {
  name: string;
  subtitle: string;
}

export interface UserMenuProps {
  user: PanelUser;
  signOutHref: string;
}

export function UserMenu({ user, signOutHref }: UserMenuProps) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label="User menu"
        className="flex items-center gap-2 rounded-full p-1 text-sm text-gray-700 hover:bg-gray-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none sm:rounded-md sm:pr-2"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white"
        >
          {initials(user.name)}
        </span>
        <span aria-hidden="true" className="hidden max-w-40 truncate font-medium sm:block">
          {user.name}
        </span>
        <ChevronDown aria-hidden="true" className="hidden size-4 text-gray-400 sm:block" />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-60">
        <DropdownMenuLabel>
          <p className="truncate font-medium text-gray-900">{user.name}</p>
          <p className="truncate text-xs font-normal text-gray-500">{user.subtitle}</p>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          {/* A plain anchor: sign-out must be a full request, never prefetched by <Link>. */}
          <a href={signOutHref}>
            <LogOut aria-hidden="true" />
            Sign out
          </a>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => Array.from(part ?? "")[0] ?? "").join("").toUpperCase() || "?";
}
