import { cleanFileName, DocumentIntake, sniffMediaType } from '../src/domain/document';
import { UploadEmpty, UploadTooLarge, UploadTypeNotAllowed } from '../src/domain/document.errors';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('document content checks (pure)', () => {
  it('tells the type from the first bytes, waits while they are the start of an allowed type, refuses the rest', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(PNG)).toBe('image/png');
    expect(sniffMediaType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffMediaType(PNG.subarray(0, 5))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('<!DOCTYPE html>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(Buffer.from('\ufeff%PDF-1.4'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
  });

  it('takes a document chunk by chunk, even when its signature is split across chunks', () => {
    const intake = new DocumentIntake(100);
    for (const part of [PNG.subarray(0, 2), PNG.subarray(2, 5), PNG.subarray(5), Buffer.alloc(0), Buffer.alloc(92, 7)]) intake.push(part);
    const doc = intake.finish();
    expect(doc.mediaType).toBe('image/png');
    expect(doc.size).toBe(100);
    expect(doc.bytes.equals(Buffer.concat([PNG, Buffer.alloc(92, 7)]))).toBe(true);
  });

  it('refuses as soon as the content shows it cannot be kept, not at the end', () => {
    const tooBig = new DocumentIntake(10);
    tooBig.push(Buffer.from('%PDF-1.4'));
    expect(() => tooBig.push(Buffer.from('xyz'))).toThrow(UploadTooLarge);
    const html = new DocumentIntake(1000);
    expect(() => html.push(Buffer.from('<html>'))).toThrow(UploadTypeNotAllowed);
    const text = new DocumentIntake(1000);
    text.push(Buffer.from('%'));
    expect(() => text.push(Buffer.from('PDX'))).toThrow(UploadTypeNotAllowed);
  });

  it('refuses an empty file, and one too short to show its type', () => {
    expect(() => new DocumentIntake(10).finish()).toThrow(UploadEmpty);
    const short = new DocumentIntake(10);
    short.push(Buffer.from('%PD'));
    expect(() => short.finish()).toThrow(UploadTypeNotAllowed);
  });

  it('says the size limit as people read it', () => {
    expect(new UploadTooLarge(10 * 1024 * 1024).params).toEqual({ limit: '10 MB' });
    expect(new UploadTooLarge(256 * 1024).params).toEqual({ limit: '256 KB' });
  });

  it('keeps a client’s file name only without paths and control characters, and not too long', () => {
    expect(cleanFileName('C:\\Users\\ani\\KTP Ani.pdf')).toBe('KTP Ani.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('ktp\r\nX-Evil: 1.pdf')).toBe('ktpX-Evil: 1.pdf');
    expect(cleanFileName('  ')).toBeUndefined();
    expect(cleanFileName(undefined)).toBeUndefined();
    expect([...cleanFileName('é'.repeat(300))!]).toHaveLength(200);
  });
});
