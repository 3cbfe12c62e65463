import { PBB_CERTIFICATE } from './bapenda.seed';
import { AKTA_LAHIR, KK_UPDATE } from './disdukcapil.seed';
import { DTKS } from './dinsos.seed';
import { AK1, JOB_FAIR } from './disnakertrans.seed';
import { RESEARCH_RECOMMENDATION } from './kesbangpol.seed';
import type { ServiceSeed } from './seed-parts';

export type { ServiceSeed } from './seed-parts';

/**
 * The services the platform's catalogue starts with (seeded by catalogue; request's workflow
 * engine is specified against them), one or two per agency with the most traffic in the
 * first months of the real rollout (SPEC.md), each created and published as version 1.
 *
 * Forms, documents, workflows and SLAs follow how these services usually run in a regency; they
 * are a starting point an agency admin edits, not an SOP. Fees are illustrative: all seven are
 * free as far as we know (population documents are free by law, UU 24/2013 Pasal 79A), but the
 * fee of each service must be checked against the regency's current regulations before use.
 * Ids are stable (seeding creates each stream once, with `no_stream`).
 */
export const SERVICES: readonly ServiceSeed[] = [AK1, JOB_FAIR, KK_UPDATE, AKTA_LAHIR, PBB_CERTIFICATE, RESEARCH_RECOMMENDATION, DTKS];
