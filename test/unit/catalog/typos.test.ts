import { describe, expect, it } from 'vitest';
import { matchEvents } from '../../../src/catalog/patterns.js';
import { catalogTypo, editDistance } from '../../../src/catalog/typos.js';

describe('event name typos', () => {
  it('a name within edit distance 2 of a catalog name is that name’s typo', () => {
    expect(editDistance('person_updatd', 'person_updated')).toBe(1);
    expect(catalogTypo('person_updatd')).toBe('person_updated');
    expect(catalogTypo('tsak_created')).toBe('task_created');
    expect(catalogTypo('person_updated')).toBeUndefined();
    expect(catalogTypo('opportunity_created')).toBeUndefined();
  });

  it('matchEvents refuses a typo with did-you-mean, and still accepts a far-away name with a warning', () => {
    expect(() => matchEvents(['person_updatd'])).toThrow(
      'Unknown event type "person_updatd": did you mean person_updated?',
    );
    expect(matchEvents(['opportunity_created'])).toEqual({
      events: ['opportunity_created'],
      unknown: ['opportunity_created'],
    });
  });
});
