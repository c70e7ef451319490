import { describe, expect, it } from 'vitest';
import { draftAfterSignIn } from './draft-owner';

const nora = { id: 'user-nurse-1', name: 'Nora Quinn' };
const tomas = { id: 'user-nurse-2', name: 'Tomás Reyes' };

describe('whose draft it is after signing in through the session-ended dialog', () => {
  it('the same clinician keeps the draft', () => {
    expect(draftAfterSignIn(nora, { ...nora })).toEqual({ keep: true });
  });

  it('a different clinician does not inherit it: discarded, and the message names both', () => {
    expect(draftAfterSignIn(nora, tomas)).toEqual({
      keep: false,
      message: 'Signed in as Tomás Reyes: the unsaved entry of Nora Quinn was discarded — chart it again if you gave it.',
    });
    // Compared by id, not by name: a namesake is another person.
    expect(draftAfterSignIn(nora, { id: 'user-nurse-9', name: 'Nora Quinn' }).keep).toBe(false);
  });

  it('an unknown new user is not taken for the owner', () => {
    const r = draftAfterSignIn(nora, null);
    expect(r.keep).toBe(false);
    expect(r).toMatchObject({ message: expect.stringContaining('the unsaved entry of Nora Quinn was discarded') });
  });
});
