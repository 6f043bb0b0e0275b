// Reads an import file and tells its format from its content: a jsonl export (every line a typed row), a Google Fact
// Check Tools claims:search response, or ClaimReview JSON-LD. A file that cannot be read, is not JSON, or is in none of
// these formats is an ImportFileError (the import stops before touching the database); a bad record inside a good
// file is only rejected.
import fs from 'node:fs';
import readline from 'node:readline';
import { checkRecordText, factCheckItems, fromClaimReview, fromFactCheckTools, type FactCheckFormat } from './fact-check';
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
  /** Imports every record through the importer, calling back with how many are done (after each batch, or line). */
  run(importer: Importer, onRecord: (done: number) => void): Promise<void>;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

function isRowLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && ROW_TYPES.includes((value as { type?: unknown }).type as never);
  } catch {
    return false;
  }
}

/**
 * The file's first non-blank line, read in chunks until it ends: a jsonl row has no length cap (a claim's text), and a
 * JSON document may be one long line.
 */
function readFirstLine(file: string): string | undefined {
  const descriptor = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const pending: Buffer[] = [];
    for (let position = 0, read; (read = fs.readSync(descriptor, buffer, 0, CHUNK_BYTES, position)) > 0; position += read) {
      const chunk = buffer.subarray(0, read);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const line = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
        if (line.trim() !== '') return line;
        pending.length = 0;
        start = end + 1;
      }
      pending.push(Buffer.from(chunk.subarray(start)));
    }
    const last = Buffer.concat(pending).toString('utf8');
    return last.trim() === '' ? undefined : last;
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Refuses a file that is not UTF-8, read once in chunks: decoded leniently (as readline and readFileSync do), its bad
 * bytes would be imported as U+FFFD.
 */
function checkUtf8(file: string): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const descriptor = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  try {
    for (let position = 0, read; (read = fs.readSync(descriptor, buffer, 0, CHUNK_BYTES, position)) > 0; position += read) {
      try {
        decoder.decode(buffer.subarray(0, read), { stream: true });
      } catch {
        // A sequence cut by the chunk's start began at most 3 bytes before it.
        throw new ImportFileError(
          `${file} is not UTF-8 text: bytes ${Math.max(0, position - 3)} to ${position + read} hold a sequence that is not UTF-8`,
        );
      }
    }
    try {
      decoder.decode();
    } catch {
      throw new ImportFileError(`${file} is not UTF-8 text: it ends inside a UTF-8 sequence`);
    }
  } finally {
    fs.closeSync(descriptor);
  }
}

export function openImportFile(file: string): ImportFile {
  let firstLine: string | undefined;
  try {
    checkUtf8(file);
    firstLine = readFirstLine(file);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`Cannot read ${file}: ${(error as Error).message}`);
  }
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
      for (let start = 0; start < found.items.length; start += importer.batchSize) {
        const batch = found.items.slice(start, start + importer.batchSize).map((item, offset) => ({
          at: `record ${start + offset}`,
          parse: () => {
            checkRecordText(item);
            return parse(item);
          },
        }));
        await importer.importFactChecks(batch);
        onRecord(start + batch.length);
      }
    },
  };
}
