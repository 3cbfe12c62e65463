import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, load, type CommandFor, type EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { PersonDataErasedError } from '@serang/vault';
import {
  ComplaintAggregate,
  isFiled,
  maySee,
  type Complaint,
  type ComplaintActor,
  type ComplaintCaller,
  type ComplaintCommand,
  type ComplaintState,
} from '../domain/complaint.aggregate';
import { ComplaintNotFound, ComplaintVersionConflict } from '../domain/complaint.errors';
import { ComplaintVault } from './complaint-vault';

/** Who calls, as the token says (the GraphQL layer hands it over as it is). */
export interface ComplaintUser {
  id: string;
  roles: readonly string[];
  agency?: string;
}

/** The role a caller acts in on complaints: platform admin first, then agency staff, then citizen. */
const PRECEDENCE = ['PLATFORM_ADMIN', 'AGENCY_ADMIN', 'OFFICER', 'AGENCY_SYSTEM', 'CITIZEN'] as const;
export function complaintRole(roles: readonly string[]): string {
  return PRECEDENCE.find((r) => roles.includes(r)) ?? 'UNKNOWN';
}

/**
 * A complaint's stream on the one write path: load it, and have commands decided and appended by
 * the CommandHandler. Also who the caller is to one complaint: a citizen is its complainant exactly
 * when their keyed digest matches, and acts under the complaint's pseudonym when it is anonymous.
 */
@Injectable()
export class ComplaintStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly keys: ComplaintVault,
  ) {}

  async load(complaintId: string): Promise<Complaint> {
    const { state } = await load(this.store, ComplaintAggregate, complaintId);
    if (!isFiled(state)) throw new ComplaintNotFound();
    return state;
  }

  /** The caller as this complaint sees them. */
  async callerOf(user: ComplaintUser, complaint: Pick<Complaint, 'id' | 'anonymous' | 'pseudonym'>): Promise<ComplaintCaller> {
    const role = complaintRole(user.roles);
    if (role !== 'CITIZEN') return { actor: { id: user.id, role, ...(user.agency ? { agency: user.agency } : {}) } };
    const ownerDigest = await this.keys.ownerDigest(user.id, complaint.id).catch((e: unknown) => {
      if (e instanceof PersonDataErasedError) return undefined; // an erased person owns nothing any more
      throw e;
    });
    const actor: ComplaintActor = { id: complaint.anonymous ? complaint.pseudonym : user.id, role };
    return { actor, ownerDigest };
  }

  /** Loads the complaint for a caller who may see it; anyone else gets NOT_FOUND, as for none. */
  async visibleTo(user: ComplaintUser, complaintId: string): Promise<{ complaint: Complaint; caller: ComplaintCaller }> {
    const complaint = await this.load(complaintId);
    const caller = await this.callerOf(user, complaint);
    if (!maySee(complaint, caller)) throw new ComplaintNotFound();
    return { complaint, caller };
  }

  /**
   * Decides and appends. If the stream moved in between: when only the clock wrote (an SLA event,
   * no step anyone saw) the command is decided again; otherwise CONFLICT, nothing retried.
   */
  async decide(complaintId: string, command: CommandFor<ComplaintCommand, Complaint>): Promise<Complaint> {
    const handled = await this.handler.handle(ComplaintAggregate, complaintId, command as CommandFor<ComplaintCommand, ComplaintState>, {
      guard: (state) => {
        if (!isFiled(state)) throw new ComplaintNotFound();
      },
      retryWhen: (seen, now) => seen.version === now.version,
      conflict: (seen, now) => new ComplaintVersionConflict(seen.version, now.version),
    });
    return handled.state as Complaint;
  }
}
