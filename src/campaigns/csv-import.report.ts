/** The per-line error report of a rejected CSV import. */

/** How many problems a report lists; the total is always given. */
export const REPORT_LIMIT = 100;

export interface LineProblem {
  /** Physical line of the file, 1 = the header. */
  line: number;
  /** CSV column name; null when the problem is the line as a whole. */
  column: string | null;
  message: string;
}

/** Keeps the first problems in line order for the report, plus how many there were in all. */
export class LineProblems {
  readonly shown: LineProblem[] = [];
  total = 0;

  add(line: number, column: string | null, message: string): void {
    this.total += 1;
    if (this.shown.length < REPORT_LIMIT) this.shown.push({ line, column, message });
  }

  /** Records what a rule function found for a cell (its message), if it found anything. */
  check(line: number, column: string, problem: string | null): void {
    if (problem !== null) this.add(line, column, problem);
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }
}

/** A file that broke a rule: nothing of it was written. */
export class CsvImportRejected extends Error {
  constructor(
    /** The first problems by line (at most the report limit). */
    readonly problems: LineProblem[],
    /** How many problems the file has in all. */
    readonly total: number,
  ) {
    super(`the file was rejected (${total.toLocaleString('en-US')} problem${total === 1 ? '' : 's'}); nothing was written`);
    this.name = 'CsvImportRejected';
  }

  /**
   * Merges the problems found in Node while reading with those the SQL checks found. Each
   * side holds its own first problems in line order, so the merged head is the file's head.
   */
  static of(...sides: Array<{ shown: LineProblem[]; total: number }>): CsvImportRejected {
    const shown = sides
      .flatMap((side) => side.shown)
      .sort((a, b) => a.line - b.line)
      .slice(0, REPORT_LIMIT);
    return new CsvImportRejected(shown, sides.reduce((sum, side) => sum + side.total, 0));
  }
}

/** `line 17, column cost: must not be negative` */
export function describeLineProblem(problem: LineProblem): string {
  return `line ${problem.line}${problem.column === null ? '' : `, column ${problem.column}`}: ${problem.message}`;
}
