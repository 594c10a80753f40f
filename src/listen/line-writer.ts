/**
 * Collects output lines and writes them in one call per event-loop turn: under load, one write
 * per delivery costs more than the delivery itself. Order is kept; `flush` writes what is left.
 */
export class LineWriter {
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly write: (text: string) => void) {}

  push(line: string): void {
    this.pending.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.write(text);
  }
}
