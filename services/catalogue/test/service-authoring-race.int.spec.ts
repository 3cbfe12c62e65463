import { CommandHandler, PostgresEventStore, type EventStore, toNewEvents } from '@serang/eventstore';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { ServiceAuthoring } from '../src/application/service-authoring';
import { Agency } from '../src/domain/agency.aggregate';
import type { Author } from '../src/domain/service.aggregate';
import { ServiceAlreadyExists, ServiceChanged } from '../src/domain/service.errors';
import { JOB_FAIR } from '@serang/service-definition/src/seeds/disnakertrans.seed';

/**
 * The race itself, every time: a store that holds each append until every writer has read the
 * stream (what two replicas handling two clicks at once do when they are unlucky), in front of
 * the real PostgreSQL event store.
 */
class EveryoneReadsFirst implements EventStore {
  private waiting: Array<() => void> = [];
  private writers = 0;
  constructor(private readonly inner: EventStore) {}

  /** The next `n` appends wait for each other. */
  hold(n: number): void {
    this.writers = n;
  }

  async append(...args: Parameters<EventStore['append']>): ReturnType<EventStore['append']> {
    if (this.writers > 0) {
      await new Promise<void>((arrived) => {
        this.waiting.push(arrived);
        if (this.waiting.length === this.writers) {
          this.waiting.forEach((go) => go());
          this.waiting = [];
          this.writers = 0;
        }
      });
    }
    return this.inner.append(...args);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    return this.inner.readStream(...args);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.inner.readAll(...args);
  }
  subscribeAll(...args: Parameters<EventStore['subscribeAll']>) {
    return this.inner.subscribeAll(...args);
  }
  close() {
    return this.inner.close();
  }
}

describe('service authoring under a race (real PostgreSQL event store)', () => {
  let db: TestDatabase;
  let real: PostgresEventStore;
  let store: EveryoneReadsFirst;
  let authoring: ServiceAuthoring;
  const admin: Author = { id: 'admin-1', role: 'AGENCY_ADMIN', agency: 'disnakertrans' };
  const platform: Author = { id: 'platform-1', role: 'PLATFORM_ADMIN' };
  const draft = { code: 'BALAPAN', nameId: 'Pelatihan Kerja', nameEn: 'Vocational course', definitionJson: JSON.stringify(JOB_FAIR.definition) };
  const clock = { now: () => new Date('2026-03-02T02:00:00.000Z') };

  beforeAll(async () => {
    db = await createTestDatabase('catalogue_race');
    real = await PostgresEventStore.connect({ connectionString: db.url });
    store = new EveryoneReadsFirst(real);
    authoring = new ServiceAuthoring(store, new CommandHandler(store, '3604'), clock);
    const metadata = { now: clock.now(), actor: { id: 'system', role: 'SYSTEM' } };
    const agency = Agency.decide(
      {
        type: 'RegisterAgency',
        data: { agencyId: 'disnakertrans', code: 'disnakertrans', nameId: 'Disnakertrans', nameEn: 'Manpower Office' },
        metadata,
      },
      Agency.initialState,
    );
    await real.append('agency-disnakertrans', toNewEvents(agency, { now: clock.now(), tenant: '3604' }), 'no_stream');
  });
  afterAll(async () => {
    await real?.close();
    await db?.drop();
  });

  it('creates a service once when two admins create the same code at the same moment', async () => {
    store.hold(2);
    const results = await Promise.allSettled([authoring.create('disnakertrans', draft, admin), authoring.create('disnakertrans', draft, platform)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.reason).toBeInstanceOf(ServiceAlreadyExists);
    expect((await real.readStream('service-disnakertrans-balapan')).map((e) => e.type)).toEqual(['ServiceDraftCreated']);
  });

  it('publishes a draft once when two publishes read it before either writes: the second gets CONFLICT', async () => {
    store.hold(2);
    const results = await Promise.allSettled([
      authoring.publish('disnakertrans-balapan', undefined, admin),
      authoring.publish('disnakertrans-balapan', undefined, platform),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.reason).toBeInstanceOf(ServiceChanged);
    expect((await real.readStream('service-disnakertrans-balapan')).map((e) => e.type)).toEqual(['ServiceDraftCreated', 'ServicePublished']);
  });
});
