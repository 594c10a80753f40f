import { readFile } from 'node:fs/promises';

/** A JSON Schema document (its keywords are the schema's own business). */
export interface JsonSchema {
  $schema: string;
  $id: string;
  [keyword: string]: unknown;
}

/** The JSON Schema (2020-12) of a sync file, as shipped in the package (schema/sync.schema.json). */
export async function syncSchema(): Promise<JsonSchema> {
  return JSON.parse(await readFile(new URL('../../schema/sync.schema.json', import.meta.url), 'utf8'));
}
