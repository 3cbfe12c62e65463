import { Injectable, type OnModuleInit } from '@nestjs/common';
import { registry } from '@serang/platform';
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';
import { randomBytes } from 'node:crypto';
import { Counter } from 'prom-client';

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const verifications = new Counter({
  name: 'serang_identity_password_verifications_total',
  help: 'argon2id verifications at login, for known accounts and (against the dummy hash) unknown ones',
  labelNames: ['account'] as const,
  registers: [registry],
});

/** argon2id hashing; an unknown account is verified against a dummy hash so it costs the same. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummy?: string;

  /**
   * The dummy hash is made once per process with the very same parameters as real hashes, so a
   * verification against it takes as long as a real one even after the parameters change.
   */
  async onModuleInit(): Promise<void> {
    this.dummy = await argon2Hash(randomBytes(32), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return argon2Hash(password, OPTIONS);
  }

  /** Verifies against `hash`, or against the dummy when there is none (then always false). */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    verifications.inc({ account: hash ? 'known' : 'unknown' });
    const ok = await argon2Verify(hash ?? this.dummy ?? (await this.hash('')), password).catch(() => false);
    return ok && hash !== undefined;
  }
}
