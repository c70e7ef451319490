import { describe, it, expect } from 'vitest';
import { codeEncounter, checkAddOnIntegrity, additionalHours, secondaryHydrationUnits, RULES, normaliseDrugName } from './index';
import { adm, at, enc, hydration, infusion, injection, push, rules, units } from './test-support/build';

describe('§2 push or infusion', () => {
  it('a charted push is a push whatever its length (R-PUSH-DEF)', () => {
    const r = codeEncounter(enc('facility', [adm('a1', 'ondansetron', 'push', '10:00', '10:20')]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(r.warnings.find((w) => w.rule === RULES.PUSH_DEF)?.severity).toBe('info');
  });

  it('15 min infusion is a push, 16 min is an infusion (R-SHORT-INFUSION)', () => {
    const r15 = codeEncounter(enc('facility', [infusion('a1', 'ceftriaxone', '11:00', '11:15')]));
    expect(units(r15)).toEqual({ '96374': 1 });
    expect(r15.warnings).toContainEqual(expect.objectContaining({ rule: RULES.SHORT_INFUSION, severity: 'info' }));
    const r16 = codeEncounter(enc('facility', [infusion('a1', 'ceftriaxone', '11:00', '11:16')]));
    expect(units(r16)).toEqual({ '96365': 1 });
    expect(rules(r16)).not.toContain(RULES.SHORT_INFUSION);
  });

  it('seconds are truncated: 15 min 59 s is still a push', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'ceftriaxone', '11:00:00', '11:15:59')]));
    expect(units(r)).toEqual({ '96374': 1 });
  });

  it('an infusion without a stop time is a push with an error (R-INFUSION-NO-STOP)', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'ceftriaxone', '10:00', null)]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(r.warnings).toContainEqual(expect.objectContaining({ rule: RULES.INFUSION_NO_STOP, severity: 'error', administrationIds: ['a1'] }));
  });

  it('flushes and KVO are bundled (R-BUNDLED)', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'saline flush', '10:00'), push('a2', 'ondansetron', '10:05')]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(r.lines[0]!.administrationIds).toEqual(['a2']);
    expect(rules(r)).toContain(RULES.BUNDLED);
  });
});

