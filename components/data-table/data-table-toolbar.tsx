"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LIST_PARAMS } from "@/lib/lists/list-query";
import type { ListParamUpdates } from "@/components/data-table/use-list-navigation";

const SEARCH_DEBOUNCE_MS = 300;

export interface DataTableFilter {
  /** URL parameter name (must match a key in the page's ListQuerySpec filters). */
  id: string;
  label: string;
  options: { value: string; label: string }[];
}

export interface DataTableToolbarProps {
  q: string;
  filterValues: Record<string, string | undefined>;
  filters: readonly DataTableFilter[];
  searchPlaceholder: string;
  onChange: (updates: ListParamUpdates) => void;
}

export function DataTableToolbar({ q, filterValues, filters, searchPlaceholder, onChange }: DataTableToolbarProps) {
  const idPrefix = useId();
  const [value, setValue] = useState(q);
  // The search last sent to the URL. When the URL's q changes to something else
  // (back button, reset) the input follows; echoes of our own typing do not
  // overwrite what the user has typed since.
  const [sent, setSent] = useState(q);
  const [prevQ, setPrevQ] = useState(q);
  if (q !== prevQ) {
    setPrevQ(q);
    if (q !== sent) {
      setSent(q);
      setValue(q);
    }
  }

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function submitSearch(next: string) {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === sent) return;
    setSent(trimmed);
    onChange({ [LIST_PARAMS.q]: trimmed });
  }

  function handleSearchChange(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submitSearch(next), SEARCH_DEBOUNCE_MS);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submitSearch(value);
  }

  const hasActiveFilters = filters.some((filter) => filterValues[filter.id]);
  const canReset = value.trim() !== "" || q !== "" || hasActiveFilters;

  function reset() {
    clearTimeout(timer.current);
    setValue("");
    setSent("");
    onChange(Object.fromEntries([[LIST_PARAMS.q, null], ...filters.map((filter) => [filter.id, null])]));
  }

  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
      <form role="search" onSubmit={handleSubmit} className="relative w-full sm:max-w-xs">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400"
        />
        <Input
          type="search"
          aria-label="Search"
          placeholder={searchPlaceholder}
          value={value}
          maxLength={100}
          onChange={(event) => handleSearchChange(event.target.value)}
          className="pl-9"
        />
      </form>

      {filters.map((filter) => {
        const id = `${idPrefix}-${filter.id}`;
        return (
          <div key={filter.id} className="flex items-center gap-2">
            <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-gray-700">
              {filter.label}
            </label>
            <Select
              id={id}
              value={filterValues[filter.id] ?? ""}
              onChange={(event) => onChange({ [filter.id]: event.target.value })}
              wrapperClassName="min-w-36"
            >
              <option value="">All</option>
              {filter.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </div>
        );
      })}

      {canReset && (
        <Button type="button" variant="ghost" size="sm" onClick={reset}>
          <X aria-hidden="true" />
          Reset
        </Button>
      )}
    </div>
  );
}
