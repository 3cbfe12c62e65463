import type { Lang } from '@serang/platform';
import type { ServiceDefinitionDocument } from '@serang/service-definition';
import type { ExistingService } from '../domain/service.aggregate';
import type { AgencyRow, ServiceHeadRow, ServiceRow } from '../infra/catalogue.tables';
import { Agency, Service } from './catalogue.models';
import { ActionRole, WorkflowOutcome, type WorkflowView } from './definition-parts.models';
import { ServiceLifecycleStatus, type ManagedService } from './service-authoring.models';

/** Read-model rows and decided states → what GraphQL answers, in the caller's language. */

const pick = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);

export function agencyView(r: AgencyRow, lang: Lang): Agency {
  return { id: r.id, code: r.code, name: pick(lang, r.name_id, r.name_en), nameId: r.name_id, nameEn: r.name_en };
}

interface PublishedVersion {
  id: string;
  version: number;
  code: string;
  nameId: string;
  nameEn: string;
  agency: Agency;
  definition: ServiceDefinitionDocument;
  publishedAt: Date;
  retiredAt: Date | null;
  latest: boolean;
}

export function serviceView(v: PublishedVersion, lang: Lang): Service {
  const d = v.definition;
  return {
    id: v.id,
    version: v.version,
    code: v.code,
    name: pick(lang, v.nameId, v.nameEn),
    nameId: v.nameId,
    nameEn: v.nameEn,
    agency: v.agency,
    description: pick(lang, d.descriptionId, d.descriptionEn),
    descriptionId: d.descriptionId,
    descriptionEn: d.descriptionEn,
    slaWorkingDays: d.slaWorkingDays,
    fee: { amount: d.fee.amount, currency: d.fee.currency, free: d.fee.amount === 0 },
    requiredDocuments: d.requiredDocuments.map((r) => ({ ...r, name: pick(lang, r.nameId, r.nameEn), mediaTypes: [...r.mediaTypes] })),
    formSchema: JSON.stringify(d.form),
    workflow: workflowView(d, lang),
    definitionJson: JSON.stringify(d),
    publishedAt: v.publishedAt,
    retiredAt: v.retiredAt,
    acceptsApplications: v.latest && v.retiredAt === null,
  };
}

export function serviceRowView(r: ServiceRow, lang: Lang): Service {
  const agency = agencyView({ id: r.agency_id, code: r.a_code, name_id: r.a_name_id, name_en: r.a_name_en }, lang);
  return serviceView(
    {
      id: r.id,
      version: r.version,
      code: r.code,
      nameId: r.name_id,
      nameEn: r.name_en,
      agency,
      definition: r.definition,
      publishedAt: r.published_at,
      retiredAt: r.retired_at,
      latest: r.latest,
    },
    lang,
  );
}

function workflowView(d: ServiceDefinitionDocument, lang: Lang): WorkflowView {
  return {
    states: d.workflow.states.map((s) => ({
      code: s.code,
      name: pick(lang, s.nameId, s.nameEn),
      nameId: s.nameId,
      nameEn: s.nameEn,
      start: s.start === true,
      terminal: s.terminal === true,
      outcome: s.outcome ? WorkflowOutcome[s.outcome] : null,
      needsCitizen: s.needsCitizen === true,
      slaWorkingDays: s.slaWorkingDays ?? null,
      cancellable: s.terminal !== true && s.cancellable !== false,
    })),
    actions: d.workflow.actions.map((a) => ({
      code: a.code,
      name: pick(lang, a.nameId, a.nameEn),
      nameId: a.nameId,
      nameEn: a.nameEn,
      from: [...a.from],
      to: a.to,
      roles: a.roles.map((r) => ActionRole[r]),
      requiresNote: a.requiresNote === true,
      requiresOutputReference: a.requiresOutputReference === true,
    })),
  };
}

/** A service as listed for its agency, from its head row and (when published) the version in force. */
export function managedHeadView(h: ServiceHeadRow, agency: Agency, published: Service | null, lang: Lang): ManagedService {
  const draft =
    h.draft_version !== null
      ? {
          version: h.draft_version,
          name: pick(lang, h.draft_name_id!, h.draft_name_en!),
          nameId: h.draft_name_id!,
          nameEn: h.draft_name_en!,
          definitionJson: h.draft_definition_json!,
          savedAt: h.draft_saved_at!,
        }
      : null;
  return {
    id: h.id,
    code: h.code,
    agency,
    status: ServiceLifecycleStatus[h.status],
    revision: h.revision,
    name: draft?.name ?? published?.name ?? h.code,
    published,
    draft,
    retiredAt: h.retired_at,
  };
}

/** A service as its stream tells it: what a mutation answers at once, before the read model catches up. */
export function managedStateView(s: ExistingService, agency: Agency, lang: Lang): ManagedService {
  const retiredAt = s.retiredAt ? new Date(s.retiredAt) : null;
  const p = s.published;
  const published = p
    ? serviceView(
        {
          id: s.serviceId,
          version: p.version,
          code: s.code,
          nameId: p.nameId,
          nameEn: p.nameEn,
          agency,
          definition: JSON.parse(p.definitionJson),
          publishedAt: new Date(p.at),
          retiredAt,
          latest: true,
        },
        lang,
      )
    : null;
  const d = s.draft;
  const draft = d
    ? {
        version: d.version,
        name: pick(lang, d.nameId, d.nameEn),
        nameId: d.nameId,
        nameEn: d.nameEn,
        definitionJson: d.definitionJson,
        savedAt: new Date(d.at),
      }
    : null;
  return {
    id: s.serviceId,
    code: s.code,
    agency,
    status: ServiceLifecycleStatus[s.status],
    revision: s.revision,
    name: draft?.name ?? published!.name,
    published,
    draft,
    retiredAt,
  };
}
