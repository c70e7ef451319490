'use client';
import { useState, useTransition } from 'react';
import { answerQueryAction } from '@/app/encounters/[id]/actions';
import { describedBy, Field, inputClass, primaryButtonClass } from './field';

/** The clinician's answer to a coder's documentation query (an amendment, if needed, is made on the entry). */
export function QueryAnswerForm({ queryId }: { queryId: number }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = `answer-${queryId}`;
  return (
    <form
      className="mt-2 grid gap-2"
      aria-label="Answer the query"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await answerQueryAction({ queryId, answer });
          if (result.ok) setAnswer('');
          else setError(result.fieldErrors.answer ?? result.formError ?? 'Not sent');
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
