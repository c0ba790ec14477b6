// The export route handlers' shared door work: the URL's parameters, the asked format, and the
// file as a download that no cache keeps.
import type { ExportFile, ExportFormat } from "@/lib/billing/lists/render-export";

export function searchParamsOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}

export function formatOf(params: Record<string, string>): ExportFormat {
  return params.format === "xlsx" ? "xlsx" : "csv";
}

export function fileResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
