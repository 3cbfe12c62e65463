import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { buildContext, LOGGER, requireUser, TokenVerifier } from '@serang/platform';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ReadDocumentHandler } from '../application/read-document';
import { UploadDocumentHandler, type UploadSlot } from '../application/upload-document';
import { UPLOAD_POLICY, type UploadPolicy } from '../application/upload-policy';
import { cleanFileName, FILE_EXTENSIONS } from '../domain/document';
import { sendError } from './error-answer';
import { readOneFile } from './multipart-file.reader';

/**
 * SPEC.md's `POST /uploads` (the gateway passes it on from its own origin) and the owner's
 * download. Plain HTTP, not GraphQL: GraphQL carries no files. Nest's JSON and form parsers leave
 * multipart bodies alone, so the stream arrives here unread.
 */
@Controller('uploads')
export class UploadsController {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly uploads: UploadDocumentHandler,
    private readonly reads: ReadDocumentHandler,
    @Inject(UPLOAD_POLICY) private readonly policy: UploadPolicy,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * Only citizens upload: what they upload is theirs and is encrypted with their key. An officer's
   * output (an issued card) belongs to the applicant, not the officer, so it needs an application
   * to attach to and its agency check: another endpoint, not this one.
   */
  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await buildContext(req, this.verifier);
    let slot: UploadSlot | undefined;
    try {
      const user = requireUser(ctx, 'CITIZEN');
      slot = this.uploads.reserve();
      const intake = slot.intake;
      const part = await readOneFile(req, this.policy.maxBytes, this.policy.idleTimeoutMs, (chunk) => intake.push(chunk));
      const { document, created } = await this.uploads.store(user.id, intake.finish(), cleanFileName(part.fileName));
      res.status(created ? 201 : 200).json({ id: document.id, mediaType: document.mediaType, size: document.size });
    } catch (e) {
      sendError(req, res, e, ctx.lang, this.log);
    } finally {
      slot?.release();
    }
  }

  @Get(':id')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await buildContext(req, this.verifier);
    try {
      const user = requireUser(ctx);
      const { document, bytes, fileName } = await this.reads.execute(id, user);
      res.status(200);
      res.setHeader('content-type', document.mediaType);
      res.setHeader('content-length', String(bytes.length));
      res.setHeader('content-disposition', attachment(`${document.id}.${FILE_EXTENSIONS[document.mediaType]}`, fileName));
      res.setHeader('x-content-type-options', 'nosniff');
      // Personal data: no shared cache keeps it; opened in a browser, it runs nothing.
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('content-security-policy', "default-src 'none'; sandbox");
      // end(), not send(): send() would add an ETag, a plain hash of the document.
      res.end(bytes);
    } catch (e) {
      sendError(req, res, e, ctx.lang, this.log);
    }
  }
}

/** An ASCII fallback name (the id) and the uploader's own name in RFC 8187 encoding. */
function attachment(fallback: string, fileName: string | undefined): string {
  const base = `attachment; filename="${fallback}"`;
  if (!fileName) return base;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${base}; filename*=UTF-8''${encoded}`;
}
