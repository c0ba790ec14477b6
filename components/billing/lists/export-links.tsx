import { buttonClasses } from "@/components/ui/button";
import type { SearchParamsRecord } from "@/lib/lists/list-query";

/** The list's current filters as a query string for its export (paging left out: all rows). */
function exportQuery(searchParams: SearchParamsRecord, format: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "" && key !== "page" && key !== "pageSize" && key !== "after") params.set(key, v);
  }
  params.set("format", format);
  return params.toString();
}

/** File downloads, not pages: plain links. */
export function ExportLinks({ href, searchParams }: { href: string; searchParams: SearchParamsRecord }) {
  return (
    <div className="flex flex-wrap gap-2">
      <a href={`${href}?${exportQuery(searchParams, "csv")}`} download className={buttonClasses({ variant: "secondary" })}>
        Export CSV
      </a>
      <a href={`${href}?${exportQuery(searchParams, "xlsx")}`} download className={buttonClasses({ variant: "secondary" })}>
        Export XLSX
      </a>
    </div>
  );
}