describe('§3 initial service by rank', () => {
  const all = [
    push('p', 'ondansetron', '08:00'),
    hydration('h', 'normal saline', '07:00', '08:00'),
    infusion('i', 'vancomycin', '09:00', '09:40'),
    push('cp', 'vincristine', '10:00', { chemo: true }),
    infusion('ci', 'doxorubicin', '11:00', '11:40', { chemo: true }),
  ];
  it.each([
    [['p', 'h', 'i', 'cp', 'ci'], '96413'],
    [['p', 'h', 'i', 'cp'], '96409'],
    [['p', 'h', 'i'], '96365'],
    [['p', 'h'], '96374'],
    [['h'], '96360'],
  ])('with %j the initial is %s', (ids, code) => {
    const r = codeEncounter(enc('facility', all.filter((a) => ids.includes(a.id))));
    const initials = r.lines.filter((l) => l.rule === RULES.INITIAL);
    expect(initials).toHaveLength(1);
    expect(initials[0]!.code).toBe(code);
    expect(r.lines[0]!.rule).toBe(RULES.INITIAL);
  });

  it('ties in rank go to the earliest start, then the id', () => {
    const r = codeEncounter(enc('facility', [push('b', 'ketorolac', '08:10'), push('a', 'ondansetron', '08:00')]));
    expect(r.lines[0]).toMatchObject({ code: '96374', administrationIds: ['a'] });
    const same = codeEncounter(enc('facility', [push('z', 'ketorolac', '08:00'), push('y', 'ondansetron', '08:00')]));
    expect(same.lines[0]).toMatchObject({ code: '96374', administrationIds: ['y'] });
  });

  it('explains the initial push as in the contract', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '14:00')]));
    expect(r.lines[0]).toEqual({ code: '96374', units: 1, modifiers: [], administrationIds: ['a1'], rule: 'R-INITIAL', explanation: 'Initial IV push: ondansetron at 14:00' });
  });

  it('IM/SC injections never take the initial slot and are one unit each (R-INJECTION)', () => {
    const r = codeEncounter(enc('facility', [injection('i1', 'ceftriaxone', '07:00'), push('a1', 'ondansetron', '08:00'), injection('i2', 'ketorolac', '09:00')]));
    expect(units(r)).toEqual({ '96374': 1, '96372': 2 });
    expect(r.lines[0]!.code).toBe('96374');
    expect(r.lines.filter((l) => l.code === '96372').every((l) => l.rule === RULES.INJECTION)).toBe(true);
  });

  it('non-facility: the coder may choose another initial (R-INITIAL-OVERRIDE)', () => {
    const admins = [push('a1', 'ondansetron', '10:00'), push('a2', 'ketorolac', '10:30')];
    const r = codeEncounter(enc('non-facility', admins, { initialAdministrationId: 'a2' }));
    expect(r.lines[0]).toMatchObject({ code: '96374', administrationIds: ['a2'] });
    expect(r.lines[0]!.explanation).toMatch(/coder's choice/);
    expect(r.lines[1]).toMatchObject({ code: '96375', administrationIds: ['a1'] });
  });

  it('facility ignores the override, with a note', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00'), push('a2', 'ketorolac', '10:30')], { initialAdministrationId: 'a2' }));
    expect(r.lines[0]).toMatchObject({ code: '96374', administrationIds: ['a1'] });
    expect(rules(r)).toContain(RULES.INITIAL_OVERRIDE);
  });

  it('an override that removes the primary flags the add-ons as errors (R-ADDON-NEEDS-PRIMARY)', () => {
    const r = codeEncounter(enc('non-facility', [hydration('h', 'normal saline', '09:00', '09:45'), push('a1', 'ondansetron', '10:00')], { initialAdministrationId: 'h' }));
    expect(r.lines[0]).toMatchObject({ code: '96360' });
    expect(units(r)['96375']).toBe(1);
    expect(r.warnings).toContainEqual(expect.objectContaining({ rule: RULES.ADDON_NEEDS_PRIMARY, severity: 'error', administrationIds: ['a1'] }));
  });

  it('two sites: one initial and a warning (R-SECOND-SITE)', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '08:00'), push('a2', 'ketorolac', '08:05', { site: 'R hand 22G' })]));
    expect(r.lines.filter((l) => l.rule === RULES.INITIAL)).toHaveLength(1);
    expect(r.warnings).toContainEqual(expect.objectContaining({ rule: RULES.SECOND_SITE, severity: 'warning' }));
  });

  it('one site written two ways is one site', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '08:00'), push('a2', 'ketorolac', '08:05', { site: ' l ac  20g' })]));
    expect(rules(r)).not.toContain(RULES.SECOND_SITE);
  });

  it('separateSiteInitials: the marked site gets its own initial with modifier 59, ranked separately', () => {
    const admins = [
      push('a1', 'ondansetron', '08:00'),
      push('a2', 'ketorolac', '08:05', { site: 'R hand 22G' }),
      infusion('a3', 'vancomycin', '08:30', '09:30', { site: 'R hand 22G' }),
    ];
    const r = codeEncounter(enc('facility', admins, { separateSiteInitials: ['a3'] }));
    const initials = r.lines.filter((l) => l.rule === RULES.INITIAL);
    expect(initials).toEqual([
      expect.objectContaining({ code: '96374', modifiers: [], administrationIds: ['a1'] }),
      expect.objectContaining({ code: '96365', modifiers: ['59'], administrationIds: ['a3'] }),
    ]);
    expect(units(r)).toEqual({ '96374': 1, '96365': 1, '96375': 1 });
  });
});

