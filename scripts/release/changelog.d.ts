export interface ChangelogEntry {
  version: string;
  heading: string;
  body: string;
}
export function changelogEntries(text?: string): ChangelogEntry[];
