// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF, a BOM from
// Excel, and the separator Excel writes in many locales (";", or a tab). Every record carries the
// line it starts on, and a broken quote is reported on its line instead of silently swallowing
// the rows after it.

export type CsvRecord = { line: number; cells: string[] };
export type CsvProblem = { line: number; message: string };
export type CsvReadResult = { records: CsvRecord[]; problems: CsvProblem[]; separator: string };

const SEPARATORS = [",", ";", "\t"] as const;

/** The separator of the first line (outside quotes): the most frequent of , ; and tab. */
function detectSeparator(src: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

/** Index just past the end of the line that `from` is on (past its \n, \r\n or \r). */
function nextLineStart(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === "\n") return i + 1;
    if (src[i] === "\r") return src[i + 1] === "\n" ? i + 2 : i + 1;
  }
  return src.length;
}

export function readCsv(text: string, options: { separator?: string } = {}): CsvReadResult {
  const src = text.replace(/^\uFEFF/, "");
  const separator = options.separator ?? detectSeparator(src);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    // One record from position i, which starts physical line `line`.
    const start = i;
    const startLine = line;
    const cells: string[] = [];
    let field = "";
    let broken: string | null = null;
    let atFieldStart = true;
    for (;;) {
      if (i >= src.length) {
        cells.push(field);
        break;
      }
      const ch = src[i]!;
      if (atFieldStart && ch === '"') {
        // A quoted field: runs to the quote that is followed by a separator or the end of a line.
        const openLine = line;
        i++;
        let closed = false;
        while (i < src.length) {
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (c === "\n" || (c === "\r" && src[i + 1] !== "\n")) line++;
          field += c;
          i++;
        }
        if (!closed) {
          broken = `The quote opened on line ${openLine} is never closed.`;
          break;
        }
        const after = src[i];
        if (after !== undefined && after !== separator && after !== "\n" && after !== "\r") {
          broken = `A quoted field (opened on line ${openLine}) must end with a quote followed by "${separator === "\t" ? "tab" : separator}" or the end of the line; found ${JSON.stringify(after)} on line ${line}.`;
          break;
        }
        atFieldStart = false;
        continue;
      }
      if (ch === separator) {
        cells.push(field);
        field = "";
        atFieldStart = true;
        i++;
        continue;
      }
      if (ch === "\n" || ch === "\r") {
        cells.push(field);
        i = nextLineStart(src, i);
        line++;
        break;
      }
      // A quote inside an unquoted field (O"Brien) is kept as it is.
      field += ch;
      atFieldStart = false;
      i++;
    }
    if (broken !== null) {
      problems.push({ line: startLine, message: broken });
      // Start again on the line after the one the broken record began on: the rows that the
      // open quote would have swallowed are read as rows.
      i = nextLineStart(src, start);
      line = startLine + 1;
      continue;
    }
    if (cells.some((c) => c.trim() !== "")) records.push({ line: startLine, cells });
  }
  return { records, problems, separator };
}

/** The cells of every record (for files we wrote ourselves); broken records are left out. */
export function parseCsv(text: string): string[][] {
  return readCsv(text, { separator: "," }).records.map((r) => r.cells);
}

function cell(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
