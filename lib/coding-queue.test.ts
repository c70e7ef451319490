import { describe, expect, it } from 'vitest';
import {
  checkQueueFacility,
  clampQueuePage,
  foldedNameRanges,
  foldSearchText,
  isNothingToSearch,
  matchesQueueSearch,
  MRN_SEPARATORS,
  nameWordStarts,
  NAME_SEPARATOR_GLOB,
  parseQueueSearch,
  prefixRange,
  QUEUE_PAGE_SIZE,
  QUEUE_SEARCH_MAX,
  queueHref,
  readQueueView,
} from './coding-queue';

const patient = (familyName: string, givenName: string, mrn = 'X-1') => ({ familyName, givenName, mrn });

describe('foldSearchText', () => {
  it('drops case, accents, apostrophes, hyphens and spaces, and spells out letters without a decomposition', () => {
    expect(foldSearchText('ÉLODIE')).toBe('elodie');
    expect(foldSearchText('Élodie')).toBe('elodie');
    expect(foldSearchText('ØSTERGAARD')).toBe('ostergaard');
    expect(foldSearchText('O’Brien')).toBe('obrien');
    expect(foldSearchText("O'Brien")).toBe('obrien');
    expect(foldSearchText('ED-100234')).toBe('ed100234');
    expect(foldSearchText('Straße Æbelø Łódź')).toBe('strasseaebelolodz');
    expect(foldSearchText('Иванова')).toBe('иванова');
    expect(foldSearchText("--'")).toBe('');
  });
});

