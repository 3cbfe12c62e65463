/**
 * An Indonesian phone number as SMS gateways and WhatsApp want it: digits only, country code 62
 * (`0812-3456-7890` → `6281234567890`, `+62 812…` → `62812…`). Null when it cannot be one.
 */
export function toMsisdn(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '');
  const national = digits.startsWith('+') ? digits.slice(1) : digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  return /^\d{8,15}$/.test(national) ? national : null;
}
