import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('splits records and fields, keeping line numbers', () => {
    expect(parseCsv('a,b\n1,2\r\n\n3,4').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });
  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('name,note\n"Doe, Jane","said ""hi""\nthen left"\nnext,x').records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Doe, Jane', 'said "hi"\nthen left'] },
      { line: 4, fields: ['next', 'x'] },
    ]);
  });
  it('ignores a byte-order mark and a missing final newline', () => {
    expect(parseCsv('\uFEFFemail\nx@y.z').records).toEqual([
      { line: 1, fields: ['email'] },
      { line: 2, fields: ['x@y.z'] },
    ]);
  });
  it('reports a stray quote in the middle of a field with its line, and reads on', () => {
    const { records, problems } = parseCsv('email,name\nana@x.io,Ana "the" Agent\nbo@x.io,Bo');
    expect(records).toEqual([
      { line: 1, fields: ['email', 'name'] },
      { line: 3, fields: ['bo@x.io', 'Bo'] },
    ]);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/quote/i) }]);
  });
});
