// Which fonts documents print with. pdfkit's built-in Helvetica only has Latin-1 (WinAnsi), so a
// Cyrillic or Bengali customer name would print as garbage. We embed a TrueType font from the
// machine instead: DejaVu Sans first (Debian's default; Latin, Greek, Cyrillic), then fonts that
// also cover South Asian scripts (GNU FreeSans, Noto Sans Bengali, Lohit Bengali). Each text is
// printed in the first font that has a glyph for every character in it; when none has, in the
// first font (missing glyphs show as boxes, the layout holds). With no TTF at all we fall back
// to Helvetica and replace what WinAnsi cannot encode with "?". Servers that bill in Bengali
// should install fonts-freefont-ttf or fonts-noto-core (Debian) so names print.
import { readFileSync, existsSync } from "node:fs";

export type FontFace = { name: string; path: string };
type Face = FontFace;

const FONT_DIRS = ["/usr/share/fonts/truetype", "/usr/share/fonts/TTF", "/usr/share/fonts"];

const REGULAR = [
  "dejavu/DejaVuSans.ttf",
  "freefont/FreeSans.ttf",
  "noto/NotoSans-Regular.ttf",
  "noto/NotoSansBengali-Regular.ttf",
  "lohit-bengali/Lohit-Bengali.ttf",
];
const BOLD = [
  "dejavu/DejaVuSans-Bold.ttf",
  "freefont/FreeSansBold.ttf",
  "noto/NotoSans-Bold.ttf",
  "noto/NotoSansBengali-Bold.ttf",
];

function findFaces(relative: string[], prefix: string): Face[] {
  const faces: Face[] = [];
  for (const rel of relative) {
    for (const dir of FONT_DIRS) {
      const path = `${dir}/${rel}`;
      if (existsSync(path)) {
        faces.push({ name: `${prefix}${faces.length}`, path });
        break;
      }
    }
  }
  return faces;
}

let discovered: { regular: Face[]; bold: Face[] } | null = null;
const bytesCache = new Map<string, Buffer>();

/** The TrueType faces found on this machine (searched once per process). */
export function documentFonts(): { regular: Face[]; bold: Face[] } {
  if (!discovered) discovered = { regular: findFaces(REGULAR, "R"), bold: findFaces(BOLD, "B") };
  return discovered;
}

function bytes(path: string): Buffer {
  let b = bytesCache.get(path);
  if (!b) {
    b = readFileSync(path);
    bytesCache.set(path, b);
  }
  return b;
}

// pdfkit keeps the fontkit font of an embedded face on `_font.font`; it is not in the typings.
type FontkitLike = { hasGlyphForCodePoint(cp: number): boolean };

const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export type FontPicker = {
  /** Set the document's font to one that can print `text`, and return `text` fit for it. */
  use(text: string, weight?: "regular" | "bold"): string;
  /** True when a TrueType font is embedded (false: Helvetica fallback). */
  embedded: boolean;
  /** The file names of the faces registered in this document. */
  faces: string[];
};

export function fontPicker(doc: PDFKit.PDFDocument, faces: { regular: Face[]; bold: Face[] } = documentFonts()): FontPicker {
  const { regular, bold } = faces;
  if (regular.length === 0) {
    return {
      embedded: false,
      faces: [],
      use(text, weight = "regular") {
        doc.font(weight === "bold" ? "Helvetica-Bold" : "Helvetica");
        return Array.from(text, (ch) => (ch.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : "?")).join("");
      },
    };
  }
  for (const f of [...regular, ...bold]) doc.registerFont(f.name, bytes(f.path));
  // Bold text may fall back to a regular face of a script the bold faces lack.
  const chains = { regular, bold: [...bold, ...regular] };
  const coverage = new Map<string, FontkitLike | null>();
  const fontkitOf = (face: Face): FontkitLike | null => {
    if (!coverage.has(face.name)) {
      doc.font(face.name);
      const inner = (doc as unknown as { _font?: { font?: Partial<FontkitLike> } })._font?.font;
      coverage.set(face.name, typeof inner?.hasGlyphForCodePoint === "function" ? (inner as FontkitLike) : null);
    }
    return coverage.get(face.name)!;
  };
  const covers = (face: Face, text: string): boolean => {
    const fk = fontkitOf(face);
    if (!fk) return true;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x20) continue;
      if (!fk.hasGlyphForCodePoint(cp)) return false;
    }
    return true;
  };
  return {
    embedded: true,
    faces: [...regular, ...bold].map((f) => f.path),
    use(text, weight = "regular") {
      const chain = chains[weight];
      const face = chain.find((f) => covers(f, text)) ?? chain[0]!;
      doc.font(face.name);
      return text;
    },
  };
}
