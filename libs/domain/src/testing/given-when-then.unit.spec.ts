import { DomainRuleViolation, type Decider } from '../kernel/index.js';
import { given } from './given-when-then.js';

// A toy counter whose rules are easy to see, to check that the helper fails when it should.
type Added = { readonly type: 'Added'; readonly by: number };
type Add = { readonly by: number };
const counter: Decider<{ total: number }, Add, Added> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.by }),
  decide: (command, state) => {
    if (command.by === 0)
      throw new DomainRuleViolation('nothing-to-add', 'unprocessable', 'zero', 'by');
    if (command.by < 0) throw new TypeError('a bug, not a rule');
    if (state.total + command.by > 10)
      throw new DomainRuleViolation('too-much', 'conflict', 'over 10');
    return [{ type: 'Added', by: command.by }];
  },
};
const mutating: Decider<{ total: number }, Add, Added> = {
  ...counter,
  decide: (command, state) => {
    state.total += command.by;
    return [];
  },
};

describe('given/when/then', () => {
  it('passes when the expected events are decided, and fails otherwise', () => {
    given(counter, [{ type: 'Added', by: 4 }])
      .when({ by: 2 })
      .then([{ type: 'Added', by: 2 }]);
    expect(() =>
      given(counter, [])
        .when({ by: 2 })
        .then([{ type: 'Added', by: 3 }]),
    ).toThrow();
    expect(() => given(counter, []).when({ by: 2 }).then([])).toThrow();
  });

  it('thenFails passes for the expected code, kind and field and returns the violation', () => {
    const violation = given(counter, [{ type: 'Added', by: 9 }])
      .when({ by: 2 })
      .thenFails('too-much', { kind: 'conflict' });
    expect(violation.message).toBe('over 10');
    given(counter, []).when({ by: 0 }).thenFails('nothing-to-add', { field: 'by' });
  });

  it('thenFails fails when the command is accepted, or fails otherwise than expected', () => {
    expect(() => given(counter, []).when({ by: 2 }).thenFails('too-much')).toThrow(/accepted/);
    expect(() =>
      given(counter, [{ type: 'Added', by: 9 }])
        .when({ by: 2 })
        .thenFails('other-code'),
    ).toThrow();
    expect(() =>
      given(counter, [{ type: 'Added', by: 9 }])
        .when({ by: 2 })
        .thenFails('too-much', { kind: 'unprocessable' }),
    ).toThrow();
    expect(() =>
      given(counter, []).when({ by: 0 }).thenFails('nothing-to-add', { field: 'other' }),
    ).toThrow();
  });

  it('thenFails fails when the error is not a DomainRuleViolation', () => {
    expect(() => given(counter, []).when({ by: -1 }).thenFails('nothing-to-add')).toThrow();
  });

  it('fails a decide that mutates the given state', () => {
    expect(() => given(mutating, []).when({ by: 1 }).then([])).toThrow(TypeError);
  });
});
