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
export function ExportLinks({ href, searchParams, formats = ["csv", "xlsx"] }: { href: string; searchParams: SearchParamsRecord; formats?: ("csv" | "xlsx" | "pdf")[] }) {
  return (
    <div className="flex flex-wrap gap-2">
      {formats.map((f) => (
        <a key={f} href={`${href}?${exportQuery(searchParams, f)}`} download className={buttonClasses({ variant: "secondary" })}>
          Export {f.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
