// The print's "Basis" cell of a claim line (issue 15 review): an overridden
// line says so and shows the engine's suggestion, as the review does
// ("Overridden (engine: J2405 × 8)"), and the engine's explanation is labelled
// as the engine's, so a coder's JZ never prints beside "No JW/JZ: packaged"
// as if the two agreed.
import type { FinalLine } from '@/lib/claim-lines';

function lineText(l: { code: string; units: number; modifiers: string[] }): string {
  return `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} × ${l.units}`;
}

/**
 * `decision`: the coder's decision on the line ("Overridden (engine: J2405 × 8): reason",
 * "Added by the coder: reason"), null for an engine line; `basis`: the rule and
 * explanation, prefixed "Engine's suggestion was based on" when a coder changed the line.
 */
export function codeBasis(l: Pick<FinalLine, 'source' | 'engine' | 'overrideReason' | 'rule' | 'explanation'>): { decision: string | null; basis: string } {
  if (l.source === 'engine') return { decision: null, basis: `${l.rule}: ${l.explanation}` };
  if (l.source === 'added') return { decision: `Added by the coder: ${l.overrideReason ?? ''}`, basis: `${l.rule}: ${l.explanation}` };
  return {
    decision: `Overridden${l.engine ? ` (engine: ${lineText(l.engine)})` : ''}: ${l.overrideReason ?? ''}`,
    basis: `Engine's suggestion was based on ${l.rule}: ${l.explanation}`,
  };
}
