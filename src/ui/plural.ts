/** "1 subscription", "3 subscriptions", "2 deliveries". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