describe('§4 pushes after the initial service', () => {
  it('new drug → 96375; A, B, A ≥ 30 min → 96374, 96375, 96376', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00'), push('a2', 'ketorolac', '10:10'), push('a3', 'ondansetron', '10:40')]));
    expect(r.lines.map((l) => [l.code, l.administrationIds[0], l.rule])).toEqual([
      ['96374', 'a1', RULES.INITIAL],
      ['96375', 'a2', RULES.PUSH_NEW_DRUG],
      ['96376', 'a3', RULES.PUSH_SAME_DRUG],
    ]);
  });

  it('a 96376 says how long after the reported push as people read it: minutes under an hour, hours and days past it', () => {
    const text = (second: string, day?: string) => codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00'), push('a2', 'ondansetron', day ? at(second, day) : second)])).lines.find((l) => l.code === '96376')!.explanation;
    expect(text('10:30')).toContain('30 min after the 10:00 push');
    expect(text('11:15')).toContain('1 h 15 min after the 10:00 push');
    expect(text('11:00', '2026-05-15')).toContain('1 d 1 h after the 14 May 10:00 push');
  });

  it.each([
    ['08:29:00', false],
    ['08:29:59', false],
    ['08:30:00', true],
    ['08:31:00', true],
  ])('same drug at %s after 08:00 (inclusive default) reportable: %s', (start, reportable) => {
    const r = codeEncounter(enc('facility', [push('a1', 'morphine', '08:00'), push('a2', 'morphine', start)]));
    expect(units(r)['96376'] ?? 0).toBe(reportable ? 1 : 0);
    const w = r.warnings.find((x) => x.rule === RULES.SAME_DRUG_30MIN);
    if (reportable) expect(w).toBeUndefined();
    else expect(w).toMatchObject({ severity: 'warning', administrationIds: ['a2'], eligibleFrom: '2026-05-14T08:30:00Z' });
  });

  it.each([
    ['08:30', false],
    ['08:31', true],
  ])('exclusive boundary: same drug at %s reportable: %s', (start, reportable) => {
    const r = codeEncounter(enc('facility', [push('a1', 'morphine', '08:00'), push('a2', 'morphine', start)], { sameDrugBoundary: 'exclusive' }));
    expect(units(r)['96376'] ?? 0).toBe(reportable ? 1 : 0);
    if (!reportable) expect(r.warnings.find((x) => x.rule === RULES.SAME_DRUG_30MIN)?.eligibleFrom).toBe('2026-05-14T08:31:00Z');
  });

  it('sameDrugMinutes changes the window', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'morphine', '08:00'), push('a2', 'morphine', '08:20')], { sameDrugMinutes: 20 }));
    expect(units(r)['96376']).toBe(1);
  });

  it('the window runs from the last reported push: 10:00, 10:20, 10:35 → 10:35 is reportable', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00'), push('a2', 'ondansetron', '10:20'), push('a3', 'ondansetron', '10:35')]));
    expect(units(r)).toEqual({ '96374': 1, '96376': 1 });
    expect(r.lines[1]!.administrationIds).toEqual(['a3']);
  });

  it('explains the bundled push in a nurse sentence with facility-time', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '14:00'), push('a2', 'ondansetron', '14:20')], { timeZone: 'America/New_York' }));
    const w = r.warnings.find((x) => x.rule === RULES.SAME_DRUG_30MIN)!;
    expect(w.message).toBe('ondansetron again at 10:20 is 20 min after the 10:00 push: not separately reportable; eligible from 10:30');
    expect(w.eligibleFrom).toBe('2026-05-14T14:30:00Z');
  });

  it('"Ondansetron HCl" and "ondansetron" are the same drug', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'Ondansetron HCl', '10:00'), push('a2', 'ondansetron', '10:10')]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(rules(r)).toContain(RULES.SAME_DRUG_30MIN);
    expect(normaliseDrugName('Morphine  Sulfate ')).toBe('morphine');
    expect(normaliseDrugName('Pantoprazole sodium')).toBe('pantoprazole');
    expect(normaliseDrugName('Sodium bicarbonate')).toBe('sodium bicarbonate');
  });

  it('office: a repeat push of the same drug has no code and is never 96375 (R-SAME-DRUG-OFFICE)', () => {
    const r = codeEncounter(enc('non-facility', [push('a1', 'ondansetron', '09:00'), push('a2', 'ondansetron', '10:30')]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(rules(r)).toContain(RULES.SAME_DRUG_OFFICE);
    expect(r.nextEligible[0]).toMatchObject({ drugKey: 'ondansetron', eligibleFrom: null });
    expect(r.nextEligible[0]!.reason).toMatch(/Office/);
  });

  it('a push of a drug first given by infusion is the same drug: 96376 in a facility, nothing in an office', () => {
    const admins = [infusion('a1', 'pantoprazole', '08:00', '08:30'), push('a2', 'pantoprazole', '09:00')];
    const f = codeEncounter(enc('facility', admins));
    expect(units(f)).toEqual({ '96365': 1, '96376': 1 });
    expect(f.lines[1]!.explanation).toMatch(/first given by infusion/);
    const o = codeEncounter(enc('non-facility', admins));
    expect(units(o)).toEqual({ '96365': 1 });
    expect(rules(o)).toContain(RULES.SAME_DRUG_OFFICE);
  });

  it('push A in the evening, infusion A next morning → 96365 + 96376, not 96375', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ceftriaxone', '2026-05-14T21:00:00Z'), infusion('a2', 'ceftriaxone', '2026-05-15T08:00:00Z', '2026-05-15T08:40:00Z')]));
    expect(units(r)).toEqual({ '96365': 1, '96376': 1 });
    expect(rules(r)).toContain(RULES.CROSS_MIDNIGHT);
    expect(r.lines[0]!.explanation).toMatch(/14 May|15 May/);
  });

  it('chemo pushes: 96409, 96411 for a new chemo drug, nothing for a repeat (R-CHEMO-SAME-DRUG)', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'vincristine', '09:00', { chemo: true }), push('a2', 'doxorubicin', '09:10', { chemo: true }), push('a3', 'vincristine', '10:00', { chemo: true })]));
    expect(units(r)).toEqual({ '96409': 1, '96411': 1 });
    expect(rules(r)).toContain(RULES.CHEMO_SAME_DRUG);
    expect(r.nextEligible.find((n) => n.drugKey === 'vincristine')?.eligibleFrom).toBeNull();
  });

  it('non-chemo pushes after a chemo initial are 96375', () => {
    const r = codeEncounter(enc('facility', [infusion('c', 'cisplatin', '09:00', '10:00', { chemo: true }), push('a1', 'ondansetron', '08:30')]));
    expect(units(r)).toEqual({ '96413': 1, '96375': 1 });
  });

  it('nextEligible counts down from the last reported push', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'morphine', '08:00'), push('a2', 'morphine', '08:10'), push('a3', 'ketorolac', '08:05')]));
    expect(r.nextEligible).toEqual([
      { drug: 'ketorolac', drugKey: 'ketorolac', lastReportedAdministrationId: 'a3', lastReportedAt: '2026-05-14T08:05:00Z', eligibleFrom: '2026-05-14T08:35:00Z' },
      { drug: 'morphine', drugKey: 'morphine', lastReportedAdministrationId: 'a1', lastReportedAt: '2026-05-14T08:00:00Z', eligibleFrom: '2026-05-14T08:30:00Z' },
    ]);
  });
});

