export function located(message: string): { file: string; line: string; message: string } | null;
export function annotation(message: string | undefined, where?: Record<string, string | undefined>): string;
