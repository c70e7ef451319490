// npm run bench:engine — times codeEncounter on generated encounters of 50,
// 1,000 and 10,000 administrations (mixed kinds and drugs) in one process.
// Limits (issue 14): 50 administrations under 1 ms (the sidebar codes on every
// keystroke), 10,000 under 50 ms (no quadratic path). The last line compares
// the 10,000 median with its limit; exit code 1 when a limit is passed.
import { performance } from 'node:perf_hooks';
import { codeEncounter, type EncounterInput, type AdministrationInput } from '../lib/coding';

/** Small deterministic PRNG (mulberry32) so every run times the same encounters. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PUSH_DRUGS: Array<[string, string, 'mg' | 'mcg']> = [
  ['Ondansetron HCl', '4', 'mg'], ['morphine', '4', 'mg'], ['hydromorphone', '0.5', 'mg'], ['fentanyl', '50', 'mcg'],
  ['ketorolac', '15', 'mg'], ['famotidine', '20', 'mg'], ['metoclopramide', '10', 'mg'], ['lorazepam', '1', 'mg'],
  ['naloxone', '0.4', 'mg'], ['furosemide', '40', 'mg'], ['diphenhydramine', '25', 'mg'], ['dexamethasone', '10', 'mg'],
];
const INFUSION_DRUGS = ['vancomycin', 'ceftriaxone', 'cefepime', 'levofloxacin', 'pantoprazole', 'acetaminophen IV', 'magnesium sulfate'];
const SITES = ['L AC 20G', 'L AC 20G', 'L AC 20G', 'R hand 22G'];
const MIN = 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function generate(n: number, seed: number): EncounterInput {
  const r = rng(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = Date.UTC(2026, 4, 14, 6, 0);
  const administrations: AdministrationInput[] = [];
  let t = base;
  for (let i = 0; i < n; i++) {
    t += Math.floor(r() * 12) * MIN;
    const x = r();
    const id = `a${i}`;
    const site = pick(SITES);
    if (x < 0.5) {
      const [drug, dose, unit] = pick(PUSH_DRUGS);
      administrations.push({ id, drug, kind: 'push', start: iso(t), stop: iso(t + 2 * MIN), site, dose: { value: dose, unit }, rationale: 'nausea', performer: 'A. Nurse RN' });
    } else if (x < 0.7) {
      const len = 10 + Math.floor(r() * 170);
      administrations.push({ id, drug: pick(INFUSION_DRUGS), kind: 'infusion', start: iso(t), stop: iso(t + len * MIN), site, dose: { value: '1000', unit: 'mg' } });
    } else if (x < 0.85) {
      const len = 15 + Math.floor(r() * 150);
      administrations.push({ id, drug: pick(['normal saline', "lactated ringer's"]), kind: 'hydration', start: iso(t), stop: iso(t + len * MIN), site });
    } else if (x < 0.95) {
      administrations.push({ id, drug: pick(['ceftriaxone', 'ketorolac', 'cyanocobalamin']), kind: 'injection', start: iso(t), stop: null, dose: { value: '30', unit: 'mg' } });
    } else {
      const chemoPush = r() < 0.5;
      administrations.push({ id, drug: pick(['vincristine', 'doxorubicin', 'cyclophosphamide']), kind: chemoPush ? 'push' : 'infusion', chemo: true, start: iso(t), stop: iso(t + (chemoPush ? 3 : 45 + Math.floor(r() * 120)) * MIN), site });
    }
  }
  // Chart order is not clock order in practice.
  for (let i = administrations.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [administrations[i], administrations[j]] = [administrations[j]!, administrations[i]!];
  }
  return { setting: 'facility', options: { timeZone: 'America/New_York' }, administrations };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time(input: EncounterInput, iterations: number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const r = codeEncounter(input);
    samples.push(performance.now() - t0);
    sink += r.lines.length;
  }
  if (sink < 0) console.log(sink);
  return median(samples);
}

const sizes: Array<[number, number]> = [[50, 3000], [1000, 300], [10000, 41]];
const inputs = sizes.map(([n], i) => generate(n, 1000 + i));
// Warm up every size so the JIT has seen all paths before timing.
for (let round = 0; round < 3; round++) inputs.forEach((inp, i) => time(inp, Math.max(5, Math.floor(sizes[i]![1] / 10))));

const medians: number[] = [];
sizes.forEach(([n, iterations], i) => {
  const m = time(inputs[i]!, iterations);
  medians.push(m);
  console.log(`engine-median-${n}: ${m.toFixed(3)} ms (${iterations} runs, ${n} administrations)`);
});
const LIMIT_50_MS = 1;
const LIMIT_10000_MS = 50;
console.log(`engine-median-10000-ms: ${medians[2]!.toFixed(3)} (limit ${LIMIT_10000_MS} ms, ${medians[2]! < LIMIT_10000_MS ? 'ok' : 'OVER'})`);
if (medians[0]! >= LIMIT_50_MS || medians[2]! >= LIMIT_10000_MS) process.exitCode = 1;
