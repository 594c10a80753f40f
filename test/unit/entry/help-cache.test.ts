import { describe, expect, it } from 'vitest';
import { helpTopic } from '../../../src/entry/help-cache.js';

describe('helpTopic: which arguments ask only for help', () => {
  it.each([
    [[], 'root'],
    [['--help'], 'root'],
    [['-h'], 'root'],
    [['help'], 'root'],
    [['listen', '--help'], 'listen'],
    [['verify', '-h'], 'verify'],
    [['help', 'sync'], 'sync'],
    [['help', 'autocomplete'], 'autocomplete'],
  ])('%j is the help of %s', (args, topic) => {
    expect(helpTopic(args)).toBe(topic);
  });

  it.each([
    [['listen']],
    [['lst', '--help']],
    [['help', 'lst']],
    [['listen', '--help', '--json']],
    [['--help', 'listen']],
    [['listen', '--forward-to', '--help']],
    [['help', '--help']],
  ])('%j is not', (args) => {
    expect(helpTopic(args)).toBeUndefined();
  });
});
