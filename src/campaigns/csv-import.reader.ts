import { CsvError, parse } from 'csv-parse';
import { pipeline, type Readable } from 'node:stream';
import { InvalidEncodingError, utf8Stream, type CsvEncoding } from './csv-encoding';
import { CsvImportRejected, LineProblems } from './csv-import.report';

/** The columns a file kind has; the header names them, in any order. */
export interface CsvLayout<C extends string> {
  /** In their documented order. */
  columns: readonly C[];
  /** Columns a header may leave out (their cells then read as empty). */
  optional: readonly C[];
}

/** One data record of a file whose header checked out. */
export class CsvRecord<C extends string> {
  constructor(
    readonly line: number,
    private readonly cells: string[],
    private readonly indexOf: Record<C, number>,
  ) {}

  cell(column: C): string {
    const index = this.indexOf[column];
    return index < 0 ? '' : this.cells[index];
  }
}

export interface CsvSource<C extends string> {
  /** The data records; malformed lines are added to the problems instead. */
  records(): AsyncGenerator<CsvRecord<C>>;
  /** Bytes of the input parsed so far (for progress). */
  bytesRead(): number;
  /** True once the CSV could not be parsed any further (the rest of the file is unknown). */
  brokeOff(): boolean;
}

/**
 * Physical line numbers, counted here: csv-parse's own count (its `info` option, which also
 * costs a third of its speed) counts a CRLF inside a quoted cell as two lines.
 */
class LineCounter {
  private next = 1;

  /** The line `cells` starts on; advances past the line breaks inside its cells. */
  take(cells: string[]): number {
    const line = this.next;
    this.next += 1;
    for (const cell of cells) {
      if (cell.includes('\n') || cell.includes('\r')) this.next += cell.split(/\r\n|\r|\n/).length - 1;
    }
    return line;
  }
}

/** csv-parse hands an empty line over as one empty cell (skipping them would lose the count). */
const isEmptyLine = (cells: string[]) => cells.length === 1 && cells[0] === '';

function headerIndex<C extends string>(header: string[], layout: CsvLayout<C>, line: number, problems: LineProblems): Record<C, number> {
  const names = header.map((name) => name.trim().toLowerCase());
  const expected = `expected ${layout.columns.join(',')}`;
  const known = new Set<string>(layout.columns);
  names.forEach((name, i) => {
    if (!known.has(name)) problems.add(line, null, `unknown column ${JSON.stringify(header[i])} (${expected})`);
    else if (names.indexOf(name) !== i) problems.add(line, null, `column ${name} appears twice`);
  });
  const indexOf = {} as Record<C, number>;
  for (const column of layout.columns) {
    indexOf[column] = names.indexOf(column);
    if (indexOf[column] < 0 && !layout.optional.includes(column)) problems.add(line, null, `missing column ${column} (${expected})`);
  }
  return indexOf;
}

function parseErrorLine(error: CsvError): number {
  return typeof error.lines === 'number' ? error.lines : 1;
}

/**
 * Opens a CSV stream in `encoding` (invalid UTF-8 breaks the import off at its line and column):
 * reads and checks the header row (a bad header rejects the file at once),
 * then hands out the data records one by one, without holding the file in memory.
 */
export async function openCsv<C extends string>(input: Readable, layout: CsvLayout<C>, problems: LineProblems, encoding: CsvEncoding = 'utf-8'): Promise<CsvSource<C>> {
  const parser = parse({ bom: true, relax_column_count: true });
  // Errors of the input (an unreadable file, bytes not in its encoding) reach the parser and so the reader below.
  pipeline(input, utf8Stream(encoding), parser, () => undefined);
  const iterator = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const lines = new LineCounter();
  let brokeOff = false;

  /** The next non-empty record and its line; null at the end or when the CSV broke off. */
  async function nextRecord(): Promise<{ line: number; cells: string[] } | null> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return null;
        const line = lines.take(next.value);
        if (!isEmptyLine(next.value)) return { line, cells: next.value };
      }
    } catch (error) {
      if (error instanceof InvalidEncodingError) {
        brokeOff = true;
        problems.add(error.line, null, error.message);
        return null;
      }
      if (!(error instanceof CsvError)) throw error;
      brokeOff = true;
      problems.add(parseErrorLine(error), null, `is not valid CSV: ${error.message}`);
      return null;
    }
  }

  const header = await nextRecord();
  if (header === null) {
    if (!brokeOff) problems.add(1, null, `the file is empty; its first line must be the header ${layout.columns.join(',')}`);
    throw CsvImportRejected.of(problems);
  }
  const indexOf = headerIndex(header.cells, layout, header.line, problems);
  if (!problems.isEmpty) {
    await iterator.return?.();
    throw CsvImportRejected.of(problems);
  }
  const width = header.cells.length;

  return {
    bytesRead: () => parser.info.bytes,
    brokeOff: () => brokeOff,
    async *records() {
      try {
        for (let record = await nextRecord(); record !== null; record = await nextRecord()) {
          const { line, cells } = record;
          if (cells.length !== width) {
            problems.add(line, null, `has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${width}`);
          } else if (cells.some((cell) => cell.includes('\0'))) {
            // PostgreSQL text cannot hold NUL, so such a line could not even be staged.
            problems.add(line, null, 'contains a NUL character');
          } else {
            yield new CsvRecord(line, cells, indexOf);
          }
        }
      } finally {
        await iterator.return?.();
      }
    },
  };
}
