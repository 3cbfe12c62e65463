/**
 * `npm run dashboards`: writes the Grafana dashboards defined in infra/grafana/dashboards.ts to
 * infra/grafana/<name>.json (committed, shipped by the chart; a test fails when they drift).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dashboardJson, dashboards } from '../infra/grafana/dashboards';

for (const [name, d] of Object.entries(dashboards())) {
  const path = resolve(__dirname, '../infra/grafana', `${name}.json`);
  writeFileSync(path, dashboardJson(d));
  console.log(`wrote ${path}`);
}
