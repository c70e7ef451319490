'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { addAddendumAction, signAndSendAction, unlockEncounterAction } from '@/app/encounters/[id]/actions';
import { CHART_CHANGED_MESSAGE } from '@/lib/chart-version';
import { type EntriesByOthers } from '@/lib/attestation';
import { describedBy, Field, inputClass, primaryButtonClass } from './field';
import { useServerAction } from './use-server-action';

/**
 * E-signature: re-enter the password to sign the documentation and send it to
 * coding. The attestation says what the signer can truthfully attest: their own
 * entries as their documentation, and, when others charted on this visit, that
 * they reviewed those entries, which stay signed by the clinicians who charted
 * them (fresh user, stop 22: the text claimed another nurse's doses as the signer's).
 */
export function SignAndSendForm({
  encounterId,
  signerLabel,
  chartVersion,
  othersEntries = [],
}: {
  encounterId: number;
  signerLabel: string;
  chartVersion: string;
  othersEntries?: EntriesByOthers;
}) {
  const [password, setPassword] = useState('');
  const { error, pending, run } = useServerAction();
  const router = useRouter();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // The version of the chart on this screen: the server refuses the signature if the chart changed since.
    run(async (as) => {
      const result = await signAndSendAction({ encounterId, password, chartVersion }, as);
      // Show the signer what changed, so the next attempt signs what they now see.
      if (!result.ok && result.fieldErrors.form === CHART_CHANGED_MESSAGE) router.refresh();
      return result;
    }, () => setPassword(''));
  };
  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="sign-heading">
      <h2 id="sign-heading" className="text-lg font-semibold">
        Sign and send to coding
      </h2>
      {othersEntries.length === 0 ? (
        <p className="mb-3 text-sm" data-testid="attestation">
          I, {signerLabel}, attest that these entries are my documentation. Signing locks the chart; later corrections become addenda.
        </p>
      ) : (
        <p className="mb-3 text-sm" data-testid="attestation">
          I, {signerLabel}, attest that my entries are my documentation and that I have reviewed the entries charted by{' '}
          {othersEntries.map((o) => `${o.name} (${o.count} ${o.count === 1 ? 'entry' : 'entries'})`).join(', ')}, which stay signed by them. Signing locks the chart; later corrections become addenda.
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <Field id="sign-password" label="Your password" error={error ?? undefined}>
          <input id="sign-password" type="password" autoComplete="current-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} {...describedBy('sign-password', error)} />
        </Field>
        <button type="submit" className={`${primaryButtonClass} ${error ? 'mb-7' : ''}`} disabled={pending}>
          Sign and send
        </button>
      </div>
    </form>
  );
}

export function AddendumForm({ encounterId }: { encounterId: number }) {
  const [text, setText] = useState('');
  const { error, pending, run } = useServerAction();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    run((as) => addAddendumAction({ encounterId, text }, as), () => setText(''));
  };
  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="addendum-heading">
      <h2 id="addendum-heading" className="mb-2 text-lg font-semibold">
        Add addendum
      </h2>
      <Field id="addendum-text" label="Addendum (what and why)" error={error ?? undefined}>
        <textarea id="addendum-text" rows={3} className={inputClass} value={text} onChange={(e) => setText(e.target.value)} {...describedBy('addendum-text', error)} />
      </Field>
      <button type="submit" className={`${primaryButtonClass} mt-3`} disabled={pending}>
        Add addendum
      </button>
    </form>
  );
}

export function UnlockForm({ encounterId }: { encounterId: number }) {
  const [reason, setReason] = useState('');
  const { error, pending, run } = useServerAction();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    run((as) => unlockEncounterAction({ encounterId, reason }, as), () => setReason(''));
  };
  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="unlock-heading">
      <h2 id="unlock-heading" className="mb-2 text-lg font-semibold">
        Unlock encounter (admin)
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field id="unlock-reason" label="Reason for unlocking" error={error ?? undefined}>
          <input id="unlock-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('unlock-reason', error)} />
        </Field>
        <button type="submit" className={`${primaryButtonClass} ${error ? 'mb-7' : ''}`} disabled={pending}>
          Unlock
        </button>
      </div>
    </form>
  );
}
