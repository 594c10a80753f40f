import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENT_TYPES } from '../../../packages/webhooks/src/catalog/event-types.js';
import { parseDesiredState } from '../../../src/sync/desired.js';
import { syncSchema } from '../../../src/sync/schema.js';
import { ROOT } from '../../support/cli.js';

// Strict: an unknown keyword is an error; patternErrorMessage is the one editors' annotation used.
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const validate = ajv.compile(await syncSchema());
const lookup = (name: string) => (name === 'SALESLOFT_CALLBACK_TOKEN' ? 'from-env' : undefined);

describe('the sync file schema', () => {
  it('accepts every example file, and each starts with the yaml-language-server comment', () => {
    const dir = join(ROOT, 'examples');
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text.split('\n')[0], name).toBe('# yaml-language-server: $schema=../schema/sync.schema.json');
      expect(validate(parse(text)), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(() => parseDesiredState(text, name, lookup)).not.toThrow();
    }
  });

  it('has a versioned $id where the release publishes it, the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await syncSchema()).$id).toBe(
      `https://unpkg.com/salesloft-hooks@${version}/schema/sync.schema.json`,
    );
  });

  it('names every catalog event type, so editors complete them', async () => {
    const event = (await syncSchema()) as unknown as { $defs: { event: { anyOf: { enum?: string[] }[] } } };
    expect(event.$defs.event.anyOf[0]?.enum).toEqual([...EVENT_TYPES.map((type) => type.name), 'all']);
  });

  const entry = 'url: https://hooks.example.com/x\n    events: [person_updated]';
  const bad: [string, string][] = [
    ['no subscriptions', 'other: 1\n'],
    ['subscriptions not a list', 'subscriptions: {}\n'],
    ['an unknown key', `subscriptions:\n  - ${entry}\n    token: t\n    colour: blue\n`],
    ['no token', `subscriptions:\n  - ${entry}\n`],
    ['token and token_env', `subscriptions:\n  - ${entry}\n    token: t\n    token_env: T\n`],
    ['a numeric token', `subscriptions:\n  - ${entry}\n    token: 0123\n`],
    ['no url', 'subscriptions:\n  - token: t\n    events: [person_updated]\n'],
    [
      'a url that is not http',
      'subscriptions:\n  - url: ftp://x\n    token: t\n    events: [person_updated]\n',
    ],
    ['enabled not a boolean', `subscriptions:\n  - ${entry}\n    token: t\n    enabled: "yes"\n`],
    ['no events', 'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n'],
    [
      'an event typo (invalid in an editor as in sync)',
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [person_updatd]\n',
    ],
    [
      'a pattern with capitals',
      'subscriptions:\n  - url: https://hooks.example.com/x\n    token: t\n    events: [Person_*]\n',
    ],
  ];
  for (const [what, text] of bad) {
    it(`rejects ${what}, and so does sync`, () => {
      expect(validate(parse(text))).toBe(false);
      expect(() => parseDesiredState(text, 'hooks.yaml', () => 'v')).toThrow(/^hooks\.yaml:\d+: /);
    });
  }
});