describe('§5 infusions', () => {
  it.each([
    [61, 0],
    [90, 0],
    [91, 1],
    [150, 1],
    [151, 2],
    [210, 2],
    [211, 3],
  ])('additional-hour formula: %i min → %i', (minutes, extra) => {
    expect(additionalHours(minutes)).toBe(extra);
    const stop = new Date(Date.parse(at('12:00')) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
    const r = codeEncounter(enc('facility', [infusion('a1', 'vancomycin', '12:00', stop)]));
    expect(units(r)['96366'] ?? 0).toBe(extra);
  });

  it('sequential infusion of a new drug: 96367 plus its own additional hours', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'vancomycin', '08:00', '09:00'), infusion('a2', 'cefepime', '09:00', '10:31')]));
    expect(units(r)).toEqual({ '96365': 1, '96367': 1, '96366': 1 });
    expect(r.lines.find((l) => l.code === '96366')!.administrationIds).toEqual(['a2']);
  });

  it('a sequential infusion of 15 minutes or less is a push', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'vancomycin', '08:00', '09:00'), infusion('a2', 'famotidine', '09:05', '09:15')]));
    expect(units(r)).toEqual({ '96365': 1, '96375': 1 });
  });

  it('concurrent infusions: 96368 once per encounter (R-INFUSION-CONCURRENT)', () => {
    const r = codeEncounter(enc('facility', [
      infusion('a1', 'vancomycin', '10:00', '11:30'),
      infusion('a2', 'cefepime', '10:10', '10:50'),
      infusion('a3', 'metronidazole', '10:20', '11:00'),
    ]));
    // The third overlapping infusion is coded sequential once 96368 is used (R-CONCURRENT-LIMIT, issue 14).
    expect(units(r)).toEqual({ '96365': 1, '96368': 1, '96367': 1 });
    expect(r.warnings.filter((w) => w.rule === RULES.CONCURRENT_LIMIT).map((w) => w.administrationIds)).toEqual([['a3']]);
    expect(units(codeEncounter(enc('facility', [
      infusion('a1', 'vancomycin', '10:00', '11:30'),
      infusion('a2', 'cefepime', '10:10', '10:50'),
      infusion('a3', 'metronidazole', '10:20', '11:00'),
    ], { concurrentLimit: 'none' })))).toEqual({ '96365': 1, '96368': 1 });
  });

  it('concurrentMinOverlapMinutes: a 10-minute overlap is sequential when the minimum is 15', () => {
    const admins = [infusion('a1', 'vancomycin', '10:00', '11:00'), infusion('a2', 'cefepime', '10:50', '11:30')];
    expect(units(codeEncounter(enc('facility', admins)))).toEqual({ '96365': 1, '96368': 1 });
    expect(units(codeEncounter(enc('facility', admins, { concurrentMinOverlapMinutes: 15 })))).toEqual({ '96365': 1, '96367': 1 });
  });

  it('repeat infusion of the same drug: default 96366 × 1 (+ hours) with a warning; add-times; none (R-INF-REPEAT)', () => {
    const admins = [infusion('a1', 'ceftriaxone', '08:00', '08:40'), infusion('a2', 'ceftriaxone', '14:00', '15:31')];
    const d = codeEncounter(enc('facility', admins));
    expect(units(d)).toEqual({ '96365': 1, '96366': 2 });
    expect(d.warnings).toContainEqual(expect.objectContaining({ rule: RULES.INF_REPEAT, severity: 'warning' }));
    const add = codeEncounter(enc('facility', admins, { repeatInfusion: 'add-times' }));
    // 40 + 91 = 131 min → 1 additional hour on the first infusion
    expect(units(add)).toEqual({ '96365': 1, '96366': 1 });
    expect(add.lines.find((l) => l.code === '96366')!.administrationIds).toEqual(['a1', 'a2']);
    const none = codeEncounter(enc('facility', admins, { repeatInfusion: 'none' }));
    expect(units(none)).toEqual({ '96365': 1 });
    expect(rules(none)).toContain(RULES.INF_REPEAT);
  });

  it('a repeat infusion of 15 minutes or less follows the push rules, with the R-INF-REPEAT warning', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'ceftriaxone', '08:00', '08:40'), infusion('a2', 'ceftriaxone', '14:00', '14:10')]));
    expect(units(r)).toEqual({ '96365': 1, '96376': 1 });
    expect(rules(r)).toContain(RULES.INF_REPEAT);
  });

  it('chemo infusions: 96413, 96415 by the hour formula, 96417 for a new chemo drug', () => {
    const r = codeEncounter(enc('facility', [
      infusion('a1', 'cisplatin', '08:00', '09:31', { chemo: true }),
      infusion('a2', 'etoposide', '09:40', '10:20', { chemo: true }),
      infusion('a3', 'ondansetron', '07:30', '07:50'),
    ]));
    expect(units(r)).toEqual({ '96413': 1, '96415': 1, '96417': 1, '96367': 1 });
  });
});

