import { Client, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';

/**
 * One connection kept for one job (the appends): no pool checkout per query, and a fresh
 * connection after the old one broke (a server restart), on the next query.
 */
export class DedicatedConnection {
  private client?: Promise<Client>;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    /** Session settings run once per connection. */
    private readonly setup?: string,
  ) {}

  async query<R extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>> {
    if (this.closed) throw new Error('connection closed');
    const client = await (this.client ??= this.connect());
    return client.query<R>(config);
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.connectionString });
    const forget = () => {
      if (this.client === attempt) this.client = undefined;
      client.end().catch(() => undefined);
    };
    client.on('error', forget);
    client.on('end', forget);
    const attempt = client
      .connect()
      .then(() => (this.setup ? client.query(this.setup) : undefined))
      .then(() => client);
    attempt.catch(forget);
    return attempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = await this.client?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }
}
