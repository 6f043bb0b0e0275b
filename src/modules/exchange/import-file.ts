// Reads an import file and tells its format from its content: a jsonl export (every line a typed row), a Google Fact
// Check Tools claims:search response, or ClaimReview JSON-LD. A file that cannot be read, is not JSON, or is in none of
// these formats is an ImportFileError (the import stops before touching the database); a bad record inside a good
// file is only rejected.
import fs from 'node:fs';
import readline from 'node:readline';
import { factCheckItems, fromClaimReview, fromFactCheckTools, type FactCheckFormat } from './fact-check';
import type { Importer } from './import.service';
import { ROW_TYPES } from './jsonl';

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export type ImportFormat = FactCheckFormat | 'jsonl';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  'factcheck-tools': 'Fact Check Tools claims:search response',
  claimreview: 'ClaimReview JSON-LD',
  jsonl: 'claimtrace jsonl export',
};

export interface ImportFile {
  format: ImportFormat;
  /** How many records, when known before reading them all (jsonl is streamed). */
  total: number | undefined;
  /** Imports every record through the importer, calling back after each. */
  run(importer: Importer, onRecord: (done: number) => void): Promise<void>;
}

const HEAD_BYTES = 64 * 1024;

function isRowLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && ROW_TYPES.includes((value as { type?: unknown }).type as never);
  } catch {
    return false;
  }
}

function readHead(file: string): string {
  const descriptor = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.toString('utf8', 0, fs.readSync(descriptor, buffer, 0, HEAD_BYTES, 0));
  } finally {
    fs.closeSync(descriptor);
  }
}

export function openImportFile(file: string): ImportFile {
  let head: string;
  try {
    head = readHead(file);
  } catch (error) {
    throw new ImportFileError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const firstLine = head.split('\n').find((line) => line.trim() !== '');
  if (firstLine === undefined) throw new ImportFileError(`${file} is empty`);

  if (isRowLine(firstLine)) {
    return {
      format: 'jsonl',
      total: undefined,
      async run(importer, onRecord) {
        let lineNumber = 0;
        let done = 0;
        for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
          lineNumber += 1;
          if (line.trim() === '') continue;
          await importer.importRow(`line ${lineNumber}`, line);
          onRecord((done += 1));
        }
      },
    };
  }

  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ImportFileError(`${file} is not valid JSON (nor jsonl): ${(error as Error).message}`);
  }
  const found = factCheckItems(document);
  if (!found) {
    throw new ImportFileError(
      `${file} is in no format the importer reads: expected a Fact Check Tools claims:search response ({"claims": [...]}), ` +
        'ClaimReview JSON-LD (an object or array with "@type": "ClaimReview"), or a jsonl export (npm run export -- --format jsonl)',
    );
  }
  const parse = found.format === 'claimreview' ? fromClaimReview : fromFactCheckTools;
  return {
    format: found.format,
    total: found.items.length,
    async run(importer, onRecord) {
      for (const [index, item] of found.items.entries()) {
        await importer.importFactCheck(`record ${index}`, () => parse(item));
        onRecord(index + 1);
      }
    },
  };
}
