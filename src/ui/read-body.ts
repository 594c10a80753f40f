import { UsageError } from '../shared/errors.js';
import { readInputFile } from '../shared/input-file.js';

/** The raw bytes of FILE, or of standard input when no file is named. */
export async function readBody(
  file: string | undefined,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<Buffer> {
  if (file !== undefined) {
    return readInputFile(file, '--body-file');
  }
  if (stdin.isTTY) {
    throw new UsageError(
      'No body: pass --body-file FILE or pipe the body on standard input.',
      'missing_body',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
