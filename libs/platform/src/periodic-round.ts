import type { Logger } from 'pino';

/**
 * Runs one round of a scan (SLA warnings and breaches, say) every `intervalSeconds` in this
 * replica, never two at once (a round still running when the next is due is not started again);
 * a failed round is logged and the next one tries again; `stop` waits for the round under way.
 * Safe in every replica when the round itself is (its decisions go through the CommandHandler).
 */
export class PeriodicRound<R> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    /** What the log calls a round (`SLA round`). */
    private readonly name: string,
    private readonly round: () => Promise<R>,
    private readonly log: Logger,
    /** Whether a round's result is worth an info line (something happened). */
    private readonly worthLogging: (result: R) => boolean,
  ) {}

  /** Starts the rounds; 0 seconds leaves them off. */
  start(intervalSeconds: number): void {
    if (intervalSeconds === 0) return;
    this.timer = setInterval(() => this.kick(), intervalSeconds * 1000);
    this.timer.unref();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.round()
      .then((r) => this.worthLogging(r) && this.log.info(r as object, this.name))
      .catch((e: unknown) => this.log.warn({ err: String(e) }, `${this.name} failed; the next one tries again`))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