describe('§6 hydration', () => {
  it.each([
    [30, {}],
    [31, { '96360': 1 }],
    [90, { '96360': 1 }],
    [91, { '96360': 1, '96361': 1 }],
    [151, { '96360': 1, '96361': 2 }],
  ])('hydration alone of %i min', (minutes, expected) => {
    const stop = new Date(Date.parse(at('07:00')) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
    const r = codeEncounter(enc('facility', [hydration('a1', 'normal saline', '07:00', stop)]));
    expect(units(r)).toEqual(expected);
    if (minutes <= 30) expect(rules(r)).toContain(RULES.HYDRATION_MIN);
  });

  it.each([
    [30, 0],
    [31, 1],
    [45, 1],
    [90, 1],
    [91, 2],
  ])('secondary hydration of %i min → 96361 × %i (R-HYDRATION-SECONDARY)', (minutes, expected) => {
    expect(secondaryHydrationUnits(minutes)).toBe(expected);
    const stop = new Date(Date.parse(at('09:00')) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
    const r = codeEncounter(enc('facility', [push('p', 'ondansetron', '08:00'), hydration('h', 'normal saline', '09:00', stop)]));
    expect(units(r)['96361'] ?? 0).toBe(expected);
  });

  it('overlap with infusions and timed pushes is deducted as a union before the minimums (R-HYDRATION-OVERLAP)', () => {
    // Hydration 10:00–11:20 (80 min); infusions 10:00–10:30 and 10:20–10:40 overlap it for 40 min (union), push 11:00–11:01 for 1.
    const r = codeEncounter(enc('facility', [
      hydration('h', 'normal saline', '10:00', '11:20'),
      infusion('i1', 'vancomycin', '10:00', '10:30'),
      infusion('i2', 'cefepime', '10:20', '10:40'),
      push('p', 'ondansetron', '11:00'),
    ]));
    expect(r.warnings.find((w) => w.rule === RULES.HYDRATION_OVERLAP)?.message).toMatch(/41 min .* 39 min of hydration remain/);
    expect(units(r)['96361']).toBe(1);
  });

  it('hydration entirely under an infusion is not reportable', () => {
    const r = codeEncounter(enc('facility', [infusion('i', 'vancomycin', '10:00', '11:30'), hydration('h', 'normal saline', '10:10', '11:10')]));
    expect(units(r)).toEqual({ '96365': 1 });
    expect(rules(r)).toEqual(expect.arrayContaining([RULES.HYDRATION_OVERLAP, RULES.HYDRATION_MIN]));
  });

  it('hydration without a stop time cannot be billed', () => {
    const r = codeEncounter(enc('facility', [hydration('h', 'normal saline', '10:00', null)]));
    expect(r.lines).toEqual([]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ rule: RULES.DOC_STOP, severity: 'error' }));
  });
});

