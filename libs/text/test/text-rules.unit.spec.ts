import { firstTextProblem, lineProblem, normaliseName, textProblem } from '../src';

describe('text rules: what people may type', () => {
  it('refuses NUL, other C0 controls and DEL anywhere, and allows tab and line breaks in free text', () => {
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', 'del\u007f']) expect(textProblem(bad)).toBe('TEXT.CONTROL_CHARACTER');
    expect(textProblem('baris satu\nbaris dua\r\n\tmenjorok')).toBeUndefined();
    expect(textProblem('Ngabéhi — “kutip” 🙂 ناصر')).toBeUndefined();
  });

  it('refuses broken UTF-16 (a surrogate half alone) but not a whole emoji', () => {
    expect(textProblem('a\uD800b')).toBe('TEXT.INVALID_UNICODE');
    expect(textProblem('\uDC00')).toBe('TEXT.INVALID_UNICODE');
    expect(textProblem('ok \uD83D\uDE42')).toBeUndefined();
  });

  it('refuses bidirectional overrides and line breaks in one-line values such as names', () => {
    expect(lineProblem('Budi\u202Egnp.exe')).toBe('TEXT.BIDI_CONTROL');
    expect(lineProblem('Siti\u2066x\u2069')).toBe('TEXT.BIDI_CONTROL');
    expect(lineProblem('Siti\nRahma')).toBe('TEXT.LINE_BREAK');
    expect(lineProblem('Siti\tRahma')).toBe('TEXT.LINE_BREAK');
    expect(lineProblem('Siti Rahma')).toBeUndefined();
  });

  it('stores names in NFC, trimmed, with single spaces', () => {
    const decomposed = 'Jose\u0301  Rizal ';
    expect(normaliseName(decomposed)).toEqual({ ok: true, value: 'Jos\u00e9 Rizal' });
    expect(normaliseName('A\u202Eb')).toEqual({ ok: false, problem: 'TEXT.BIDI_CONTROL' });
  });

  it('finds the first bad string in nested input, keys included, with its path', () => {
    expect(firstTextProblem({ a: ['ok', { b: 'x\u0000' }] })).toEqual(['a.1.b', 'TEXT.CONTROL_CHARACTER']);
    expect(firstTextProblem({ 'k\u0001': 1 })).toEqual(['k\u0001', 'TEXT.CONTROL_CHARACTER']);
    expect(firstTextProblem({ a: 1, b: [true, null, 'fine'] })).toBeUndefined();
  });
});
