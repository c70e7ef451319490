'use client';
import { useState, useTransition } from 'react';
import { useActionCaller } from './signed-in-user';
import { answerQueryAction } from '@/app/encounters/[id]/actions';
import { describedBy, Field, inputClass, primaryButtonClass } from './field';

/** Where focus goes once a query is answered: the Drug field when the chart is open, else the timeline. */
export const CHART_FOCUS_TARGETS = ['#drug', '#encounter-timeline'] as const;

function focusChart(): void {
  for (const selector of CHART_FOCUS_TARGETS) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

/**
 * The clinician's answer to a coder's documentation query (an amendment, if
 * needed, is made on the entry). `about` names the dose ("ondansetron 4 mg at
 * 15:07"). Once sent, focus moves back to the chart (issue 12 item 11).
 */
export function QueryAnswerForm({ queryId, about }: { queryId: number; about?: string | null }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const callAction = useActionCaller();
  const id = `answer-${queryId}`;
  return (
    <form
      className="mt-2 grid gap-2"
      aria-label={about ? `Answer the query about ${about}` : 'Answer the query'}
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await callAction(answerQueryAction, { queryId, answer });
          if (result.ok) {
            setAnswer('');
            setError(null);
            // After the refreshed page has rendered (this form is then gone).
            requestAnimationFrame(focusChart);
          } else setError(result.fieldErrors.answer ?? result.formError ?? 'Not sent');
        });
      }}
    >
      <Field id={id} label="Your answer" error={error ?? undefined}>
        <textarea id={id} rows={2} className={inputClass} value={answer} onChange={(e) => setAnswer(e.target.value)} {...describedBy(id, error)} />
      </Field>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          Send answer
        </button>
      </div>
    </form>
  );
}
