import { describe, expect, it } from 'vitest';
import { annotation, located } from '../../../scripts/action/report.js';

describe('the Action’s annotations', () => {
  it('keep the file and line when the message spans lines, and escape the newline for the runner', () => {
    const message = 'salesloft-hooks.yaml:3: Nested mappings are not allowed:\n\n  a: b: c\n     ^';
    const place = located(message);
    expect(place).toEqual({
      file: 'salesloft-hooks.yaml',
      line: '3',
      message: 'Nested mappings are not allowed:\n\n  a: b: c\n     ^',
    });
    expect(annotation(place?.message, { file: place?.file, line: place?.line })).toBe(
      '::error file=salesloft-hooks.yaml,line=3::Nested mappings are not allowed:%0A%0A  a: b: c%0A     ^\n',
    );
  });

  it('leave a message without a place as it is, and a file name cannot hold a line break', () => {
    expect(located('No changes: the team matches the file.')).toBeNull();
    expect(located('a\nb.yaml:3: x')).toBeNull();
  });
});
