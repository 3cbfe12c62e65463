/**
 * The four Grafana dashboards, as code (@grafana/grafana-foundation-sdk). `npm run dashboards`
 * writes them to infra/grafana/<uid>.json (committed; the chart ships them), and a test fails when
 * the committed JSON drifts from this file. docs/operations.md says what each one answers.
 */
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TextPanel } from '@grafana/grafana-foundation-sdk/text';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';

const DS = { type: 'prometheus', uid: '${datasource}' };
/** The processes of the platform, whatever the scrape job is called (ServiceMonitor or static). */
export const SERANG_JOBS = 'job=~".*(gateway|identity|catalogue|request|notification|analytics)"';

type Query = { expr: string; legend?: string };
const target = (q: Query, i: number) =>
  new DataqueryBuilder()
    .expr(q.expr)
    .legendFormat(q.legend ?? '__auto')
    .refId(String.fromCharCode(65 + i));

function timeseries(title: string, description: string, unit: string, queries: Query[], width = 12) {
  const p = new TimeseriesPanel().title(title).description(description).datasource(DS).unit(unit).gridPos({ h: 8, w: width, x: 0, y: 0 });
  queries.forEach((q, i) => p.withTarget(target(q, i)));
  return p;
}
function stat(title: string, description: string, unit: string, query: Query, width = 6) {
  return new StatPanel()
    .title(title)
    .description(description)
    .datasource(DS)
    .unit(unit)
    .gridPos({ h: 5, w: width, x: 0, y: 0 })
    .withTarget(target(query, 0));
}
function table(title: string, description: string, unit: string, query: Query, width = 12) {
  return new TablePanel()
    .title(title)
    .description(description)
    .datasource(DS)
    .unit(unit)
    .gridPos({ h: 8, w: width, x: 0, y: 0 })
    .withTarget(target(query, 0).instant().format(PromQueryFormat.Table));
}
const datasource = () => new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
const base = (uid: string, title: string, description: string) =>
  new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['serang-tatu'])
    .editable()
    .timezone('browser')
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .withVariable(datasource());

const rate = (m: string) => `rate(${m}[$__rate_interval])`;

function platformOverview(): Dashboard {
  return base(
    'serang-platform-overview',
    'Serang Tatu / Platform overview',
    'RED per service and operation: is the platform answering, how fast, and what fails?',
  )
    .withRow(new RowBuilder('Services'))
    .withPanel(
      stat('Processes up', 'Processes Prometheus can scrape (gateway and the five services, every replica)', 'short', {
        expr: `sum(up{${SERANG_JOBS}})`,
      }),
    )
    .withPanel(
      stat('Requests/s', 'GraphQL operations per second through the gateway', 'reqps', {
        expr: `sum(${rate('serang_graphql_requests_total{service="gateway"}')})`,
      }),
    )
    .withPanel(
      stat('Error ratio', 'Share of gateway operations answered with errors (refusals such as a wrong password included)', 'percentunit', {
        expr: `(sum(${rate('serang_graphql_requests_total{service="gateway",outcome="error"}')}) or vector(0)) / sum(${rate('serang_graphql_requests_total{service="gateway"}')})`,
      }),
    )
    .withPanel(
      stat('p99 latency', 'Gateway operations, 99th percentile', 's', {
        expr: `histogram_quantile(0.99, sum by (le) (${rate('serang_graphql_request_duration_seconds_bucket{service="gateway"}')}))`,
      }),
    )
    .withPanel(
      timeseries('Requests/s by service', 'Operations each process handled per second', 'reqps', [
        { expr: `sum by (service) (${rate('serang_graphql_requests_total')})`, legend: '{{service}}' },
      ]),
    )
    .withPanel(
      timeseries('Error ratio by service', 'Share of operations answered with errors, per process', 'percentunit', [
        {
          expr: `(sum by (service) (${rate('serang_graphql_requests_total{outcome="error"}')}) or sum by (service) (${rate('serang_graphql_requests_total')}) * 0) / sum by (service) (${rate('serang_graphql_requests_total')})`,
          legend: '{{service}}',
        },
      ]),
    )
    .withPanel(
      timeseries('Latency by service', '50th and 99th percentile of operation duration, per process', 's', [
        {
          expr: `histogram_quantile(0.5, sum by (service, le) (${rate('serang_graphql_request_duration_seconds_bucket')}))`,
          legend: 'p50 {{service}}',
        },
        {
          expr: `histogram_quantile(0.99, sum by (service, le) (${rate('serang_graphql_request_duration_seconds_bucket')}))`,
          legend: 'p99 {{service}}',
        },
      ]),
    )
    .withPanel(
      table('Top slow operations', 'The ten slowest operations by 95th percentile over the dashboard range', 's', {
        expr: `topk(10, histogram_quantile(0.95, sum by (service, operation, le) (rate(serang_graphql_request_duration_seconds_bucket[$__range]))))`,
      }),
    )
    .withRow(new RowBuilder('Processes'))
    .withPanel(
      timeseries('Event loop lag p99', 'Node.js event loop delay per process: CPU-bound work shows here first', 's', [
        { expr: `max by (job, instance) (nodejs_eventloop_lag_p99_seconds{${SERANG_JOBS}})`, legend: '{{job}} {{instance}}' },
      ]),
    )
    .withPanel(
      timeseries('Resident memory', 'Memory per process', 'bytes', [
        { expr: `max by (job, instance) (process_resident_memory_bytes{${SERANG_JOBS}})`, legend: '{{job}} {{instance}}' },
      ]),
    )
    .withPanel(
      timeseries('Sign-ins by outcome', 'Password sign-ins per second: success, invalid_credentials, throttled, error (no identifiers)', 'ops', [
        { expr: `sum by (outcome) (${rate('serang_identity_logins_total')})`, legend: '{{outcome}}' },
      ]),
    )
    .build();
}

