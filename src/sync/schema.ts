import { readFile } from 'node:fs/promises';

/** The JSON Schema (2020-12) of a sync file, as shipped in the package (schema/sync.schema.json). */
export async function syncSchema(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL('../../schema/sync.schema.json', import.meta.url), 'utf8'));
}
