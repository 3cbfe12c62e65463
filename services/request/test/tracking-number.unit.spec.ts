import { checkSymbol, newTrackingNumber, parseTrackingNumber } from '../src/domain/tracking-number';

const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('tracking number', () => {
  it('is prefix, Jakarta year, six random Crockford symbols and a check symbol', () => {
    const n = newTrackingNumber('SRG', new Date('2026-03-02T03:00:00Z'), bytes(0, 1, 2, 31, 32, 255));
    expect(n).toBe(`SRG-26-012Z0Z-${checkSymbol('26012Z0Z')}`);
    expect(n).toMatch(/^SRG-26-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-Z*~$=]$/);
  });

  it('takes the year in Asia/Jakarta: 31 December 18:00 UTC is already next year', () => {
    expect(newTrackingNumber('SRG', new Date('2026-12-31T18:00:00Z'), bytes(1, 2, 3, 4, 5, 6))).toMatch(/^SRG-27-/);
  });

  it('computes the check as the base32 value mod 37 (Crockford)', () => {
    expect(checkSymbol('0')).toBe('0');
    expect(checkSymbol('Z')).toBe('Z'); // 31
    expect(checkSymbol('10')).toBe('*'); // 32
    expect(checkSymbol('14')).toBe('U'); // 36
    expect(checkSymbol('15')).toBe('0'); // 37
  });

  it('parses what it makes, forgiving case, spaces and look-alike letters', () => {
    const n = newTrackingNumber('SRG', new Date('2026-05-05T00:00:00Z'), bytes(0, 1, 18, 1, 0, 9)); // body 01J109
    expect(parseTrackingNumber(n)).toBe(n);
    expect(parseTrackingNumber(` ${n.toLowerCase()} `)).toBe(n);
    expect(parseTrackingNumber(n.replace('-01J1', '-OIJL'))).toBe(n);
  });

  it('detects every single wrong symbol in the year and the body', () => {
    const n = newTrackingNumber('SRG', new Date('2026-05-05T00:00:00Z'), bytes(7, 20, 3, 15, 9, 26));
    const [prefix, year, body, check] = n.split('-');
    const checked = year + body;
    let typos = 0;
    for (let i = 0; i < checked.length; i++) {
      for (const s of SYMBOLS) {
        if (s === checked[i] || (i < 2 && !/\d/.test(s))) continue;
        const typo = checked.slice(0, i) + s + checked.slice(i + 1);
        expect(parseTrackingNumber(`${prefix}-${typo.slice(0, 2)}-${typo.slice(2)}-${check}`)).toBeNull();
        typos++;
      }
    }
    expect(typos).toBe(2 * 9 + 6 * 31);
  });

  it('detects a swap of two adjacent symbols and a wrong check symbol', () => {
    const n = newTrackingNumber('SRG', new Date('2026-05-05T00:00:00Z'), bytes(7, 20, 3, 15, 9, 26)); // body 7M3F9T
    expect(parseTrackingNumber(n.replace('7M3F', 'M73F'))).toBeNull();
    const check = n.slice(-1);
    const other = '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U'.replace(check, '');
    for (const c of other) expect(parseTrackingNumber(n.slice(0, -1) + c)).toBeNull();
  });

  it('rejects the wrong shape', () => {
    for (const bad of ['', 'SRG', 'SRG-26-7K3F9Q', 'SRG-2026-7K3F9Q-X', 'SRG-26-7K3F9-X', 'S-26-7K3F9Q-X', 'SRG-26-7K3F9U-0'])
      expect(parseTrackingNumber(bad)).toBeNull();
  });

  it('draws every symbol equally often from uniform bytes', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const body = newTrackingNumber('SRG', new Date('2026-01-02T00:00:00Z'), bytes(b, b, b, b, b, b)).split('-')[2];
      counts.set(body[0], (counts.get(body[0]) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect([...counts.values()].every((c) => c === 8)).toBe(true);
  });
});
