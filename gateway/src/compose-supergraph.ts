import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The subgraphs of the platform, at their default local addresses. */
export const SUBGRAPHS: readonly SubgraphEndpoint[] = [
  { name: 'identity', url: 'http://127.0.0.1:4101/graphql' },
  { name: 'catalogue', url: 'http://127.0.0.1:4102/graphql' },
  { name: 'request', url: 'http://127.0.0.1:4103/graphql' },
  { name: 'notification', url: 'http://127.0.0.1:4104/graphql' },
  { name: 'analytics', url: 'http://127.0.0.1:4105/graphql' },
];

/** Asks each running subgraph for its SDL (`_service { sdl }`). */
export async function fetchSubgraphSdl(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
  if (!body.data) throw new Error(`no SDL from ${url}: ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}

/**
 * Composes the supergraph from the subgraphs' SDL, with the URLs the committed supergraph names
 * (local defaults; a cluster overrides them with SUBGRAPH_<NAME>_URL). Throws on composition errors.
 */
export function compose(subgraphs: ReadonlyArray<SubgraphEndpoint & { sdl: string }>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length || !result.supergraphSdl)
    throw new Error(`supergraph composition failed:\n${(result.errors ?? []).map((e) => `  - ${e.message}`).join('\n')}`);
  return `${result.supergraphSdl.trim()}\n`;
}
