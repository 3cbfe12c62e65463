import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, registerMessages, systemClock } from '@serang/platform';
import { parseMasterKeys, Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { DocumentCatalog } from '../application/document-catalog';
import { SUBMISSION_POLICY, type SubmissionPolicy } from '../application/submission-policy';
import { workingDayCalendar } from '../domain/working-days';
import { DocumentRepository } from '../infra/document.repository';
import type { RequestConfig } from '../request.config';
import { ComplaintActions } from './application/complaint-actions';
import { ComplaintReader } from './application/complaint-reader';
import { ComplaintStreams } from './application/complaint-streams';
import { ComplaintSlaService } from './application/complaint-sla.scheduler';
import { ComplaintVault } from './application/complaint-vault';
import { ComplaintsProjection } from './application/complaints.projection';
import { FileComplaintHandler } from './application/file-complaint';
import { LAPOR_GATEWAY } from './application/lapor.port';
import { ReferToLaporHandler } from './application/refer-to-lapor';
import { complaintMessages } from './complaints.messages';
import { ComplaintResolver } from './graphql/complaint.resolver';
import { ComplaintQueries } from './infra/complaint.queries';
import { ensureComplaintTables } from './infra/complaints.tables';
import { laporGatewayFrom } from './infra/lapor.http';

/** Complaints' tables (and seeded categories) before anything runs. */
class ComplaintTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  async onModuleInit(): Promise<void> {
    await ensureComplaintTables(this.db);
  }
}

/**
 * Complaints (pengaduan), a feature of request: its own stream category (`complaint`), read
 * models, GraphQL and messages. Request's other providers are not visible to an imported module,
 * so the few it shares (the vault on request's key table, the working-day calendar, the documents
 * a complaint may attach) are made here from the same configuration.
 */
@Module({})
export class ComplaintsModule {
  static forRoot(config: RequestConfig): DynamicModule {
    registerMessages(complaintMessages);
    const policy: SubmissionPolicy = { trackingPrefix: config.TRACKING_PREFIX, calendar: workingDayCalendar(config.HOLIDAYS) };
    return {
      module: ComplaintsModule,
      controllers: [ComplaintsProjection],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: SUBMISSION_POLICY, useValue: policy },
        // SP4N-LAPOR! when LAPOR_API_URL and LAPOR_API_TOKEN are set (checked at start), else none.
        { provide: LAPOR_GATEWAY, useValue: laporGatewayFrom(process.env) },
        {
          provide: Vault,
          useFactory: (db: Pool) =>
            new Vault(db, { schema: 'request', masterKeys: parseMasterKeys(config.VAULT_MASTER_KEYS, config.VAULT_MASTER_KEY_ID) }),
          inject: [PG_POOL],
        },
        ComplaintTables,
        DocumentRepository,
        DocumentCatalog,
        ComplaintVault,
        ComplaintQueries,
        ComplaintStreams,
        FileComplaintHandler,
        ComplaintActions,
        ComplaintReader,
        ComplaintResolver,
        ComplaintSlaService,
        ReferToLaporHandler,
      ],
    };
  }
}
