import iconv from 'iconv-lite';
import { Transform, type TransformCallback } from 'node:stream';

/** The encodings a CSV import reads (`--encoding`); the parser gets UTF-8 whatever the file was in. */
export const CSV_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** The file is not in the encoding it was read as; names the first offending byte. */
export class InvalidEncodingError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly byte: number,
  ) {
    super(
      `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at column ${column} is not valid UTF-8; ` +
        're-save the file as UTF-8, or import it with --encoding latin1 or --encoding windows-1252',
    );
    this.name = 'InvalidEncodingError';
  }
}

/** Bytes a UTF-8 sequence has after its lead byte, and the range its first continuation byte may take; null: not a lead byte. */
function sequenceOf(lead: number): { extra: number; min: number; max: number } | null {
  if (lead < 0x80) return { extra: 0, min: 0, max: 0 };
  if (lead >= 0xc2 && lead <= 0xdf) return { extra: 1, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { extra: 2, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { extra: 2, min: 0x80, max: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { extra: 2, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { extra: 3, min: 0x90, max: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { extra: 3, min: 0x80, max: 0xbf };
  if (lead === 0xf4) return { extra: 3, min: 0x80, max: 0x8f };
  return null;
}

/**
 * Checks UTF-8 chunk by chunk (RFC 3629: no overlongs, surrogates or code points past
 * U+10FFFF) and keeps the position, so the first bad byte is reported with its line and column
 * (1-based, in characters). A sequence cut by a chunk boundary is held back until the next chunk.
 */
export class Utf8Checker {
  private line = 1;
  private column = 1;
  private carry: Buffer = Buffer.alloc(0);

  /** The complete, valid part of `chunk` (with what was held back); throws at the first invalid byte. */
  push(chunk: Buffer): Buffer {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = 0;
    while (i < bytes.length) {
      const lead = bytes[i];
      const sequence = sequenceOf(lead);
      if (sequence === null) throw new InvalidEncodingError(this.line, this.column, lead);
      if (i + sequence.extra >= bytes.length && sequence.extra > 0) {
        // Possibly complete in the next chunk: check what is here, hold it back.
        for (let k = 1; i + k < bytes.length; k++) this.checkContinuation(lead, bytes[i + k], k === 1 ? sequence : null);
        break;
      }
      for (let k = 1; k <= sequence.extra; k++) this.checkContinuation(lead, bytes[i + k], k === 1 ? sequence : null);
      if (lead === 0x0a) {
        this.line += 1;
        this.column = 1;
      } else {
        this.column += 1;
      }
      i += 1 + sequence.extra;
    }
    this.carry = Buffer.from(bytes.subarray(i));
    return bytes.subarray(0, i);
  }

  /** At the end of the input: a sequence still held back was cut off. */
  end(): void {
    if (this.carry.length > 0) throw new InvalidEncodingError(this.line, this.column, this.carry[0]);
  }

  /** A bad continuation makes the whole sequence invalid: reported at its lead byte, where the character starts. */
  private checkContinuation(lead: number, byte: number, first: { min: number; max: number } | null): void {
    const [min, max] = first ? [first.min, first.max] : [0x80, 0xbf];
    if (byte < min || byte > max) throw new InvalidEncodingError(this.line, this.column, lead);
  }
}

/** A stream turning the file's bytes into UTF-8 for the parser: checked for UTF-8, converted from the single-byte encodings. */
export function utf8Stream(encoding: CsvEncoding): Transform {
  if (encoding === 'utf-8') {
    const checker = new Utf8Checker();
    return new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        try {
          done(null, checker.push(chunk));
        } catch (error) {
          done(error as Error);
        }
      },
      flush(done: TransformCallback) {
        try {
          checker.end();
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
  }
  // Single-byte encodings: every byte is one character, so chunks decode on their own. iconv-lite,
  // not TextDecoder: Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 is not €).
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      done(null, Buffer.from(iconv.decode(chunk, encoding), 'utf8'));
    },
  });
}
