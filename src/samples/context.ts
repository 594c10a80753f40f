import type { Random } from './random.js';

const API = 'https://api.salesloft.com/v2';

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
];
const COMPANIES = [
  'Acme Rockets',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Hooli',
  'Stark Industrial',
  'Wayne Logistics',
];
const TITLES = ['VP of Sales', 'Head of Operations', 'CTO', 'Procurement Manager', 'Director of Marketing'];
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Atlanta', 'GA', 'US'],
  ['Austin', 'TX', 'US'],
  ['London', '', 'GB'],
  ['Toronto', 'ON', 'CA'],
  ['Berlin', '', 'DE'],
];

export interface Link {
  id: number;
  _href: string;
}

/** What one sample is built from: the random source, a clock and small realistic helpers. */
export class SampleContext {
  constructor(
    readonly random: Random,
    private readonly now: Date,
  ) {}

  id(): number {
    return this.random.int(1_000_000, 99_999_999);
  }

  link(collection: string, id = this.id()): Link {
    return { id, _href: `${API}/${collection}/${id}` };
  }

  /** An ISO timestamp `minutesAgo` before now (negative: in the future). */
  at(minutesAgo = 0): string {
    return new Date(this.now.getTime() - minutesAgo * 60_000).toISOString();
  }

  recent(): string {
    return this.at(this.random.int(1, 60 * 24 * 30));
  }

  date(daysAhead: number): string {
    return this.at(-daysAhead * 24 * 60).slice(0, 10);
  }

  person(): { first: string; last: string; email: string; company: string; domain: string } {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const company = this.random.pick(COMPANIES);
    const domain = `${company.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`;
    return { first, last, email: `${first}.${last}@${domain}`.toLowerCase(), company, domain };
  }

  title(): string {
    return this.random.pick(TITLES);
  }

  place(): { city: string; state: string; country: string } {
    const [city, state, country] = this.random.pick(CITIES);
    return { city, state, country };
  }

  company(): string {
    return this.random.pick(COMPANIES);
  }
}