describe('parseQueueSearch and matchesQueueSearch', () => {
  it('splits name words from MRN parts', () => {
    expect(parseQueueSearch('quinn 1002')).toEqual({ words: ['quinn'], mrnParts: ['1002'], joined: null, whole: 'quinn1002' });
    expect(parseQueueSearch('O brien')).toEqual({ words: ['o', 'brien'], mrnParts: [], joined: 'obrien', whole: null });
    expect(parseQueueSearch('ED-100234')).toEqual({ words: [], mrnParts: ['ed100234'], joined: null, whole: null });
    expect(parseQueueSearch('  ')).toBeNull();
    expect(isNothingToSearch(parseQueueSearch('--'))).toBe(true);
    expect(isNothingToSearch(parseQueueSearch("'"))).toBe(true);
    expect(isNothingToSearch(parseQueueSearch('a'))).toBe(false);
  });

  it('matches as a coder types: accents, apostrophes and hyphens aside, name and MRN together', () => {
    const obrien = patient("O'Brien", 'Siobhan', 'ED-100234');
    for (const q of ['obrien', 'o brien', 'O’Brien', 'OBRIEN', 'siobhan o', 'ED100234', 'ed-1002', '100234', 'ED 100234', 'obrien 1002']) {
      expect(matchesQueueSearch(parseQueueSearch(q), obrien), q).toBe(true);
    }
    // "brien" starts the word after the apostrophe (issue 15: every word of a name is searchable); "rien" starts none.
    for (const q of ['rien', 'obrien 999', 'quinn 1002', 'ED100235', '--']) expect(matchesQueueSearch(parseQueueSearch(q), obrien), q).toBe(false);
    expect(matchesQueueSearch(parseQueueSearch('ÉLODIE'), patient('Østergaard', 'Élodie'))).toBe(true);
    expect(matchesQueueSearch(parseQueueSearch('ØSTERGAARD'), patient('Østergaard', 'Élodie'))).toBe(true);
    expect(matchesQueueSearch(parseQueueSearch(undefined), obrien)).toBe(true);
  });

  it('names to check beyond the plain prefix lie in index ranges that hold them', () => {
    const inSomeRange = (name: string, word: string) => {
      // NOCASE order: ASCII letters compared lower-cased, everything else by code point (UTF-8 byte order).
      const k = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
      return foldedNameRanges(word).some(([from, to]) => k >= from && k < to);
    };
    expect(inSomeRange("O'Brien", 'obrien')).toBe(true);
    expect(inSomeRange('O’Brien', 'obrien')).toBe(true);
    expect(inSomeRange('Østergaard', 'ostergaard')).toBe(true);
    expect(inSomeRange('Smith-Jones', 'smithjones')).toBe(true);
    expect(inSomeRange('MÜLLER', 'muller')).toBe(true);
    expect(inSomeRange('Obrien', 'obrien')).toBe(false); // the plain prefix: found by LIKE, not a candidate
    expect(inSomeRange('Brown', 'obrien')).toBe(false);
    expect(prefixRange('obrien')).toEqual(['obrien', 'obrieo']);
    expect(prefixRange('иван')).toEqual(['иван', 'ивао']);
  });

  it('every word of a name, split at spaces, hyphens and apostrophes, starts a text to the name end', () => {
    expect(nameWordStarts("Núñez-O'Connor")).toEqual(['nunezoconnor', 'oconnor', 'connor']);
    expect(nameWordStarts('van der Berg')).toEqual(['vanderberg', 'derberg', 'berg']);
    expect(nameWordStarts('Wei 美玲')).toEqual(['wei美玲', '美玲']);
    const cases: Array<[string, string, string[], string[]]> = [
      ["Núñez-O'Connor", 'José Luis', ['oconnor', 'connor', 'o connor', 'nunez', 'luis', 'jose luis', 'NÚÑEZ-O’CONNOR'], ['onnor', 'uis', 'nunez luisa']],
      ["Παπαδόπουλος-O'Neil", 'Anne-Marie', ['oneil', 'neil', 'marie', 'παπαδοπουλος', 'anne marie'], ['eil', 'arie']],
      ['van der Berg', 'Wei 美玲', ['berg', 'der berg', 'van', '美玲', 'wei'], ['erg', '玲']],
    ];
    for (const [family, given, yes, no] of cases) {
      for (const q of yes) expect(matchesQueueSearch(parseQueueSearch(q), patient(family, given)), `${q} → ${family}`).toBe(true);
      for (const q of no) expect(matchesQueueSearch(parseQueueSearch(q), patient(family, given)), `${q} ↛ ${family}`).toBe(false);
    }
    // The SQL's GLOB holds every separator the split uses, so no name with a later word is left unread.
    for (const sep of [' ', '-', "'", '’', 'ʼ', '.']) expect(NAME_SEPARATOR_GLOB.includes(sep), sep).toBe(true);
  });

  it('an MRN is matched as shown, without separators, and by any contiguous part, several hyphens or not', () => {
    for (const mrn of ['ED-2024-0042', 'L-0-0000203', 'ED-100-234', 'MS 2001']) {
      const bare = mrn.replace(/[-\s]/g, '');
      const parts = [mrn, mrn.toLowerCase(), bare];
      for (let i = 0; i < mrn.length; i++) for (let j = i + 2; j <= mrn.length; j++) parts.push(mrn.slice(i, j));
      for (const q of parts.filter((p) => /\d/.test(p))) expect(matchesQueueSearch(parseQueueSearch(q), patient('X', 'Y', mrn)), `${q} → ${mrn}`).toBe(true);
      expect(matchesQueueSearch(parseQueueSearch(`${bare}9`), patient('X', 'Y', mrn))).toBe(false);
    }
    expect(MRN_SEPARATORS).toEqual(expect.arrayContaining(['-', ' ']));
  });
});

