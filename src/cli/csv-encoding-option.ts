import { Option } from 'commander';
import { CSV_ENCODINGS } from '../campaigns/csv-encoding';

/** `--encoding`, shared by the CSV import commands. */
export function encodingOption(): Option {
  return new Option('--encoding <encoding>', 'the file is in this encoding (invalid UTF-8 is rejected with its line and column)').choices(CSV_ENCODINGS).default('utf-8');
}
