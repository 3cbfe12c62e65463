import type { Command, Decider, DomainEvent } from '@serang/eventstore';

/** When the i-th given event happened, unless a spec says otherwise: a minute apart from 2026-01-05 10:00 WIB. */
const defaultOccurredAt = (i: number): string => new Date(Date.UTC(2026, 0, 5, 3, i)).toISOString();

/**
 * given(events).when(command).then(events) | .thenThrows(error), as in emmett's
 * DeciderSpecification: the state is always rebuilt from events through the decider's own
 * `evolve`, never set by hand. One helper for every decider of the platform.
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  occurredAt: (index: number) => string = defaultOccurredAt,
) {
  return (given: readonly E[]) => {
    const state = given.reduce((s, e, i) => decider.evolve(s, e, { occurredAt: occurredAt(i) }), decider.initialState);
    return {
      /** The state the given events make (to assert on evolve). */
      state,
      when: (command: C) => {
        const run = () => decider.decide(command, state);
        return {
          then: (expected: readonly E[]) => expect(run()).toEqual(expected),
          thenThrows: (error: new (...args: never[]) => Error, fields?: Record<string, unknown>) => {
            expect(run).toThrow(error);
            if (fields) {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              expect(thrown).toMatchObject(fields);
            }
          },
        };
      },
    };
  };
}
