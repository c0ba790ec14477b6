// Small checks on PDFs we wrote (tests only): page count and page sizes from the object
// dictionaries (pdfkit writes them uncompressed), and the text of each page through Ghostscript's
// txtwrite device when `gs` is installed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function pdfPages(pdf: Buffer): { count: number; sizes: [number, number][] } {
  const text = pdf.toString("latin1");
  const sizes: [number, number][] = [];
  for (const m of text.matchAll(/\/Type \/Page\b[\s\S]*?\/MediaBox \[([\d. ]+)\]/g)) {
    const [, , w, h] = m[1]!.trim().split(/\s+/);
    sizes.push([Math.round(Number(w)), Math.round(Number(h))]);
  }
  return { count: (text.match(/\/Type \/Page\b/g) ?? []).length, sizes };
}

export function fontNames(pdf: Buffer): string[] {
  return [...new Set([...pdf.toString("latin1").matchAll(/\/BaseFont \/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!))];
}

export const hasGhostscript = (() => {
  try {
    execFileSync("gs", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

/** The text of each page (Ghostscript txtwrite). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), "pdf-text-"));
  try {
    const file = join(dir, "in.pdf");
    writeFileSync(file, pdf);
    execFileSync("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite", `-sOutputFile=${join(dir, "p%d.txt")}`, file]);
    const pages: string[] = [];
    for (let i = 1; existsSync(join(dir, `p${i}.txt`)); i++) pages.push(readFileSync(join(dir, `p${i}.txt`), "utf8"));
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
