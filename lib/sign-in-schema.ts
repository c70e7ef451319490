import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter your work email'),
  password: z.string().min(1, 'Enter your password'),
  next: z.string().optional(),
});

/** Only same-site paths: never bounce a signed-in user to another origin. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}
