export type PasswordProblem = 'too_short' | 'too_simple' | 'contains_username';

/** 等保 password complexity: ≥ 8 characters, 3 of 4 character classes, not the username. */
export function checkPassword(password: string, username: string): PasswordProblem | null {
	if (password.length < 8) return 'too_short';
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password));
	if (classes.length < 3) return 'too_simple';
	const u = username.trim().toLowerCase();
	if (u.length > 0 && password.toLowerCase().includes(u)) return 'contains_username';
	return null;
}

/** A random password that satisfies the policy, for resets and imports. */
export function generateTemporaryPassword(random: (n: number) => number): string {
	const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=!'];
	const chars: string[] = [];
	for (let i = 0; i < 12; i++) {
		const set = sets[i % sets.length];
		chars.push(set[random(set.length)]);
	}
	for (let i = chars.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[chars[i], chars[j]] = [chars[j], chars[i]];
	}
	return chars.join('');
}
