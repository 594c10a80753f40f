import type { Random } from './random.js';

const API = 'https://api.salesloft.com/v2';

// Names and texts as a real team's data has them: letters outside ASCII, `&`, `<` and URLs, which
// Rails' encoder escapes (`\u0026`, `\u003c`) and a re-serialising handler writes otherwise.
const FIRST_NAMES = [
  'Ada',
  'Grace',
  'José',
  'Zoë',
  'Søren',
  'Katherine',
  'Linus',
  'Ngozi',
  'Łukasz',
  'Frances',
];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Núñez', 'Müller', 'Johnson', 'Ørsted', 'Hamilton', 'Okafor'];
const COMPANIES = [
  'Acme Rockets & Co',
  'Globex',
  'Initech <EMEA>',
  'Umbrella Health',
  'Müller & Söhne',
  'Stark Industrial',
  'Ibáñez Logística',
];
const TITLES = [
  'VP of Sales & Marketing',
  'Head of Operations',
  'CTO',
  'Procurement Manager',
  'Directrice Générale',
];
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Atlanta', 'GA', 'US'],
  ['Austin', 'TX', 'US'],
  ['London', '', 'GB'],
  ['Montréal', 'QC', 'CA'],
  ['München', '', 'DE'],
];
/** The team's UTC offset, as Salesloft writes it into every timestamp (US Eastern, winter). */
const TEAM_OFFSET_MINUTES = -5 * 60;

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

  /** A timestamp `minutesAgo` before now (negative: in the future), as Salesloft writes one. */
  at(minutesAgo = 0): string {
    return salesloftTime(this.now.getTime() - minutesAgo * 60_000, this.random.int(0, 999));
  }

  recent(): string {
    return this.at(this.random.int(1, 60 * 24 * 30));
  }

  /** A calendar date `daysAhead` from today, in the team's time zone. */
  date(daysAhead: number): string {
    return this.at(-daysAhead * 24 * 60).slice(0, 10);
  }

  person(): { first: string; last: string; email: string; company: string; domain: string } {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const company = this.random.pick(COMPANIES);
    const domain = domainOf(company);
    const local = `${first}.${last}`
      .replace(/Ł/g, 'L')
      .replace(/[Øø]/g, 'o')
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return { first, last, email: `${local}@${domain}`, company, domain };
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

/** `acmerocketsco.example.com` for `Acme Rockets & Co`. */
export function domainOf(company: string): string {
  return `${company
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]+/g, '')}.example.com`;
}

/**
 * `2026-01-22T01:22:45.587713-05:00`: local time in the team's offset, with microseconds (the
 * millisecond clock and `extraMicros` below it).
 */
export function salesloftTime(epochMs: number, extraMicros = 0): string {
  const local = new Date(epochMs + TEAM_OFFSET_MINUTES * 60_000);
  const micros = String(local.getUTCMilliseconds() * 1000 + extraMicros).padStart(6, '0');
  const sign = TEAM_OFFSET_MINUTES < 0 ? '-' : '+';
  const offset = Math.abs(TEAM_OFFSET_MINUTES);
  const hours = String(Math.floor(offset / 60)).padStart(2, '0');
  const minutes = String(offset % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}.${micros}${sign}${hours}:${minutes}`;
}
