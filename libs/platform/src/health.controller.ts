import { Controller, Get, HttpException, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { openPools, type GuardedPool } from '@serang/db';
import { EventBus } from './event-bus';
import { registry } from './metrics';
import { PG_POOL } from './tokens';

/** Liveness, readiness (the store and the bus answer), and Prometheus metrics. */
@Controller()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: GuardedPool,
    private readonly bus: EventBus,
  ) {}

  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    // A saturated pool answers callers TOO_MANY_REQUESTS; meanwhile this replica asks for no more
    // traffic (a cluster sends it elsewhere) and says so, and is ready again once it keeps up.
    const saturated = openPools().filter((p) => p.saturated());
    if (saturated.length > 0) checks.pool = `saturated: ${saturated.map((p) => p.name).join(', ')}`;
    else
      checks.store = await this.pool.query('select 1').then(
        () => 'ok',
        (e: Error) => `down: ${e.message}`,
      );
    checks.bus = await this.bus.ready().then(
      () => 'ok',
      (e: Error) => `down: ${e.message}`,
    );
    const ok = Object.values(checks).every((c) => c === 'ok');
    if (!ok) throw new HttpException({ status: 'not ready', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ready', checks };
  }

  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  }
}