function jobFairSurge(): Dashboard {
  return base(
    'serang-job-fair-surge',
    'Serang Tatu / Job-fair surge',
    'During a surge: are submissions accepted and fast, is work piling up, are consumers keeping up, how many pods?',
  )
    .withRow(new RowBuilder('Submissions'))
    .withPanel(
      stat('Submissions/s', 'Applications submitted per second, every agency', 'ops', {
        expr: `sum(${rate('serang_applications_submitted_total')})`,
      }),
    )
    .withPanel(
      stat('Submission p99', '99th percentile of submitApplication in request', 's', {
        expr: `histogram_quantile(0.99, sum by (le) (${rate('serang_submission_duration_seconds_bucket')}))`,
      }),
    )
    .withPanel(
      stat('Backlog', 'Applications not yet ended, every agency', 'short', { expr: 'sum(max by (agency, service, sla) (serang_applications_open))' }),
    )
    .withPanel(stat('Worst consumer lag', 'The consumer furthest behind, in seconds', 's', { expr: 'max(serang_consumer_lag_seconds)' }))
    .withPanel(
      timeseries('Submissions by outcome', 'submitApplication per second: ok, refused (input), busy (TOO_MANY_REQUESTS), error', 'ops', [
        { expr: `sum by (outcome) (${rate('serang_submissions_total')})`, legend: '{{outcome}}' },
      ]),
    )
    .withPanel(
      timeseries('Submission latency', 'p50 / p99 of submitApplication in request, and p99 of every gateway operation', 's', [
        { expr: `histogram_quantile(0.5, sum by (le) (${rate('serang_submission_duration_seconds_bucket')}))`, legend: 'submission p50' },
        { expr: `histogram_quantile(0.99, sum by (le) (${rate('serang_submission_duration_seconds_bucket')}))`, legend: 'submission p99' },
        {
          expr: `histogram_quantile(0.99, sum by (le) (${rate('serang_graphql_request_duration_seconds_bucket{service="gateway"}')}))`,
          legend: 'gateway p99',
        },
      ]),
    )
    .withPanel(
      timeseries('Backlog by agency', 'Open applications per agency (on time and breached)', 'short', [
        { expr: 'sum by (agency) (max by (agency, service, sla) (serang_applications_open))', legend: '{{agency}}' },
      ]),
    )
    .withRow(new RowBuilder('Keeping up'))
    .withPanel(
      timeseries('Consumer lag', 'Seconds the oldest waiting event of each consumer has waited', 's', [
        { expr: 'max by (consumer) (serang_consumer_lag_seconds)', legend: '{{consumer}}' },
      ]),
    )
    .withPanel(
      timeseries('Relay lag', 'Seconds the oldest event not yet in Kafka has waited, per context (Kafka mode)', 's', [
        { expr: 'max by (context) (serang_relay_lag_seconds)', legend: '{{context}}' },
      ]),
    )
    .withPanel(
      timeseries('Database pool usage', 'Busy connections over the pool size, per pool (1 = exhausted), and callers waiting', 'percentunit', [
        { expr: 'max by (pool) (serang_db_pool_connections{state="busy"}) / max by (pool) (serang_db_pool_max_connections)', legend: '{{pool}}' },
      ]),
    )
    .withPanel(
      timeseries('Pool waits', 'Callers queued for a connection, and callers turned away per second', 'short', [
        { expr: 'sum by (pool) (serang_db_pool_connections{state="waiting"})', legend: 'waiting {{pool}}' },
        { expr: `sum by (pool) (${rate('serang_db_pool_exhausted_total')})`, legend: 'turned away/s {{pool}}' },
      ]),
    )
    .withRow(new RowBuilder('Cluster'))
    .withPanel(
      timeseries('Pods ready', 'Ready replicas per deployment (kube-state-metrics; cluster only)', 'short', [
        {
          expr: 'sum by (deployment) (kube_deployment_status_replicas_ready{deployment=~".*(gateway|identity|catalogue|request|notification|analytics)"})',
          legend: '{{deployment}}',
        },
      ]),
    )
    .withPanel(
      timeseries('Pods wanted', 'Replicas the autoscaler asks for per deployment (kube-state-metrics; cluster only)', 'short', [
        { expr: 'sum by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_desired_replicas)', legend: '{{horizontalpodautoscaler}}' },
      ]),
    )
    .build();
}

