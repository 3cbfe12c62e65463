/**
 * The scopes an agency app may ask for and the claims each one releases. The provider's `claims`
 * configuration, the consent page and the audit of releases all read this one table.
 */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'phone'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** The claims that carry personal data (decrypted from the vault when released). */
export type PersonalClaim = 'name' | 'email' | 'phone_number';

export const SCOPE_CLAIMS: Readonly<Record<OidcScope, readonly string[]>> = {
  openid: ['sub'],
  profile: ['name'],
  email: ['email'],
  phone: ['phone_number'],
};

const PERSONAL: ReadonlySet<string> = new Set<PersonalClaim>(['name', 'email', 'phone_number']);

export const isOidcScope = (s: string): s is OidcScope => (OIDC_SCOPES as readonly string[]).includes(s);

/** The personal claims a granted scope string releases, minus the claims the citizen rejected. */
export function personalClaimsFor(scope: string, rejected: readonly string[] = []): PersonalClaim[] {
  const out = new Set<PersonalClaim>();
  for (const s of scope.split(' ')) {
    if (!isOidcScope(s)) continue;
    for (const c of SCOPE_CLAIMS[s]) if (PERSONAL.has(c) && !rejected.includes(c)) out.add(c as PersonalClaim);
  }
  return [...out];
}
