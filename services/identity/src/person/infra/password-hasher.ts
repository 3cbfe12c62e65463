import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Bulkhead, registry } from '@serang/platform';
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';
import { randomBytes } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const verifications = new Counter({
  name: 'serang_identity_password_verifications_total',
  help: 'argon2id verifications at login, for known accounts and (against the dummy hash) unknown ones',
  labelNames: ['account'] as const,
  registers: [registry],
});

let measured: Bulkhead | undefined;
new Gauge({
  name: 'serang_identity_password_hashing',
  help: 'argon2id work of the process: running, queued, and refused since start (TOO_MANY_REQUESTS)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    if (!measured) return;
    this.set({ state: 'running' }, measured.active);
    this.set({ state: 'queued' }, measured.queued);
    this.set({ state: 'refused' }, measured.refused);
  },
});

/**
 * argon2id hashing; an unknown account is verified against a dummy hash so it costs the same.
 * Every hash and verification passes one bulkhead: a flood of sign-ins or registrations queues
 * briefly, then is answered TOO_MANY_REQUESTS, instead of taking every core and the libuv
 * threads that every other request of the process needs.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummy?: string;
  private readonly bulkhead: Bulkhead;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.bulkhead = new Bulkhead({
      concurrency: config.PASSWORD_HASH_CONCURRENCY,
      maxQueue: config.PASSWORD_HASH_QUEUE,
      maxWaitMs: config.PASSWORD_HASH_MAX_WAIT_MS,
      reason: 'AUTH.BUSY',
    });
    measured = this.bulkhead;
  }

  /**
   * The dummy hash is made once per process with the very same parameters as real hashes, so a
   * verification against it takes as long as a real one even after the parameters change.
   */
  async onModuleInit(): Promise<void> {
    this.dummy = await argon2Hash(randomBytes(32), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return this.bulkhead.run(() => argon2Hash(password, OPTIONS));
  }

  /** Verifies against `hash`, or against the dummy when there is none (then always false). */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    verifications.inc({ account: hash ? 'known' : 'unknown' });
    const against = hash ?? this.dummy ?? (await this.hash(''));
    const ok = await this.bulkhead.run(() => argon2Verify(against, password).catch(() => false));
    return ok && hash !== undefined;
  }
}
