'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { signInAction } from '@/app/sign-in/actions';
import { signInSchema } from '@/lib/sign-in-schema';
import type { z } from 'zod';
import { describedBy, Field, inputClass, primaryButtonClass } from './field';

type Input = z.input<typeof signInSchema>;

export function SignInForm({ next }: { next: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, z.output<typeof signInSchema>>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '', next } });
  const submit = async (values: z.output<typeof signInSchema>) => {
    setFormError(null);
    const result = await signInAction(values);
    // Success redirects; only a refusal comes back.
    if (result && !result.ok) setFormError(result.formError ?? 'Not signed in');
  };
  return (
    <form onSubmit={(e) => void handleSubmit(submit)(e)} noValidate className="grid gap-4" aria-label="Sign in">
      {formError ? (
        <p role="alert" className="rounded border-2 border-red-700 bg-white p-2 font-semibold text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <input id="email" type="email" autoComplete="username" className={inputClass} {...register('email')} {...describedBy('email', errors.email)} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <input id="password" type="password" autoComplete="current-password" className={inputClass} {...register('password')} {...describedBy('password', errors.password)} />
      </Field>
      <button type="submit" className={primaryButtonClass} disabled={isSubmitting}>
        Sign in
      </button>
    </form>
  );
}
