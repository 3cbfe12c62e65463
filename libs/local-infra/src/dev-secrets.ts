import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Development secrets of the embedded default, made once per data folder and kept in
 * `<data>/dev-secrets.json` (mode 0600) so that a restart can still read its own data. Outside the
 * embedded default every secret comes from explicitly set configuration; nothing is defaulted.
 */
export interface DevSecrets {
  VAULT_MASTER_KEYS: string;
  BLIND_INDEX_KEY: string;
  PLATFORM_ADMIN_EMAIL: string;
  PLATFORM_ADMIN_PASSWORD: string;
}

/** The documented development administrator (README "Development defaults"). */
export const DEV_ADMIN = { email: 'admin@serang.local', password: 'Serang-Tatu-dev-2026' } as const;

export function devSecrets(file: string): DevSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = {
    VAULT_MASTER_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    PLATFORM_ADMIN_EMAIL: DEV_ADMIN.email,
    PLATFORM_ADMIN_PASSWORD: DEV_ADMIN.password,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
