import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportFileError, openImportFile } from '../import-file';

describe('openImportFile: the format from the content', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-import-file-'));
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Longer than one 64 KB read, with multi-byte characters across the boundaries.
  const longText = 'Рябков: «это не так». '.repeat(5_000);

  it('reads a jsonl export whose first row is longer than one read, after blank lines and with CRLF endings', () => {
    const row = JSON.stringify({ type: 'speaker', id: '01900000-0000-7000-8000-000000000001', name: longText });
    const file = write(
      'long.jsonl',
      `\r\n\n${row}\r\n${JSON.stringify({ type: 'source', id: '01900000-0000-7000-8000-000000000002' })}\r\n`,
    );
    expect(Buffer.byteLength(row)).toBeGreaterThan(2 * 64 * 1024);
    expect(openImportFile(file).format).toBe('jsonl');
  });

  it('reads a Fact Check Tools document written on one long line, or pretty-printed', () => {
    const document = { claims: [{ text: longText, claimant: 'Sergei Ryabkov', claimReview: [] }] };
    expect(openImportFile(write('one-line.json', JSON.stringify(document))).format).toBe('factcheck-tools');
    const pretty = openImportFile(write('pretty.json', JSON.stringify(document, null, 2)));
    expect(pretty).toMatchObject({ format: 'factcheck-tools', total: 1 });
  });

  it('calls a file of blank lines empty, and names the formats it reads when it is none of them', () => {
    expect(() => openImportFile(write('blank.jsonl', '\n  \r\n\n'))).toThrow(/is empty/);
    expect(() => openImportFile(write('other.json', `{"rows": []}\n`))).toThrow(ImportFileError);
    expect(() => openImportFile(write('other.json', `{"rows": []}\n`))).toThrow(/jsonl export/);
    expect(() => openImportFile(path.join(dir, 'missing.json'))).toThrow(/Cannot read/);
  });

  it('refuses a file that is not UTF-8, wherever the bad bytes are, rather than import them as U+FFFD', () => {
    const writeBytes = (name: string, ...parts: (string | number[])[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(
        file,
        Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))),
      );
      return file;
    };
    expect(() => openImportFile(writeBytes('latin1.json', '{"claims":[{"text":"caf', [0xe9], '","claimant":"A"}]}'))).toThrow(
      /latin1\.json is not UTF-8 text: bytes 0 to \d+/,
    );
    // Past the first read, and a sequence cut short at the very end.
    expect(() =>
      openImportFile(writeBytes('late.jsonl', JSON.stringify({ type: 'speaker', name: longText }), '\n', [0xed, 0xa0, 0x80], '\n')),
    ).toThrow(ImportFileError);
    expect(() => openImportFile(writeBytes('cut.jsonl', JSON.stringify({ type: 'speaker', name: 'x' }), [0xe2, 0x82]))).toThrow(
      /ends inside a UTF-8 sequence/,
    );
    expect(openImportFile(writeBytes('fine.jsonl', JSON.stringify({ type: 'speaker', name: longText }))).format).toBe('jsonl');
  });
});
