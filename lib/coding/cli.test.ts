import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'pushchart-codes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(content: string | null, name = 'input.json') {
  const file = join(dir, name);
  if (content !== null) writeFileSync(file, content);
  return spawnSync(tsx, ['scripts/codes.ts', file], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

const one = {
  setting: 'facility',
  options: { sameDrugMinutes: 30, sameDrugBoundary: 'inclusive' },
  administrations: [
    { id: 'a1', drug: 'ondansetron', kind: 'push', chemo: false, start: '2026-03-02T14:00:00Z', stop: '2026-03-02T14:01:00Z', site: 'L AC 20G' },
    { id: 'a2', drug: 'ondansetron', kind: 'push', start: '2026-03-02T14:20:00Z', stop: '2026-03-02T14:21:00Z', site: 'L AC 20G' },
  ],
};

describe('npm run codes -- FILE', () => {
  it('codes one encounter to the §12 result on stdout', () => {
    const r = run(JSON.stringify(one));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lines).toEqual([{ code: '96374', units: 1, modifiers: [], administrationIds: ['a1'], rule: 'R-INITIAL', explanation: 'Initial IV push: ondansetron at 14:00' }]);
    expect(out.warnings).toContainEqual(expect.objectContaining({ rule: 'R-SAME-DRUG-30MIN', severity: 'warning', administrationIds: ['a2'], eligibleFrom: '2026-03-02T14:30:00Z' }));
  });

  it('codes an array of encounters to an array of results, same order', () => {
    const office = { ...one, setting: 'non-facility' };
    const single = { setting: 'facility', administrations: [{ id: 'x', drug: 'vancomycin', kind: 'infusion', start: '2026-03-02T12:00:00Z', stop: '2026-03-02T13:31:00Z' }] };
    const r = run(JSON.stringify([one, single, office]), 'array.json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[1].lines.map((l: { code: string }) => l.code)).toEqual(['96365', '96366']);
    expect(out[2].warnings.map((w: { rule: string }) => w.rule)).toContain('R-SAME-DRUG-OFFICE');
  });

  it('rejects invalid input naming the field: exit 2, message on stderr, nothing on stdout', () => {
    const bad = structuredClone(one);
    (bad.administrations[1] as { start: string }).start = '2026-03-02 14:20';
    const r = run(JSON.stringify(bad), 'bad.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('administrations[1].start: invalid ISO 8601 instant');
  });

  it('names the element of an array and other fields', () => {
    const stopBeforeStart = { setting: 'facility', administrations: [{ id: 'a', drug: 'x', kind: 'push', start: '2026-03-02T14:00:00Z', stop: '2026-03-02T13:00:00Z' }] };
    const r = run(JSON.stringify([one, { ...one, setting: 'clinic' }, stopBeforeStart]), 'bad-array.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("[1].setting: must be 'facility' or 'non-facility'");
    expect(r.stderr).toContain('[2].administrations[0].stop: stop is before start');
  });

  it('unreadable file or bad JSON: exit 2 with a message', () => {
    const missing = run(null, 'does-not-exist.json');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/cannot read/);
    const broken = run('{ "setting": ', 'broken.json');
    expect(broken.status).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/not valid JSON/);
  });

  it('accepts the issue 14 fields and options (pump, integralTo, concentration, concurrentLimit, hydrationTime)', () => {
    const input = {
      setting: 'non-facility',
      options: { concurrentLimit: 'none', hydrationTime: 'per-run' },
      administrations: [
        { id: 'cis', drug: 'cisplatin', kind: 'infusion', chemo: true, start: '2026-03-02T09:00:00Z', stop: '2026-03-02T10:00:00Z' },
        { id: 'fu', drug: 'fluorouracil', kind: 'infusion', chemo: true, pump: 'portable', start: '2026-03-02T10:15:00Z', stop: '2026-03-03T08:15:00Z' },
        { id: 'd', drug: 'diphenhydramine', kind: 'push', integralTo: 'blood transfusion', start: '2026-03-02T09:05:00Z', stop: '2026-03-02T09:06:00Z' },
        { id: 'dx', drug: 'dexamethasone', kind: 'injection', start: '2026-03-02T09:10:00Z', stop: null, dose: { value: '1.5', unit: 'mL' }, concentration: { value: 4, unit: 'mg' } },
      ],
    };
    const r = run(JSON.stringify(input), 'issue-14.json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lines.map((l: { code: string }) => l.code).sort()).toEqual(['96372', '96413', '96416']);
    expect(out.warnings.map((w: { rule: string }) => w.rule)).toContain('R-INTEGRAL');
    expect(out.supplyLines).toContainEqual(expect.objectContaining({ code: 'J1100', units: 6 }));
  });

  it('rejects bad values of the issue 14 fields: exit 2, each message naming its field', () => {
    const bad = {
      setting: 'facility',
      options: { concurrentLimit: 'drop', hydrationTime: 'sum' },
      administrations: [
        { id: 'a', drug: 'fluorouracil', kind: 'infusion', chemo: true, pump: 'elastomeric', start: '2026-03-02T10:15:00Z', stop: '2026-03-03T08:15:00Z' },
        { id: 'b', drug: 'dexamethasone', kind: 'push', integralTo: 5, start: '2026-03-02T09:00:00Z', stop: '2026-03-02T09:01:00Z', concentration: { value: 4, unit: 'mL' } },
        { id: 'c', drug: 'dexamethasone', kind: 'push', start: '2026-03-02T09:00:00Z', stop: '2026-03-02T09:01:00Z', concentration: { value: 0, unit: 'mg' } },
        { id: 'd', drug: 'dexamethasone', kind: 'push', start: '0050-03-02T09:00:00Z', stop: '2026-02-30T09:01:00Z', concentration: '4 mg/mL' },
      ],
    };
    const r = run(JSON.stringify(bad), 'issue-14-bad.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    for (const message of [
      "options.concurrentLimit: must be 'sequential' or 'none'",
      "options.hydrationTime: must be 'total' or 'per-run'",
      "administrations[0].pump: must be 'portable' or 'implantable'",
      'administrations[1].integralTo: must be a string',
      "administrations[1].concentration.unit: unit must be an amount per mL: 'mg', 'mcg', 'g', 'mEq' or 'units'",
      'administrations[2].concentration.value: must be more than 0',
      'administrations[3].start: year 0050 is before 1900: check the date',
      'administrations[3].stop: 2026-02-30 is not a date',
      'administrations[3].concentration: must be an object { value, unit } (amount per mL)',
    ]) expect(r.stderr).toContain(message);
  });
});
