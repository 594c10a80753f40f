/**
 * wrap-ansi's hard wrap (`{ hard: true }`, as oclif's help calls it), for text of printable
 * ASCII and newlines only, where every character is one column and there are no escapes: the
 * same algorithm without measuring each word through string-width. Anything else returns
 * undefined, for wrap-ansi to do.
 */
const PLAIN = /^[\x20-\x7e\n]*$/;

export function wrapPlain(text: string, columns: number): string | undefined {
  if (!PLAIN.test(text)) return undefined;
  return text
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n');
}

function wrapLine(line: string, columns: number): string {
  if (line.trim() === '') return '';
  let rows = [''];
  const last = () => rows.length - 1;
  for (const [index, word] of line.split(' ').entries()) {
    rows[last()] = (rows[last()] as string).trimStart();
    let rowLength = (rows[last()] as string).length;
    if (index !== 0 && rowLength > 0) {
      rows[last()] += ' ';
      rowLength++;
    }
    if (word.length > columns) {
      const remaining = columns - rowLength;
      const breaksStartingThisLine = 1 + Math.floor((word.length - remaining - 1) / columns);
      const breaksStartingNextLine = Math.floor((word.length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
      wrapWord(rows, word, columns);
      continue;
    }
    if (rowLength + word.length > columns && rowLength > 0 && word.length > 0) rows.push('');
    rows[last()] += word;
  }
  rows = rows.map((row) => row.replace(/ +$/, ''));
  return rows.join('\n');
}

function wrapWord(rows: string[], word: string, columns: number): void {
  let visible = (rows[rows.length - 1] as string).length;
  for (let index = 0; index < word.length; index++) {
    const character = word[index] as string;
    if (visible + 1 <= columns) {
      rows[rows.length - 1] += character;
    } else {
      rows.push(character);
      visible = 0;
    }
    visible += 1;
    if (visible === columns && index < word.length - 1) {
      rows.push('');
      visible = 0;
    }
  }
  if (!visible && (rows[rows.length - 1] as string).length > 0 && rows.length > 1) {
    rows[rows.length - 2] += rows.pop() as string;
  }
}
