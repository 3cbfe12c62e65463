import { Controller, HttpCode, Inject, NotFoundException, Param, Post, Req, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { validate as isUuid } from 'uuid';
import { ContactDirectory, type Contact } from '../application/contact-directory';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';

/**
 * Notification's way to a person's contact data (docs/notifications.md): host to host, with the
 * shared bearer secret CONTACT_API_TOKEN; every read audited by ContactDirectory. An erased or
 * unknown person answers `{ contact: null }`: the sender must not try again.
 */
@Controller('internal/contacts')
export class ContactsController {
  constructor(
    private readonly directory: ContactDirectory,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Post(':personId')
  @HttpCode(200)
  async contact(@Param('personId') personId: string, @Req() req: Request): Promise<{ contact: Contact | null }> {
    const expected = this.config.CONTACT_API_TOKEN;
    if (!expected) throw new NotFoundException();
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw new UnauthorizedException();
    if (!isUuid(personId)) return { contact: null };
    const traceparent = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined;
    return { contact: await this.directory.contactFor(personId, traceparent) };
  }
}
