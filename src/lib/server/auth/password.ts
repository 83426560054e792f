import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { generateTemporaryPassword } from '$lib/domain/password-policy';

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
