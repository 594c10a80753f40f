/** Salesloft's budget: a cost per request, counted per clock minute for the whole team. */
export class MinuteBudget {
  private window = -1;
  private spent = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Charges `cost`; returns what remains this minute, or `undefined` when over the budget. */
  charge(cost = 1): { remaining: number } | undefined {
    const window = Math.floor(this.now() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.spent = 0;
    }
    if (this.spent + cost > this.perMinute) return undefined;
    this.spent += cost;
    return { remaining: this.perMinute - this.spent };
  }

  remaining(): number {
    return Math.floor(this.now() / 60_000) === this.window ? this.perMinute - this.spent : this.perMinute;
  }
}
