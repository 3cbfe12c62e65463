import { createPool } from '@serang/db';
import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Pool } from 'pg';
import { PostgresEventStore } from '@serang/eventstore';
import { createTestDatabase, testKafkaBrokers, type TestDatabase } from '@serang/testing';
import { EventContext, EventRelay, SerangEventsTransport, topicOf, type DeliveredEvent } from '../src';
import { appliedRows, counted, kafkaClient, poisonous, rand, setupReadModel, until } from './fixtures/harness';

let schema = '';

@Controller()
class CountingController {
  @EventPattern('Counted')
  async counted(@Payload() e: DeliveredEvent, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`insert into ${schema}.applied (event_id, stream_id, revision, type, n) values ($1, $2, $3, $4, $5)`, [
      e.id,
      e.streamId,
      e.revision.toString(),
      e.type,
      e.data.n,
    ]);
  }

  @EventPattern('Poisonous')
  async poisonous(@Payload() e: DeliveredEvent, @Ctx() ctx: EventContext): Promise<void> {
    const { rows } = await ctx.tx.query(`select cured from ${schema}.cure`);
    if (e.data.poison && !rows[0].cured) throw new Error('cannot digest this');
    await ctx.tx.query(`insert into ${schema}.applied (event_id, stream_id, revision, type, n) values ($1, $2, $3, $4, $5)`, [
      e.id,
      e.streamId,
      e.revision.toString(),
      e.type,
      e.data.n,
    ]);
  }
}

@Module({ controllers: [CountingController] })
class CountingModule {}

describe('NestJS custom transport: @EventPattern handlers, delivery owned by the library', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase('nest');
    pool = createPool({ connectionString: db.url, max: 6, name: 'test' });
    store = await PostgresEventStore.connect({ connectionString: db.url, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  async function boot(transport: SerangEventsTransport): Promise<INestMicroservice> {
    const app = await NestFactory.createMicroservice(CountingModule, { strategy: transport, logger: false });
    await app.listen();
    return app;
  }

  it('in the default mode (store subscription): handles, parks a poison and redrives it', async () => {
    schema = `c_${rand()}`;
    const category = `n${rand()}`;
    await setupReadModel(pool, schema);
    const transport = new SerangEventsTransport({
      consumerId: 'nest-test',
      db: pool,
      schema,
      source: { kind: 'store', store, filter: { categories: [category] } },
      retry: { attempts: 2, backoffMs: 5 },
    });
    const app = await boot(transport);
    try {
      await store.append(`${category}-a`, [counted(1), poisonous(2, true), counted(3)], 'no_stream');
      await store.append(`${category}-b`, [counted(4)], 'no_stream');
      await until(async () => (await appliedRows(pool, schema)).length === 2 && (await transport.parkedStreams()).length === 1);
      expect((await appliedRows(pool, schema)).map((r) => r.n)).toEqual([1, 4]);
      await pool.query(`update ${schema}.cure set cured = true`);
      expect(await transport.redrive(`${category}-a`)).toEqual({ applied: 2, remaining: 0 });
      expect((await appliedRows(pool, schema)).map((r) => r.n)).toEqual([1, 4, 2, 3]);
    } finally {
      await app.close();
    }
  });

  it('over Kafka: the same handlers receive the relayed events', async () => {
    schema = `c_${rand()}`;
    const category = `n${rand()}`;
    const ctx = `t${rand()}`;
    await setupReadModel(pool, schema);
    const kafka = kafkaClient(testKafkaBrokers());
    const relay = new EventRelay({ store, db: pool, schema: 'producer_svc', kafka, context: ctx, categories: [category] });
    await relay.start();
    const transport = new SerangEventsTransport({
      consumerId: `g${rand()}`,
      db: pool,
      schema,
      source: { kind: 'kafka', kafka, topics: [topicOf(ctx)], sessionTimeoutMs: 6000 },
    });
    const app = await boot(transport);
    try {
      await store.append(`${category}-a`, [counted(1), counted(2)], 'no_stream');
      await until(async () => (await appliedRows(pool, schema)).length === 2);
      expect((await appliedRows(pool, schema)).map((r) => r.n)).toEqual([1, 2]);
    } finally {
      await app.close();
      await relay.stop();
    }
  });
});
