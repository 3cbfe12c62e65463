import { actionOf, actionsFrom, citizenActionFrom, definitionMessages, isCancellable, startState, stateOf } from '../src';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validDefinition } from './definition.fixture';

const wf = validDefinition().workflow;

describe('workflow helpers', () => {
  it('finds the start state, states and actions by code', () => {
    expect(startState(wf).code).toBe('SUBMITTED');
    expect(stateOf(wf, 'IN_REVIEW')?.slaWorkingDays).toBe(2);
    expect(stateOf(wf, 'NOPE')).toBeUndefined();
    expect(actionOf(wf, 'REJECT')?.requiresNote).toBe(true);
    expect(actionOf(wf, 'CLAIM')).toBeUndefined();
    expect(() => startState({ states: [], actions: [] })).toThrow(/no start state/);
  });

  it('lists the actions out of a state in the definition’s order', () => {
    expect(actionsFrom(wf, 'IN_REVIEW').map((a) => a.code)).toEqual(['REQUEST_REVISION', 'APPROVE', 'REJECT']);
    expect(actionsFrom(wf, 'COMPLETED')).toEqual([]);
  });

  it('gives the citizen’s one action only out of a state that waits on them', () => {
    expect(citizenActionFrom(wf, 'REVISION_REQUESTED')?.code).toBe('RESUBMIT');
    expect(citizenActionFrom(wf, 'IN_REVIEW')).toBeUndefined();
  });

  it('lets the applicant cancel in non-terminal states unless one says otherwise', () => {
    expect(isCancellable(wf, 'SUBMITTED')).toBe(true);
    expect(isCancellable(wf, 'REVISION_REQUESTED')).toBe(true);
    expect(isCancellable(wf, 'APPROVED')).toBe(false);
    expect(isCancellable(wf, 'COMPLETED')).toBe(false);
    expect(isCancellable(wf, 'CANCELLED')).toBe(false);
  });
});

describe('definitionMessages', () => {
  it('covers exactly the reasons the validator can report, each in Indonesian and English with the same placeholders', () => {
    const src = join(__dirname, '../src');
    const code = readdirSync(src, { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => readFileSync(join(src, f.name), 'utf8'))
      .join('\n'); // the validator's files, not the seeds
    // Every reason is written as p.add(path, 'REASON', …) or as a ternary between two of them.
    const added = new Set([...code.matchAll(/'([A-Z][A-Z_]+)'/g)].map((m) => `DEFINITION.${m[1]}`).filter((r) => r in definitionMessages));
    added.add('DEFINITION.INVALID');
    expect(Object.keys(definitionMessages).sort()).toEqual([...added].sort());
    for (const [reason, { id, en }] of Object.entries(definitionMessages)) {
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ reason, holes: holes(id) }).toEqual({ reason, holes: holes(en) });
      expect(id).not.toBe(en);
    }
  });
});
