import type { Clock } from '../../src/salesloft/client.js';

/**
 * A clock for the API client's waits: a sleep returns at once and moves the clock on by what it
 * would have waited (real time still passes under it, so network deadlines keep their meaning).
 * `onSleep` lets a test move another clock along (the emulator's rate-limit minute).
 */
export class TestClock implements Clock {
  offsetMs = 0;
  readonly slept: number[] = [];

  constructor(private readonly onSleep: (ms: number) => void = () => {}) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    this.offsetMs += ms;
    this.slept.push(ms);
    this.onSleep(ms);
  }
}
