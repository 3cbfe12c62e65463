import { actionsFrom, citizenActionFrom, startState, validateDefinition, validateServiceNames } from '@serang/service-definition';
import { AGENCIES } from '../src/domain/agencies.seed';
import { SERVICES } from '@serang/service-definition/src/seeds';

describe('seeded services', () => {
  it.each(SERVICES.map((s) => [s.id, s] as const))('%s passes validateDefinition', (_id, seed) => {
    expect(validateDefinition(seed.definition)).toEqual({ ok: true, definition: seed.definition });
    expect(validateServiceNames(seed)).toEqual([]);
  });

  it('keeps the first ids and belongs to seeded agencies', () => {
    const ids = SERVICES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['disnakertrans-ak1', 'disnakertrans-job-fair', 'disdukcapil-akta-lahir', 'bapenda-pbb-certificate']));
    expect(ids).toEqual(expect.arrayContaining(['disdukcapil-kk-update', 'kesbangpol-research-recommendation', 'dinsos-dtks']));
    const agencies = new Set(AGENCIES.map((a) => a.code));
    for (const s of SERVICES) expect(agencies.has(s.agencyId)).toBe(true);
  });

  it('gives each a revision loop, a refusal that needs a reason and a completion that needs the output number', () => {
    for (const { id, definition } of SERVICES) {
      const wf = definition.workflow;
      const waiting = wf.states.find((s) => s.needsCitizen);
      expect({ id, resubmit: waiting && citizenActionFrom(wf, waiting.code)?.code }).toEqual({ id, resubmit: 'RESUBMIT' });
      expect({ id, note: wf.actions.find((a) => a.code === 'REJECT')?.requiresNote }).toEqual({ id, note: true });
      expect({ id, output: wf.actions.find((a) => a.code === 'COMPLETE')?.requiresOutputReference }).toEqual({ id, output: true });
      expect(actionsFrom(wf, startState(wf).code).length).toBeGreaterThan(0);
    }
  });
});
