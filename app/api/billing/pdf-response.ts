// A rendered document as the browser should show it: a PDF opened in place (not downloaded),
// named by its number, never cached (it holds a customer's data).
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
