import { describe, expect, it } from 'vitest';
import { draftAfterSignIn, userChangedMessage } from './draft-owner';

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

describe('the notice when a page open for one person comes back for another', () => {
  it('names both, in that order, and says nothing typed was saved', () => {
    const m = userChangedMessage(nora, tomas);
    expect(m.startsWith('Signed in as Tomás Reyes now: this page was open for Nora Quinn,')).toBe(true);
    expect(m).toContain('none of it was saved, in either name');
    expect(userChangedMessage(tomas, nora)).toContain('Signed in as Nora Quinn now: this page was open for Tomás Reyes');
  });
});
