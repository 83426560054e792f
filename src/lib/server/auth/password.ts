import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import * as m from '$lib/paraglide/messages';
import { checkPassword, generateTemporaryPassword } from '$lib/domain/password-policy';

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

export function randomPassword(): string {
	return generateTemporaryPassword((n) => randomInt(n));
}

// Verifying against this when the username is unknown keeps the timing the same.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('dummy-Password-1');
	return dummyHash;
}

/** Why a new password breaks the policy, in words; null when it is fine. */
export function passwordProblemMessage(password: string, username: string): string | null {
	const problem = checkPassword(password, username);
	if (problem === 'too_short') return m.err_password_short();
	if (problem === 'too_simple') return m.err_password_simple();
	if (problem === 'contains_username') return m.err_password_username();
	return null;
}