function agencyPerformance(): Dashboard {
  const agency = new QueryVariableBuilder('agency')
    .label('Agency')
    .datasource(DS)
    .query('label_values(serang_applications_submitted_total, agency)')
    .includeAll(true)
    .multi(true)
    .allValue('.*')
    .refresh(VariableRefresh.OnTimeRangeChanged);
  const sel = 'agency=~"$agency"';
  return base(
    'serang-agency-performance',
    'Serang Tatu / Agency performance',
    "A regency performance office's view of one agency (or several): demand, backlog, service levels",
  )
    .withVariable(agency)
    .withPanel(
      stat('Submissions', 'Applications submitted in the dashboard range', 'short', {
        expr: `sum(increase(serang_applications_submitted_total{${sel}}[$__range]))`,
      }),
    )
    .withPanel(
      stat('Backlog', 'Applications not yet ended', 'short', { expr: `sum(max by (agency, service, sla) (serang_applications_open{${sel}}))` }),
    )
    .withPanel(
      stat('SLA compliance', 'Share of applications completed or rejected in the range with no SLA breach', 'percentunit', {
        expr: `sum(increase(serang_applications_closed_total{${sel},outcome!="cancelled",sla="met"}[$__range])) / sum(increase(serang_applications_closed_total{${sel},outcome!="cancelled"}[$__range]))`,
      }),
    )
    .withPanel(
      stat('SLA breaches', 'Applications that ran past their service level in the range', 'short', {
        expr: `sum(increase(serang_sla_breaches_total{${sel}}[$__range]))`,
      }),
    )
    .withPanel(
      timeseries('Submissions by service', 'Applications submitted per hour, per service', 'short', [
        { expr: `sum by (service) (increase(serang_applications_submitted_total{${sel}}[1h]))`, legend: '{{service}}' },
      ]),
    )
    .withPanel(
      timeseries('Backlog by service', 'Open applications per service: on time and already breached', 'short', [
        { expr: `sum by (service, sla) (max by (agency, service, sla) (serang_applications_open{${sel}}))`, legend: '{{service}} {{sla}}' },
      ]),
    )
    .withPanel(
      timeseries('Decisions by outcome', 'Applications ended per hour: completed, rejected, cancelled', 'short', [
        { expr: `sum by (outcome) (increase(serang_applications_closed_total{${sel}}[1h]))`, legend: '{{outcome}}' },
      ]),
    )
    .withPanel(
      timeseries('SLA warnings and breaches', 'Per hour, per service: warnings (80 % of the time gone) and breaches', 'short', [
        { expr: `sum by (service) (increase(serang_sla_warnings_total{${sel}}[1h]))`, legend: 'warnings {{service}}' },
        { expr: `sum by (service) (increase(serang_sla_breaches_total{${sel}}[1h]))`, legend: 'breaches {{service}}' },
      ]),
    )
    .withPanel(
      new TextPanel()
        .title('IKM (community satisfaction index)')
        .gridPos({ h: 5, w: 12, x: 0, y: 0 })
        .content(
          'IKM and complaint figures come with their own issue; until then the analytics `agencyPerformance` query and the open data are the only sources.',
        ),
    )
    .build();
}

