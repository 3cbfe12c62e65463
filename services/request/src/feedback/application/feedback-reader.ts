import { Injectable } from '@nestjs/common';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { FeedbackInvalid } from '../domain/feedback.errors';
import { commentScope } from '../domain/feedback-readers.policy';
import { FeedbackQueries, type FeedbackRow } from '../infra/feedback.queries';

/** A comment as an agency reads it: what was said, about what, when — never by whom. */
export interface CommentView {
  id: string;
  kind: 'SURVEY' | 'COMMENT';
  agencyId: string;
  serviceId: string | null;
  critique: string | null;
  suggestion: string | null;
  givenAt: Date;
}

export interface CommentPage {
  comments: CommentView[];
  /** Pass as `after` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** Opens the sealed free text of feedback for its readers (an erased respondent's reads as nothing). */
@Injectable()
export class FeedbackReader {
  constructor(
    private readonly queries: FeedbackQueries,
    private readonly vault: Vault,
  ) {}

  async comments(
    reader: { roles: readonly string[]; agency?: string },
    filter: { agencyId?: string; serviceId?: string; from?: Date; to?: Date; first?: number; after?: string },
  ): Promise<CommentPage> {
    const agencyId = commentScope(reader, filter.agencyId);
    const limit = Math.min(Math.max(filter.first ?? 20, 1), 100);
    const rows = await this.queries.comments({
      agencyId,
      serviceId: filter.serviceId,
      from: filter.from,
      to: filter.to,
      limit: limit + 1,
      before: cursorOf(filter.after),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      comments: await Promise.all(page.map((r) => this.view(r))),
      nextCursor: rows.length > limit && last ? Buffer.from(`${last.given_at.toISOString()}|${last.id}`).toString('base64url') : null,
    };
  }

  async view(r: FeedbackRow): Promise<CommentView> {
    return {
      id: r.id,
      kind: r.kind,
      agencyId: r.agency_id,
      serviceId: r.service_id || null,
      critique: await this.open(r.respondent_id, `feedback:${r.id}:critique`, r.critique_ciphertext),
      suggestion: await this.open(r.respondent_id, `feedback:${r.id}:suggestion`, r.suggestion_ciphertext),
      givenAt: r.given_at,
    };
  }

  async open(personId: string, field: string, ciphertext: string): Promise<string | null> {
    if (!ciphertext) return null;
    try {
      return await this.vault.decrypt(personId, field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return null;
      throw e;
    }
  }
}

function cursorOf(raw?: string): { at: Date; id: string } | undefined {
  if (!raw) return undefined;
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw new FeedbackInvalid({ after: 'FORM.pattern' });
  return { at: when, id };
}