describe('§8 add-on integrity', () => {
  it('checkAddOnIntegrity flags add-ons without a valid primary', () => {
    expect(checkAddOnIntegrity([{ code: '96374' }, { code: '96375' }])).toEqual([]);
    expect(checkAddOnIntegrity([{ code: '96375', administrationIds: ['a2'] }])).toEqual([
      expect.objectContaining({ index: 0, code: '96375', administrationIds: ['a2'] }),
    ]);
    // 96366 may hang on 96367, but only when 96367 itself has a primary.
    expect(checkAddOnIntegrity([{ code: '96365' }, { code: '96367' }, { code: '96366' }])).toEqual([]);
    expect(checkAddOnIntegrity([{ code: '96367' }, { code: '96366' }]).map((p) => p.code)).toEqual(['96367', '96366']);
    expect(checkAddOnIntegrity([{ code: '96376' }, { code: '96360' }])).toEqual([]);
    expect(checkAddOnIntegrity([{ code: '96374', units: 0 }, { code: '96375' }])).toHaveLength(1);
  });

  it('the engine never emits an add-on it cannot support', () => {
    // Chemo push initial + two overlapping therapeutic infusions: 96368 needs 96365/96366/96413/96415.
    const r = codeEncounter(enc('facility', [push('c', 'vincristine', '08:00', { chemo: true }), infusion('a', 'vancomycin', '09:00', '10:00'), infusion('b', 'cefepime', '09:30', '10:10')]));
    expect(checkAddOnIntegrity(r.lines)).toEqual([]);
    expect(units(r)).toEqual({ '96409': 1, '96367': 1 });
    expect(rules(r)).toContain(RULES.ADDON_NEEDS_PRIMARY);
  });
});

