/**
 * No connection became free within the acquire timeout: the service is saturated. Callers are
 * told to come back later (TOO_MANY_REQUESTS with Retry-After); nothing was done on their behalf.
 */
export class PoolExhaustedError extends Error {
  constructor(
    readonly pool: string,
    readonly acquireTimeoutMs: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`no database connection of pool "${pool}" became free within ${acquireTimeoutMs} ms`);
    this.name = 'PoolExhaustedError';
  }
}

/**
 * A flow asked a pool for a connection while holding one of the same pool: under load, enough of
 * these wait for each other forever. The stack trace points at the second acquisition.
 */
export class NestedAcquireError extends Error {
  constructor(
    readonly pool: string,
    readonly operation: 'connect' | 'query',
  ) {
    super(
      `pool "${pool}": ${operation === 'query' ? 'pool.query()' : 'pool.connect()'} while this flow holds a connection of the same pool; ` +
        'use the connection in hand (pass the transaction down), or do this before acquiring or after releasing it',
    );
    this.name = 'NestedAcquireError';
  }
}
