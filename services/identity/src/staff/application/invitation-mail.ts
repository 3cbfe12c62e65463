import type { StaffRole } from '../../person';
import type { OutgoingMail } from '../infra/mail-outbox.repository';

const ROLE_NAMES: Record<StaffRole, { id: string; en: string }> = {
  OFFICER: { id: 'petugas', en: 'officer' },
  AGENCY_ADMIN: { id: 'admin instansi', en: 'agency admin' },
  PLATFORM_ADMIN: { id: 'admin platform', en: 'platform admin' },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface InvitationMailParams {
  to: string;
  roles: readonly StaffRole[];
  agencyName?: { id: string; en: string };
  link: string;
  expiresAt: Date;
}

/**
 * The invitation e-mail, Indonesian first and English below: the invitee's language is not known
 * yet. The link is the only copy of the secret token anywhere.
 */
export function invitationMail(p: InvitationMailParams): OutgoingMail {
  const roles = (lang: 'id' | 'en') => p.roles.map((r) => ROLE_NAMES[r][lang]).join(', ');
  const where = (lang: 'id' | 'en') => (p.agencyName ? (lang === 'id' ? ` di ${p.agencyName.id}` : ` at ${p.agencyName.en}`) : '');
  const until = p.expiresAt.toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' });
  const untilEn = p.expiresAt.toLocaleString('en-GB', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' });
  const id = [
    `Anda diundang bergabung di Serang Tatu sebagai ${roles('id')}${where('id')}.`,
    `Buka tautan berikut untuk membuat akun Anda (berlaku sampai ${until} WIB, hanya sekali pakai):`,
    p.link,
    'Jika Anda tidak merasa diundang, abaikan e-mail ini.',
  ];
  const en = [
    `You are invited to join Serang Tatu as ${roles('en')}${where('en')}.`,
    `Open this link to create your account (valid until ${untilEn} WIB, single use):`,
    p.link,
    'If you did not expect this invitation, ignore this e-mail.',
  ];
  const html = [...id, '—', ...en]
    .map((line) => (line === p.link ? `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>` : `<p>${escapeHtml(line)}</p>`))
    .join('\n');
  return {
    to: p.to,
    subject: 'Undangan akun petugas Serang Tatu / Serang Tatu staff invitation',
    text: [...id, '', '—', '', ...en].join('\n'),
    html,
  };
}
