import { parse } from 'csv-parse/sync';

/** A CSV record with the line it starts on (1-based, header included). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A line that is not CSV (a stray quote, say): reported, and the rest is read on. */
export interface CsvProblem {
  line: number;
  message: string;
}

/** Parses RFC 4180 CSV (csv-parse): quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const bytes = Buffer.from(text.replace(/^\uFEFF/, ''));
  const problems = new Map<number, string>();
  const rows = parse(bytes, {
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    info: true,
    raw: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const at = Number(error?.lines);
      if (error && !problems.has(at)) problems.set(at, error.message.replace(/ at line \d+/, ''));
    },
  }) as unknown as { record: string[]; info: { bytes_records: number }; raw: string }[];
  // where each record starts (after its raw text's leading empty lines), counted onwards
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (; counted < offset; counted++) if (bytes[counted] === 0x0a) line++;
    return line;
  };
  const records = rows.map(({ record, info, raw }) => {
    const rawBytes = Buffer.byteLength(raw);
    const leading = raw.length - raw.replace(/^[\r\n]+/, '').length;
    return { line: lineAt(info.bytes_records - rawBytes + leading), fields: record };
  });
  return { records, problems: [...problems].map(([line, message]) => ({ line, message })) };
}
