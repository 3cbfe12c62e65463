import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { LoginThrottled } from '../../person';
import { recordFailure, retryAfterSeconds } from '../domain/login-throttle.policy';
import { LoginThrottlesRepository, type ThrottleKey } from '../infra/login-throttles.repository';

/**
 * Applies the login throttle policy to stored counters. Refused attempts are not failures (no
 * password was tried), so a lock runs out on time however often the door is knocked on.
 * Caveat: attempts arriving together all pass the check before any of them is counted, so a burst
 * of parallel guesses can exceed the limit by its width once.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counters: LoginThrottlesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Throws LoginThrottled when any key is locked (with the longest wait among them). */
  async assertAllowed(keys: readonly ThrottleKey[]): Promise<void> {
    const now = this.clock.now();
    const waits = (await this.counters.read(keys)).map((r) => retryAfterSeconds(r, now) ?? 0);
    const wait = Math.max(0, ...waits);
    if (wait > 0) throw new LoginThrottled(wait);
  }

  async failed(keys: readonly ThrottleKey[]): Promise<void> {
    const now = this.clock.now();
    await this.counters.update(keys, (r) => recordFailure(r, now));
  }

  /** A success forgives the account; never the address (one good account must not unlock guessing at others). */
  async succeeded(account: ThrottleKey): Promise<void> {
    await this.counters.clear(account);
  }
}
