/**
 * A small RFC 4180 CSV reader: fields separated by commas, records by CRLF or
 * LF; a field in double quotes may hold commas, line breaks and doubled
 * quotes (`""` → `"`). Written for the GTD extract (no dependency needed).
 * Example: `1,"a, ""b""\nc",3` → [["1", "a, \"b\"\nc", "3"]].
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  // A leading byte-order mark is not part of the first header name.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let quoted = false;
  let sawAny = false;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      sawAny = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      sawAny = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      if (row.length > 1 || row[0] !== '' || sawAny) rows.push(row);
      row = [];
      field = '';
      sawAny = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    sawAny = true;
    i++;
  }
  if (field !== '' || row.length > 0 || sawAny) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Records as objects keyed by the header row; short records are padded with ''. */
export function csvRecords(text: string): Record<string, string>[] {
  const [head, ...body] = parseCsv(text);
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), r[i] ?? ''])));
}