describe('readQueueView: tampered parameters are not applied silently', () => {
  it('takes what the form sends', () => {
    const { view, notices } = readQueueView({ q: ' alv ', status: 'any', facility: '2', from: '2026-03-01', to: '2026-03-02', warnings: '1', query: '1', returned: '1', sort: 'opened-asc', page: '3' });
    expect(notices).toEqual([]);
    expect(view).toEqual({ q: 'alv', status: 'any', facility: 2, from: '2026-03-01', to: '2026-03-02', warnings: '1', query: 'open-or-answered', returned: '1', sort: 'opened-asc', page: 3 });
    expect(readQueueView({})).toEqual({ view: { status: 'ready-for-coding', sort: 'opened-desc', page: 1 }, notices: [] });
  });

  it.each([
    [{ page: '1e3' }, 'page', 'Page “1e3” is not a page number — showing page 1'],
    [{ page: '-1' }, 'page', 'Page “-1” is not a page number — showing page 1'],
    [{ page: '0' }, 'page', 'Page “0” is not a page number — showing page 1'],
    [{ page: '2.5' }, 'page', 'Page “2.5” is not a page number — showing page 1'],
    [{ status: 'deleted' }, 'status', "Status “deleted” is not one of the queue's — showing Ready for coding"],
    [{ sort: 'id' }, 'sort', "Sort “id” is not one of the queue's — showing newest first"],
    [{ query: 'maybe' }, 'query', "Query filter “maybe” is not one of the queue's — showing any query state"],
    [{ facility: 'abc' }, 'facility', 'Facility “abc” is not a facility number — showing all your facilities'],
    [{ facility: '-3' }, 'facility', 'Facility “-3” is not a facility number — showing all your facilities'],
    [{ from: '2026-02-30' }, 'from', 'Service from “2026-02-30” is not a date (YYYY-MM-DD) — not applied'],
    [{ warnings: 'yes' }, 'warnings', 'Has warnings “yes” is not 1 — not applied'],
  ] as const)('%o gives a notice', (raw, param, message) => {
    const { view, notices } = readQueueView(raw);
    expect(notices).toEqual([{ param, message }]);
    expect(view[param as keyof typeof view]).toEqual({ page: 1, status: 'ready-for-coding', sort: 'opened-desc' }[param as string]);
  });

  it('cuts a long search to its maximum and says so; a repeated parameter counts once', () => {
    const { view, notices } = readQueueView({ q: 'x'.repeat(20_000) });
    expect(view.q).toHaveLength(QUEUE_SEARCH_MAX);
    expect(notices).toEqual([{ param: 'q', message: `Search shortened to its first ${QUEUE_SEARCH_MAX} characters (20,000 were given)` }]);
    expect(readQueueView({ status: ['coded', 'open'] }).view.status).toBe('coded');
  });

  it('a repeated parameter is not applied silently: the first counts, and a notice names the others', () => {
    const facility = readQueueView({ facility: ['1', '2'] });
    expect(facility.view.facility).toBe(1);
    expect(facility.notices).toEqual([{ param: 'facility', message: 'Facility is given 2 times (“1”, “2”) — only the first is read' }]);
    const page = readQueueView({ page: ['1', '2'], q: 'alv' });
    expect(page.view.page).toBe(1);
    expect(page.notices).toEqual([{ param: 'page', message: 'Page is given 2 times (“1”, “2”) — only the first is read' }]);
    // Every parameter the form sends, repeated, gives its notice.
    for (const param of ['q', 'status', 'facility', 'from', 'to', 'warnings', 'query', 'returned', 'sort', 'page']) {
      expect(readQueueView({ [param]: ['1', '1'] }).notices.map((n) => n.param), param).toContain(param);
    }
    // A repeated bad value gives both notices; thousands of repeats give one short one.
    expect(readQueueView({ page: ['x', '2'] }).notices.map((n) => n.param)).toEqual(['page', 'page']);
    expect(readQueueView({ sort: Array(5_000).fill('opened-asc') }).notices[0]!.message.length).toBeLessThan(160);
    expect(readQueueView({ page: 'x'.repeat(500) }).notices[0]!.message).toBe('Page “xxxxxxxxxxxxxxxxxxxxxxxx…” is not a page number — showing page 1');
  });

  it('a facility not among the coder’s is dropped with a notice; a page past the last shows the last', () => {
    const { view } = readQueueView({ facility: '999', page: '99999' });
    const mine = [{ id: 1 }, { id: 2 }];
    expect(checkQueueFacility(view, mine)).toEqual({ view: { ...view, facility: undefined }, notice: { param: 'facility', message: 'Facility 999 is not one of yours — showing all your facilities' } });
    expect(checkQueueFacility({ ...view, facility: 2 }, mine).notice).toBeNull();
    expect(clampQueuePage(view, 3 * QUEUE_PAGE_SIZE + 1)).toEqual({ view: { ...view, page: 4 }, notice: { param: 'page', message: 'Page 99,999 does not exist — showing the last page (4)' } });
    expect(clampQueuePage(view, 0).view.page).toBe(1);
    expect(clampQueuePage({ ...view, page: 4 }, 4 * QUEUE_PAGE_SIZE).notice).toBeNull();
  });
});

describe('queueHref', () => {
  it('carries the page to the review and back, so "Back to the queue" returns to it', () => {
    const { view } = readQueueView({ q: 'quinn', status: 'any', page: '3' });
    expect(queueHref(view, 12)).toBe('/coding/12?q=quinn&status=any&page=3');
    expect(queueHref(view)).toBe('/coding?q=quinn&status=any&page=3');
    expect(queueHref(view, undefined, false)).toBe('/coding?q=quinn&status=any');
  });
});
