import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Query,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { statusOfReceipt } from '../domain/delivery.policy';
import { DeliveriesRepository } from '../infra/deliveries.repository';

export const CALLBACK_SECRETS = Symbol('CALLBACK_SECRETS');
export interface CallbackSecrets {
  smsToken?: string;
  whatsappAppSecret?: string;
  whatsappVerifyToken?: string;
}

const sameSecret = (given: string, expected: string) => {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

interface WhatsAppStatus {
  id?: string;
  status?: string;
  biz_opaque_callback_data?: string;
}

/**
 * Providers' word on delivery: "delivered" is set here and nowhere else for SMS and WhatsApp.
 * Each callback is authenticated (WhatsApp: Meta's X-Hub-Signature-256 over the exact body; SMS:
 * the gateway's bearer token); nothing of the payload but ids and statuses is read or kept.
 */
@Controller('callbacks')
export class ProviderCallbacksController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CALLBACK_SECRETS) private readonly secrets: CallbackSecrets,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Meta's webhook verification handshake: the challenge back when the verify token matches. */
  @Get('whatsapp')
  verify(@Query('hub.mode') mode: string, @Query('hub.verify_token') token: string, @Query('hub.challenge') challenge: string): string {
    const expected = this.secrets.whatsappVerifyToken;
    if (!expected) throw new NotFoundException();
    if (mode !== 'subscribe' || typeof token !== 'string' || !sameSecret(token, expected)) throw new ForbiddenException();
    return String(challenge ?? '');
  }

  @Post('whatsapp')
  @HttpCode(200)
  async whatsapp(
    @Req() req: Request & { rawBody?: Buffer },
    @Body() body: { entry?: Array<{ changes?: Array<{ value?: { statuses?: WhatsAppStatus[] } }> }> },
  ): Promise<{ updated: number }> {
    const secret = this.secrets.whatsappAppSecret;
    if (!secret) throw new NotFoundException();
    const signature = String(req.headers['x-hub-signature-256'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret)
      .update(req.rawBody ?? Buffer.alloc(0))
      .digest('hex')}`;
    if (!req.rawBody || !sameSecret(signature, expected)) throw new UnauthorizedException();
    let updated = 0;
    const statuses = (body.entry ?? []).flatMap((e) => e.changes ?? []).flatMap((c) => c.value?.statuses ?? []);
    for (const s of statuses) {
      const status = typeof s.status === 'string' ? statusOfReceipt('whatsapp', s.status) : null;
      if (!status) continue;
      if (await this.deliveries.receipt('whatsapp', { key: s.biz_opaque_callback_data, reference: s.id }, status, this.clock.now())) updated++;
    }
    return { updated };
  }

  @Post('sms')
  @HttpCode(200)
  async sms(@Req() req: Request, @Body() body: { id?: string; reference?: string; status?: string }): Promise<{ updated: number }> {
    const token = this.secrets.smsToken;
    if (!token) throw new NotFoundException();
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) throw new UnauthorizedException();
    const status = typeof body?.status === 'string' ? statusOfReceipt('sms', body.status) : null;
    if (!status) return { updated: 0 };
    const changed = await this.deliveries.receipt(
      'sms',
      { key: typeof body.reference === 'string' ? body.reference : undefined, reference: typeof body.id === 'string' ? body.id : undefined },
      status,
      this.clock.now(),
    );
    return { updated: changed ? 1 : 0 };
  }
}
