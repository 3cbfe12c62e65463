import { normaliseEmail, normalisePhone } from '../src/person/domain/contact';
import { InvalidInput } from '../src/person/domain/identity.errors';
import { parseLoginIdentifier } from '../src/sessions/domain/login-identifier';
import { parseNik } from '../src/person/domain/nik';
import { checkPassword } from '../src/person/domain/password-policy';
import { validateRegistration } from '../src/account/domain/registration';

const form = {
  nik: '3604014508900001',
  name: '  Siti   Rahmawati ',
  email: ' Siti.R@Example.ID ',
  phone: '0812-3456-7890',
  password: 'rahasia12345',
};

describe('registration input', () => {
  it('normalises a good form: e-mail lowercased, phone to +62, name tidied', () => {
    expect(validateRegistration(form)).toEqual({
      nik: '3604014508900001',
      name: 'Siti Rahmawati',
      email: 'siti.r@example.id',
      phone: '+6281234567890',
      password: 'rahasia12345',
    });
  });

  it('reports every bad field at once, each with its own message key', () => {
    let error: unknown;
    try {
      validateRegistration({ nik: '12345', name: ' ', email: 'siti@', phone: '+1 555 0100', password: 'short1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).fields).toEqual({
      nik: 'IDENTITY.NIK_FORMAT',
      name: 'IDENTITY.NAME_INVALID',
      email: 'IDENTITY.EMAIL_INVALID',
      phone: 'IDENTITY.PHONE_INVALID',
      password: 'IDENTITY.PASSWORD_WEAK',
    });
  });

  it.each([
    ['3604014508900001', true, 'woman born 5 Aug 1990 in Kabupaten Serang'],
    ['3604 0105 0890 0001', true, 'man, spaces between groups'],
    ['3604012902000001', true, '29 February'],
    ['0000000000000000', false, 'all zeros'],
    ['3604013208900001', false, 'day 32'],
    ['3604017208900001', false, 'day 72 (32 for a woman)'],
    ['3604010513900001', false, 'month 13'],
    ['3604013102900001', false, '31 February'],
    ['9904010508900001', false, 'no such province'],
    ['3600010508900001', false, 'regency 00'],
    ['3604000508900001', false, 'district 00'],
    ['3604010508900000', false, 'serial 0000'],
  ])('NIK %s plausible: %s (%s)', (nik, ok) => {
    expect(parseNik(nik).ok).toBe(ok);
  });

  it('accepts Indonesian phone numbers in any usual spelling, and nothing else', () => {
    for (const p of ['081234567890', '+62 812 3456 7890', '62812-3456-7890', '(0254) 123456']) expect(normalisePhone(p).ok).toBe(true);
    expect(normalisePhone('+62 812 3456 7890')).toEqual({ ok: true, value: '+6281234567890' });
    for (const p of ['', '12345', '+1 202 555 0100', '0812abc45678', '00812345678']) expect(normalisePhone(p).ok).toBe(false);
  });

  it('accepts ordinary e-mail addresses only', () => {
    for (const e of ['a@b.id', 'siti.rahma+ktp@mail.serangkab.go.id']) expect(normaliseEmail(e).ok).toBe(true);
    for (const e of ['siti', 'siti@localhost', 'si ti@x.id', '.siti@x.id', 'siti@-x.id']) expect(normaliseEmail(e).ok).toBe(false);
  });

  it('asks for 10+ characters with letters and digits', () => {
    expect(checkPassword('rahasia12345')).toBeUndefined();
    expect(checkPassword('katasandi99')).toBeUndefined();
    expect(checkPassword('rahasia123')).toBeUndefined();
    expect(checkPassword('rahasia12')).toBe('IDENTITY.PASSWORD_WEAK');
    expect(checkPassword('onlyletterslong')).toBe('IDENTITY.PASSWORD_WEAK');
    expect(checkPassword('1234567890123')).toBe('IDENTITY.PASSWORD_WEAK');
    expect(checkPassword(`a1${'x'.repeat(127)}`)).toBe('IDENTITY.PASSWORD_TOO_LONG');
  });

  it('tells a NIK from an e-mail at login', () => {
    expect(parseLoginIdentifier(' 3604 0145 0890 0001 ')).toEqual({ kind: 'nik', value: '3604014508900001' });
    expect(parseLoginIdentifier(' Siti.R@Example.ID')).toEqual({ kind: 'email', value: 'siti.r@example.id' });
  });
});
