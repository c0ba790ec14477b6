"use client";

import { useId } from "react";
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight, type LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { PAGE_SIZE_OPTIONS } from "@/lib/lists/list-query";

export interface DataTablePaginationProps {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  /** The total is a capped count: there are more rows than `total` (shown as "1,000+"). */
  totalIsLowerBound?: boolean;
  /** Rows actually shown on this page. */
  rowCount: number;
  locale: string;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}

export function DataTablePagination({
  page,
  pageSize,
  pageCount,
  total,
  totalIsLowerBound = false,
  rowCount,
  locale,
  onPageChange,
  onPageSizeChange,
}: DataTablePaginationProps) {
  const sizeId = useId();
  const format = new Intl.NumberFormat(locale).format;
  const more = totalIsLowerBound ? "+" : "";
  const lastPage = Math.max(pageCount, 1);
  const from = rowCount > 0 ? (page - 1) * pageSize + 1 : 0;
  const to = rowCount > 0 ? from + rowCount - 1 : 0;
  const sizes: readonly number[] = PAGE_SIZE_OPTIONS.includes(pageSize as never)
    ? PAGE_SIZE_OPTIONS
    : [...PAGE_SIZE_OPTIONS, pageSize].sort((a, b) => a - b);

  return (
    <div className="flex flex-col gap-3 border-t border-gray-200 px-4 py-3 text-sm text-gray-700 sm:flex-row sm:items-center sm:justify-between">
      <p aria-live="polite" className="tabular-nums">
        {rowCount > 0
          ? `Showing ${format(from)}–${format(to)} of ${format(total)}${more}`
          : `Showing 0 of ${format(total)}${more}`}
      </p>

      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="whitespace-nowrap">
            Rows per page
          </label>
          <Select
            id={sizeId}
            aria-label="Rows per page"
            value={String(pageSize)}
            onChange={(event) => onPageSizeChange(Number(event.target.value))}
            className="h-8"
            wrapperClassName="w-20"
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>

        <p className="whitespace-nowrap tabular-nums">
          {`Page ${format(page)} of ${format(lastPage)}${more}`}
        </p>

        <div className="flex items-center gap-1">
          <PageButton label="First page" icon={ChevronsLeft} disabled={page <= 1} onClick={() => onPageChange(1)} />
          <PageButton
            label="Previous page"
            icon={ChevronLeft}
            disabled={page <= 1}
            // An out-of-range page (e.g. after rows were deleted) jumps back into range.
            onClick={() => onPageChange(Math.min(page - 1, lastPage))}
          />
          <PageButton
            label="Next page"
            icon={ChevronRight}
            disabled={page >= lastPage && !totalIsLowerBound}
            onClick={() => onPageChange(page + 1)}
          />
          <PageButton
            label="Last page"
            icon={ChevronsRight}
            // Past a capped count the last page is unknown.
            disabled={page >= lastPage || totalIsLowerBound}
            onClick={() => onPageChange(lastPage)}
          />
        </div>
      </div>
    </div>
  );
}

function PageButton({
  label,
  icon: Icon,
  disabled,
  onClick,
}: {
  label: string;
  icon: LucideIcon;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="w-8 px-0"
    >
      <Icon aria-hidden="true" />
    </Button>
  );
}
