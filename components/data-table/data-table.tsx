"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type RowData,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableToolbar, type DataTableFilter } from "@/components/data-table/data-table-toolbar";
import { useListNavigation } from "@/components/data-table/use-list-navigation";
import { getPageCount, LIST_PARAMS, type ListQuery } from "@/lib/lists/list-query";

export type { DataTableFilter } from "@/components/data-table/data-table-toolbar";

declare module "@tanstack/react-table" {
  // Generic parameters must match the library's declaration.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Extra classes for this column's <th> and <td> cells (e.g. "text-right"). */
    className?: string;
  }
}

export type DataTableQuery = Pick<ListQuery, "q" | "sort" | "dir" | "page" | "pageSize" | "filters">;

export interface DataTableProps<T> {
  // Column value types vary per column, which ColumnDef can only express as any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  rows: T[];
  total: number;
  /** `total` is a capped count (see ListResult). */
  totalIsLowerBound?: boolean;
  query: DataTableQuery;
  searchPlaceholder?: string;
  filters?: DataTableFilter[];
  emptyMessage?: string;
  getRowId?: (row: T) => string;
  /** Locale for counts; fixed by default so server and client render identically. */
  locale?: string;
  className?: string;
}

export function DataTable<T>({
  columns,
  rows,
  total,
  totalIsLowerBound,
  query,
  searchPlaceholder = "Search…",
  filters = [],
  emptyMessage = "No results found.",
  getRowId,
  locale = "en-US",
  className,
}: DataTableProps<T>) {
  const { navigate, isPending } = useListNavigation();
  const pageCount = getPageCount(total, query.pageSize);

  // TanStack Table returns non-memoizable functions; React Compiler already skips
  // this component, and rows are re-rendered from fresh server data on every navigation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount,
    rowCount: total,
    state: {
      sorting: [{ id: query.sort, desc: query.dir === "desc" }],
      pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
    },
  });

  function toggleSort(columnId: string) {
    const dir = query.sort === columnId && query.dir === "asc" ? "desc" : "asc";
    navigate({ [LIST_PARAMS.sort]: columnId, [LIST_PARAMS.dir]: dir });
  }

  const visibleColumnCount = Math.max(table.getVisibleLeafColumns().length, 1);
  const tableRows = table.getRowModel().rows;

  return (
    <div className={cn("flex flex-col gap-4", className)}>
      <DataTableToolbar
        q={query.q}
        filterValues={query.filters}
        filters={filters}
        searchPlaceholder={searchPlaceholder}
        onChange={navigate}
      />

      <div
        aria-busy={isPending}
        className={cn(
          "overflow-hidden rounded-lg border border-gray-200 bg-white shadow-sm transition-opacity",
          isPending && "opacity-60",
        )}
      >
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-gray-200 text-sm">
            <thead className="bg-gray-50">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <HeaderCell key={header.id} header={header} onSort={toggleSort} />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-gray-100">
              {tableRows.length === 0 ? (
                <tr>
                  <td colSpan={visibleColumnCount} className="px-4 py-12 text-center text-gray-500">
                    {emptyMessage}
                  </td>
                </tr>
              ) : (
                tableRows.map((row) => (
                  <tr key={row.id} className="hover:bg-gray-50">
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={cn("px-4 py-3 whitespace-nowrap text-gray-700", cell.column.columnDef.meta?.className)}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>

        <DataTablePagination
          page={query.page}
          pageSize={query.pageSize}
          pageCount={pageCount}
          total={total}
          totalIsLowerBound={totalIsLowerBound}
          rowCount={rows.length}
          locale={locale}
          onPageChange={(page) => navigate({ [LIST_PARAMS.page]: page > 1 ? page : null }, { resetPage: false })}
          onPageSizeChange={(pageSize) => navigate({ [LIST_PARAMS.pageSize]: pageSize })}
        />
      </div>
    </div>
  );
}

function HeaderCell<T>({ header, onSort }: { header: Header<T, unknown>; onSort: (columnId: string) => void }) {
  const { column } = header;
  // Sorting happens on the server, so columns need no accessor: every column sorts unless it opts out.
  const canSort = !header.isPlaceholder && column.columnDef.enableSorting !== false;
  const sorted = column.getIsSorted();
  const content = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
  const SortIcon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;

  return (
    <th
      scope="col"
      colSpan={header.colSpan}
      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
      className={cn(
        "px-4 py-3 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-gray-600 uppercase",
        column.columnDef.meta?.className,
      )}
    >
      {canSort ? (
        <button
          type="button"
          onClick={() => onSort(column.id)}
          className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-gray-900 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          {content}
          <SortIcon aria-hidden="true" className={cn("size-3.5", sorted ? "text-gray-900" : "text-gray-400")} />
        </button>
      ) : (
        content
      )}
    </th>
  );
}
