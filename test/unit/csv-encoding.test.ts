import assert from 'node:assert/strict';
import { InvalidEncodingError, Utf8Checker } from '../../src/campaigns/csv-encoding';

/** Feeds `chunks` to a checker; returns the bytes it passed on, or where it stopped. */
function check(...chunks: number[][]): { passed: number[] } | { line: number; column: number; byte: number } {
  const checker = new Utf8Checker();
  const passed: number[] = [];
  try {
    for (const chunk of chunks) passed.push(...checker.push(Buffer.from(chunk)));
    checker.end();
    return { passed };
  } catch (error) {
    if (!(error instanceof InvalidEncodingError)) throw error;
    return { line: error.line, column: error.column, byte: error.byte };
  }
}

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

describe('Utf8Checker', () => {
  const valid: Array<[string, number[][]]> = [
    ['ASCII', [bytes('a,b\nc')]],
    ['two-byte é', [bytes('café')]],
    ['three-byte €', [bytes('5€')]],
    ['four-byte emoji', [bytes('😀')]],
    ['é split across chunks', [[0x63, 0xc3], [0xa9]]],
    ['emoji split byte by byte', bytes('😀').map((b) => [b])],
    ['U+10FFFF, the last code point', [[0xf4, 0x8f, 0xbf, 0xbf]]],
    ['a byte-order mark', [[0xef, 0xbb, 0xbf, 0x61]]],
  ];
  for (const [name, chunks] of valid) {
    it(`passes ${name} on unchanged`, () => assert.deepEqual(check(...chunks), { passed: chunks.flat() }));
  }

  const invalid: Array<[string, number[][], { line: number; column: number; byte: number }]> = [
    ['Latin-1 é', [[0x63, 0x61, 0x66, 0xe9]], { line: 1, column: 4, byte: 0xe9 }],
    ['on the third line, after multi-byte characters', [bytes('h\nx\nüü'), [0xff]], { line: 3, column: 3, byte: 0xff }],
    ['a lone continuation byte', [[0x80]], { line: 1, column: 1, byte: 0x80 }],
    ['an overlong encoding of "/"', [[0xc0, 0xaf]], { line: 1, column: 1, byte: 0xc0 }],
    ['an overlong three-byte form', [[0xe0, 0x80, 0xaf]], { line: 1, column: 1, byte: 0xe0 }],
    ['a UTF-16 surrogate', [[0xed, 0xa0, 0x80]], { line: 1, column: 1, byte: 0xed }],
    ['past U+10FFFF', [[0xf4, 0x90, 0x80, 0x80]], { line: 1, column: 1, byte: 0xf4 }],
    ['a lead byte followed by ASCII', [[0x61, 0xc3, 0x61]], { line: 1, column: 2, byte: 0xc3 }],
    ['a sequence cut off by the end of the file', [[0x61, 0xe2, 0x82]], { line: 1, column: 2, byte: 0xe2 }],
  ];
  for (const [name, chunks, expected] of invalid) {
    it(`stops at ${name}`, () => assert.deepEqual(check(...chunks), expected));
  }
});