describe('§9 documentation', () => {
  it('plain §12 input raises no documentation gaps', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00')]));
    expect(r.warnings).toEqual([]);
  });

  it('a present but empty field is a gap; requireDocumentation makes missing fields gaps too', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { dose: null, site: '', rationale: ' ', performer: null, route: '' })]));
    expect(rules(r)).toEqual(expect.arrayContaining([RULES.DOC_DOSE, RULES.DOC_SITE, RULES.DOC_RATIONALE, RULES.DOC_SIGNER, RULES.DOC_ROUTE]));
    const req = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00')], { requireDocumentation: true }));
    expect(rules(req)).toEqual(expect.arrayContaining([RULES.DOC_DOSE, RULES.DOC_RATIONALE, RULES.DOC_SIGNER]));
    expect(rules(req)).not.toContain(RULES.DOC_ROUTE);
    const full = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { dose: { value: '4', unit: 'mg' }, rationale: 'nausea', performer: 'A. Nurse RN' })], { requireDocumentation: true }));
    expect(full.warnings.filter((w) => w.rule.startsWith('R-DOC'))).toEqual([]);
  });

  it('a push with stop null lacks its stop (R-DOC-STOP); an injection needs none', () => {
    const r = codeEncounter(enc('facility', [adm('a1', 'ondansetron', 'push', '10:00', null), injection('i1', 'ceftriaxone', '11:00')]));
    expect(r.warnings.filter((w) => w.rule === RULES.DOC_STOP).map((w) => w.administrationIds)).toEqual([['a1']]);
  });

  it('future times (with the caller\'s now) and late entries without a reason are flagged', () => {
    const r = codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { chartedAt: at('12:00') }), push('a2', 'ketorolac', '10:30', { chartedAt: at('12:00'), lateEntryReason: 'code blue' })], { now: at('10:20') }));
    expect(r.warnings).toContainEqual(expect.objectContaining({ rule: RULES.FUTURE_TIME, administrationIds: ['a2'], severity: 'error' }));
    expect(r.warnings.filter((w) => w.rule === RULES.LATE_ENTRY).map((w) => w.administrationIds)).toEqual([['a1']]);
  });

  it('a late entry says how late as people read it, not in raw minutes (boundary: exactly the threshold is on time)', () => {
    const late = (charted: string) => codeEncounter(enc('facility', [push('a1', 'ondansetron', '10:00', { chartedAt: charted })])).warnings.find((w) => w.rule === RULES.LATE_ENTRY)?.message;
    expect(late('2026-05-14T11:00:00Z')).toBeUndefined();
    expect(late('2026-05-14T11:01:00Z')).toContain('was charted 1 h 01 min later');
    expect(late('2026-05-20T23:00:00Z')).toContain('was charted 6 d 13 h later');
  });

  it('stop before start is an error, and the stop is ignored', () => {
    const r = codeEncounter(enc('facility', [infusion('a1', 'vancomycin', '10:00', '09:00')]));
    expect(units(r)).toEqual({ '96374': 1 });
    expect(rules(r)).toContain(RULES.STOP_BEFORE_START);
  });
});

describe('crossing midnight and time zones', () => {
  const admins = [push('a1', 'ondansetron', '2026-05-14T23:50:00Z'), push('a2', 'ketorolac', '2026-05-15T00:20:00Z')];
  it('default: one encounter, one initial, with a note', () => {
    const r = codeEncounter(enc('facility', admins));
    expect(units(r)).toEqual({ '96374': 1, '96375': 1 });
    expect(r.warnings.find((w) => w.rule === RULES.CROSS_MIDNIGHT)?.severity).toBe('info');
  });
  it('per-day: one initial per calendar day', () => {
    const r = codeEncounter(enc('facility', admins, { crossMidnight: 'per-day' }));
    expect(units(r)).toEqual({ '96374': 2 });
  });
  it('days are the facility zone\'s days', () => {
    const r = codeEncounter(enc('facility', admins, { crossMidnight: 'per-day', timeZone: 'America/Chicago' }));
    expect(units(r)).toEqual({ '96374': 1, '96375': 1 });
    expect(r.lines[0]!.explanation).toBe('Initial IV push: ondansetron at 18:50 (per-day option: one initial service per calendar day, 2026-05-14)');
  });
});

describe('output shape', () => {
  it('orders lines initial first, then add-ons by clock, independent of input order', () => {
    const admins = [push('a3', 'ketorolac', '08:20'), infusion('a1', 'vancomycin', '09:00', '10:40'), push('a2', 'ondansetron', '08:00')];
    const r = codeEncounter(enc('facility', admins));
    expect(r.lines.map((l) => l.code)).toEqual(['96365', '96375', '96375', '96366']);
    expect(codeEncounter(enc('facility', [...admins].reverse()))).toEqual(r);
    expect(r.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
