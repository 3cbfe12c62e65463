import { normaliseEmail, normaliseName, normalisePhone, type Email, type PersonName, type Phone } from '../../person';
import { InvalidInput } from '../../person';
import { parseNik, type Nik } from '../../person';
import { checkPassword } from '../../person';

/** What a citizen types into the registration form. */
export interface RegistrationForm {
  nik: string;
  name: string;
  email: string;
  phone: string;
  password: string;
}

export interface ValidRegistration {
  nik: Nik;
  name: PersonName;
  email: Email;
  phone: Phone;
  password: string;
}

/** Validates and normalises the whole form, reporting every bad field at once (never half a list). */
export function validateRegistration(form: RegistrationForm): ValidRegistration {
  const nik = parseNik(form.nik);
  const name = normaliseName(form.name);
  const email = normaliseEmail(form.email);
  const phone = normalisePhone(form.phone);
  const password = checkPassword(form.password);
  const fields: Record<string, string> = {};
  if (!nik.ok) fields.nik = nik.problem;
  if (!name.ok) fields.name = name.problem;
  if (!email.ok) fields.email = email.problem;
  if (!phone.ok) fields.phone = phone.problem;
  if (password) fields.password = password;
  if (!nik.ok || !name.ok || !email.ok || !phone.ok || password) throw new InvalidInput(fields);
  return { nik: nik.value, name: name.value, email: email.value, phone: phone.value, password: form.password };
}
