import { applicationUpcasters } from './domain/application.upcasters';
import { COMPLAINT_CATEGORIES, ComplaintsModule } from './complaints';
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import { parseMasterKeys, Vault } from '@serang/vault';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ApplicationStreams } from './application/application-streams';
import { ApplicationsProjection } from './application/applications.projection';
import { CitizenActions } from './application/citizen-actions';
import { DocumentCatalog } from './application/document-catalog';
import { DOCUMENT_STORAGE, type DocumentStorage } from './application/document-storage';
import { FormValidator } from './application/form-validator';
import { ReadDocumentHandler } from './application/read-document';
import { RequestProjection } from './application/request.projection';
import { SlaSchedulerService } from './application/sla-scheduler.service';
import { RequestMetrics } from './application/request.metrics';
import { StaffActions } from './application/staff-actions';
import { StaffReads } from './application/staff-reads';
import { ApplicantDataReader } from './application/applicant-data';
import { SubmitApplicationHandler } from './application/submit-application';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './application/submission-policy';
import { UploadDocumentHandler } from './application/upload-document';
import { UPLOAD_POLICY, type UploadPolicy } from './application/upload-policy';
import { workingDayCalendar } from './domain/working-days';
import { ApplicationFieldsResolver } from './graphql/application-fields.resolver';
import { ApplicationResolver } from './graphql/application.resolver';
import { TrackingResolver } from './graphql/tracking.resolver';
import { UploadsController } from './http/uploads.controller';
import { ApplicationQueries } from './infra/application.queries';
import { DocumentRepository } from './infra/document.repository';
import { ensureDocumentsTable } from './infra/documents.table';
import { documentStorageFor } from './infra/document-storage.factory';
import { ensureRequestTables } from './infra/request.tables';
import { ServiceDefinitions } from './infra/service-definitions.queries';
import type { RequestConfig } from './request.config';
import { formMessages, requestMessages, uploadMessages } from './request.messages';
import { FeedbackFeature } from './feedback';
import { ConsultationFeature } from './consultation';

/** Request's tables, its own vault key table and the document storage, ready before anything runs. */
class RequestTables implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(Vault) private readonly vault: Vault,
    @Inject(DOCUMENT_STORAGE) private readonly documents: DocumentStorage,
  ) {}
  async onModuleInit(): Promise<void> {
    await ensureRequestTables(this.db);
    await ensureDocumentsTable(this.db);
    await this.vault.ensureSchema();
    await this.documents.ready();
  }
}

@Module({})
export class RequestModule {
  static forRoot(config: RequestConfig, log: Logger): DynamicModule {
    const policy: SubmissionPolicy = { trackingPrefix: config.TRACKING_PREFIX, calendar: workingDayCalendar(config.HOLIDAYS) };
    const uploads: UploadPolicy = {
      maxBytes: config.UPLOAD_MAX_BYTES,
      maxConcurrent: config.UPLOAD_MAX_CONCURRENT,
      idleTimeoutMs: config.BODY_IDLE_TIMEOUT_SECONDS * 1000,
    };
    return {
      module: RequestModule,
      imports: [
        PlatformModule.forRoot({
          service: 'request',
          config,
          upcasters: applicationUpcasters,
          log,
          messages: { ...requestMessages, ...formMessages, ...uploadMessages, ...FeedbackFeature.messages, ...ConsultationFeature.messages },
          bus: {
            context: 'request',
            // requestaccess: request's entries of the personal-data audit trail (identity folds them in).
            owns: ['application', 'requestaccess', ...COMPLAINT_CATEGORIES, ...FeedbackFeature.categories, ...ConsultationFeature.categories],
            projects: ['application', ...COMPLAINT_CATEGORIES, ...FeedbackFeature.categories, ...ConsultationFeature.categories],
            consumes: [
              { context: 'catalogue', categories: ['service'] },
              { context: 'identity', categories: ['person'] },
            ],
          },
        }),
        subgraphModule({ service: 'request', config, log }),
        ComplaintsModule.forRoot(config),
      ],
      controllers: [RequestProjection, ApplicationsProjection, UploadsController, ...FeedbackFeature.controllers, ...ConsultationFeature.controllers],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: SUBMISSION_POLICY, useValue: policy },
        { provide: UPLOAD_POLICY, useValue: uploads },
        // The filesystem by default; an S3-compatible object store with UPLOADS_STORAGE=s3.
        { provide: DOCUMENT_STORAGE, useValue: documentStorageFor(config) },
        {
          provide: Vault,
          useFactory: (db: Pool) =>
            new Vault(db, { schema: 'request', masterKeys: parseMasterKeys(config.VAULT_MASTER_KEYS, config.VAULT_MASTER_KEY_ID) }),
          inject: [PG_POOL],
        },
        RequestTables,
        ServiceDefinitions,
        ApplicationQueries,
        FormValidator,
        SubmitApplicationHandler,
        ApplicationStreams,
        StaffActions,
        CitizenActions,
        StaffReads,
        ApplicantDataReader,
        SlaSchedulerService,
        RequestMetrics,
        ApplicationResolver,
        ApplicationFieldsResolver,
        TrackingResolver,
        DocumentRepository,
        DocumentCatalog,
        UploadDocumentHandler,
        ReadDocumentHandler,
        ...FeedbackFeature.providers,
        ...ConsultationFeature.providers,
      ],
    };
  }
}
