export function anchorsOf(text: string): Set<string>;
export function brokenLinks(file: string): string[];
export function docFiles(): string[];
