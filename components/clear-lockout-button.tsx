'use client';
import { clearSignInLockoutAction } from '@/app/admin/actions';
import { ReasonAction } from './admin-shared';

/** "Clear lockout" for one account, with the reason the audit trail keeps. */
export function ClearLockoutButton({ email }: { email: string }) {
  return <ReasonAction label={`Clear lockout of ${email}`} confirmLabel="Clear lockout" run={(reason, as) => clearSignInLockoutAction({ email, reason }, as)} />;
}
