// `wrap-ansi` inside the bundle: oclif wraps every help text and error with it, and it measures
// each word, and then each character, through string-width. For one-column text without escapes
// (see one-column.cjs) this is the same algorithm (wrap-ansi 7's `exec`) with lengths for widths,
// for the two ways oclif calls it: `{ hard: true }` (help) and `{ hard: true, trim: false }`
// (errors). Anything else goes to wrap-ansi.
const ONE_COLUMN = require('./one-column.cjs');

module.exports = (string, columns, options) => {
  const text = String(string);
  const lines = text.split('\n');
  const plain =
    options?.hard === true &&
    options.wordWrap === undefined &&
    Object.keys(options).every((key) => key === 'hard' || key === 'trim') &&
    lines.every((line) => ONE_COLUMN.test(line));
  if (!plain) return require('wrap-ansi')(string, columns, options);
  return lines.map((line) => wrapLine(line, columns, options.trim !== false)).join('\n');
};

function wrapLine(line, columns, trim) {
  if (trim && line.trim() === '') return '';
  let rows = [''];
  for (const [index, word] of line.split(' ').entries()) {
    if (trim) rows[rows.length - 1] = rows[rows.length - 1].trimStart();
    let rowLength = rows[rows.length - 1].length;
    if (index !== 0) {
      if (rowLength >= columns && !trim) {
        rows.push('');
        rowLength = 0;
      }
      if (rowLength > 0 || !trim) {
        rows[rows.length - 1] += ' ';
        rowLength++;
      }
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
    rows[rows.length - 1] += word;
  }
  if (trim) rows = rows.map((row) => row.replace(/ +$/, ''));
  return rows.join('\n');
}

function wrapWord(rows, word, columns) {
  let visible = rows[rows.length - 1].length;
  for (let index = 0; index < word.length; index++) {
    const character = word[index];
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
  if (!visible && rows[rows.length - 1].length > 0 && rows.length > 1) {
    rows[rows.length - 2] += rows.pop();
  }
}