function eventFlow(): Dashboard {
  return base(
    'serang-event-flow',
    'Serang Tatu / Event flow health',
    'From the event store through the relay and Kafka to every consumer: is anything behind, stuck or parked?',
  )
    .withRow(new RowBuilder('Event store'))
    .withPanel(
      timeseries('Events appended/s', 'Per stream category', 'ops', [
        { expr: `sum by (category) (${rate('serang_eventstore_appended_events_total')})`, legend: '{{category}}' },
      ]),
    )
    .withPanel(
      timeseries('Append latency', '99th percentile per stream category (queueing in the append coalescer included)', 's', [
        {
          expr: `histogram_quantile(0.99, sum by (category, le) (${rate('serang_eventstore_append_duration_seconds_bucket')}))`,
          legend: '{{category}}',
        },
      ]),
    )
    .withPanel(
      timeseries('Appends by outcome', 'ok, conflict (a writer moved the stream first), error', 'ops', [
        { expr: `sum by (outcome) (${rate('serang_eventstore_appends_total')})`, legend: '{{outcome}}' },
      ]),
    )
    .withRow(new RowBuilder('Relay and consumers'))
    .withPanel(
      timeseries('Relay lag', 'Events not yet acknowledged by Kafka, per context (Kafka mode)', 'short', [
        { expr: 'max by (context) (serang_relay_lag_events)', legend: '{{context}}' },
      ]),
    )
    .withPanel(
      timeseries('Consumer lag (events)', 'Events each consumer (group) has still to apply', 'short', [
        { expr: 'max by (consumer, mode) (serang_consumer_lag_events)', legend: '{{consumer}} ({{mode}})' },
      ]),
    )
    .withPanel(
      timeseries('Consumer lag (seconds)', 'How long the oldest waiting event has waited', 's', [
        { expr: 'max by (consumer) (serang_consumer_lag_seconds)', legend: '{{consumer}}' },
      ]),
    )
    .withPanel(
      timeseries('Projection lag', "How far each service's own read models are behind its own events", 's', [
        { expr: 'max by (consumer) (serang_projection_lag_seconds)', legend: '{{consumer}}' },
      ]),
    )
    .withPanel(
      timeseries('Parked streams and dead letters', 'Streams parked per consumer, and the events they hold (the DLQ depth)', 'short', [
        { expr: 'max by (consumer) (serang_parked_streams)', legend: 'streams {{consumer}}' },
        { expr: 'max by (consumer) (serang_parked_events)', legend: 'events {{consumer}}' },
      ]),
    )
    .withPanel(
      timeseries('Notification deliveries', 'Per channel and status (the notification service reports them)', 'ops', [
        { expr: `sum by (channel, status) (${rate('serang_notification_deliveries_total')})`, legend: '{{channel}} {{status}}' },
      ]),
    )
    .withRow(new RowBuilder('PostgreSQL and Kafka (their exporters, when deployed)'))
    .withPanel(stat('PostgreSQL up', 'postgres_exporter: the server answers', 'short', { expr: 'min(pg_up)' }))
    .withPanel(
      timeseries('PostgreSQL connections', 'postgres_exporter: connections by state', 'short', [
        { expr: 'sum by (state) (pg_stat_activity_count)', legend: '{{state}}' },
      ]),
    )
    .withPanel(
      timeseries('PostgreSQL transactions/s', 'postgres_exporter: commits and rollbacks', 'ops', [
        { expr: `sum(${rate('pg_stat_database_xact_commit')})`, legend: 'commits' },
        { expr: `sum(${rate('pg_stat_database_xact_rollback')})`, legend: 'rollbacks' },
      ]),
    )
    .withPanel(stat('Kafka brokers', 'kafka_exporter: brokers in the cluster', 'short', { expr: 'max(kafka_brokers)' }))
    .withPanel(
      timeseries('Kafka consumer group lag', 'kafka_exporter: messages behind per consumer group', 'short', [
        { expr: 'sum by (consumergroup) (kafka_consumergroup_lag)', legend: '{{consumergroup}}' },
      ]),
    )
    .build();
}

/** The dashboards, by file name (infra/grafana/<name>.json). */
export function dashboards(): Record<string, Dashboard> {
  return {
    'platform-overview': platformOverview(),
    'job-fair-surge': jobFairSurge(),
    'agency-performance': agencyPerformance(),
    'event-flow': eventFlow(),
  };
}

/** The JSON committed for a dashboard: stable key order from the builder, two-space indent. */
export function dashboardJson(d: Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
