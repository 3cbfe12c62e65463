import { describeWhen } from '@serang/testing';
import { eventStoreContract } from './event-store.contract';

describeWhen(
  process.env.EVENTSTOREDB_URL,
  'EventStoreDB event store (experimental) contract',
  'EVENTSTOREDB_URL is not set: no EventStoreDB server can run on this machine. Set it (e.g. esdb://127.0.0.1:2113?tls=false) to run the same contract suite against a server.',
  () => {
    eventStoreContract('eventstoredb', () => process.env.EVENTSTOREDB_URL!);
  },
);
