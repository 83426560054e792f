import { z } from 'zod';

/** The sign-in form: what was typed, checked by `login` (which never says which part was wrong). */
export const loginSchema = z.object({
	username: z.string().default(''),
	password: z.string().default('')
});

export type LoginInput = z.input<typeof loginSchema>;

/** The change-password form; the policy and the current password are checked by the service. */
export const passwordChangeSchema = z.object({
	current: z.string().default(''),
	next: z.string().default(''),
	confirm: z.string().default('')
});

export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;

/** Which of one's own sessions to sign out. */
export const sessionRevokeSchema = z.object({ id: z.string().default('') });

export type SessionRevokeInput = z.input<typeof sessionRevokeSchema>;
