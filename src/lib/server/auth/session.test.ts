import { expect, it } from 'vitest';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { createSession, invalidateUserSessions, validateSessionToken } from './session';
import { listMySessions, revokeMySession } from './sessions.service';

const limits = { idleMinutes: 120, absoluteHours: 12 };
const meta = { ip: '10.0.0.7', userAgent: 'vitest' };
const T0 = new Date('2026-03-02T01:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

async function sessionIds(db: DB): Promise<string[]> {
	const rows = await db.selectFrom('sessions').select('id').execute();
	return rows.map((r) => r.id).sort();
}

async function lastSeen(db: DB, id: string): Promise<string> {
	const row = await db
		.selectFrom('sessions')
		.select('last_seen_at')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return row.last_seen_at;
}

describeEachDialect('sessions', ({ db }) => {
	it('validates a session by its token', async () => {
		const u = await newUser(db());
		const { token, session } = await createSession(db(), u.id, limits, meta, T0);
		expect(token).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{32}$/);
		const s = await validateSessionToken(db(), token, limits, at(MIN / 2));
		expect(s).toEqual({
			id: session.id,
			userId: u.id,
			secretHash: session.secretHash,
			createdAt: '2026-03-02T01:00:00.000Z',
			lastSeenAt: '2026-03-02T01:00:00.000Z',
			expiresAt: '2026-03-02T13:00:00.000Z',
			ip: '10.0.0.7',
			userAgent: 'vitest'
		});
	});

	it('refuses a wrong secret for a real session id, and malformed tokens', async () => {
		const u = await newUser(db());
		const { token, session } = await createSession(db(), u.id, limits, meta, T0);
		const other = await createSession(db(), u.id, limits, meta, T0);
		const forged = `${session.id}.${other.token.split('.')[1]}`;
		expect(await validateSessionToken(db(), forged, limits, T0)).toBeNull();
		const malformed = ['', 'nodot', `${token}.x`, `.${token.split('.')[1]}`, `${session.id}.`];
		malformed.push(`${'a'.repeat(33)}.${token.split('.')[1]}`);
		for (const t of malformed) expect(await validateSessionToken(db(), t, limits, T0)).toBeNull();
		// A forgery does not end the real session.
		expect(await validateSessionToken(db(), token, limits, T0)).not.toBeNull();
	});

	it('ends a session left idle too long', async () => {
		const u = await newUser(db());
		const { token } = await createSession(db(), u.id, limits, meta, T0);
		const other = await createSession(db(), u.id, limits, meta, T0);
		expect(await validateSessionToken(db(), token, limits, at(120 * MIN - 1))).not.toBeNull();
		const later = at(120 * MIN - 1 + 120 * MIN);
		expect(await validateSessionToken(db(), token, limits, later)).toBeNull();
		expect(await sessionIds(db())).toEqual([other.session.id]);
	});

	it('ends a session at its absolute lifetime even when recently active', async () => {
		const u = await newUser(db());
		const short = { idleMinutes: 120, absoluteHours: 2 };
		const { token } = await createSession(db(), u.id, short, meta, T0);
		expect(await validateSessionToken(db(), token, short, at(100 * MIN))).not.toBeNull();
		expect(await validateSessionToken(db(), token, short, at(121 * MIN))).toBeNull();
		expect(await sessionIds(db())).toEqual([]);
	});

	it('applies a shortened lifetime setting to existing sessions', async () => {
		const u = await newUser(db());
		const { token } = await createSession(db(), u.id, limits, meta, T0);
		const shortened = { idleMinutes: 120, absoluteHours: 1 };
		expect(await validateSessionToken(db(), token, shortened, at(61 * MIN))).toBeNull();
		expect(await sessionIds(db())).toEqual([]);
	});

	it('touches last_seen_at at most once a minute', async () => {
		const u = await newUser(db());
		const { token, session } = await createSession(db(), u.id, limits, meta, T0);
		await validateSessionToken(db(), token, limits, at(30_000));
		expect(await lastSeen(db(), session.id)).toBe(T0.toISOString());
		await validateSessionToken(db(), token, limits, at(61_000));
		expect(await lastSeen(db(), session.id)).toBe(at(61_000).toISOString());
		await validateSessionToken(db(), token, limits, at(100_000));
		expect(await lastSeen(db(), session.id)).toBe(at(61_000).toISOString());
	});

	it('ends all of a person’s sessions except the one kept', async () => {
		const a = await newUser(db());
		const b = await newUser(db());
		await createSession(db(), a.id, limits, meta, T0);
		const kept = await createSession(db(), a.id, limits, meta, T0);
		await createSession(db(), a.id, limits, meta, T0);
		const others = await createSession(db(), b.id, limits, meta, T0);
		await invalidateUserSessions(db(), a.id, kept.session.id);
		expect(await sessionIds(db())).toEqual([kept.session.id, others.session.id].sort());
	});
});

describeEachDialect('my sessions', ({ db }) => {
	it('lists only my sessions, newest activity first, marking the current one', async () => {
		const me = await newUser(db());
		const other = await newUser(db());
		const older = await createSession(db(), me.id, limits, meta, T0);
		const current = await createSession(db(), me.id, limits, { ...meta, ip: '10.0.0.8' }, at(MIN));
		await createSession(db(), other.id, limits, meta, T0);
		const list = await listMySessions(db(), me.actor, current.session.id);
		expect(list).toEqual([
			{
				id: current.session.id,
				createdAt: at(MIN).toISOString(),
				lastSeenAt: at(MIN).toISOString(),
				ip: '10.0.0.8',
				browser: null,
				userAgent: 'vitest',
				isCurrent: true
			},
			expect.objectContaining({ id: older.session.id, isCurrent: false })
		]);
	});

	it('names each browser, keeping the raw header beside it', async () => {
		const me = await newUser(db());
		const chrome =
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
		const current = await createSession(db(), me.id, limits, { ...meta, userAgent: chrome });
		const [s] = await listMySessions(db(), me.actor, current.session.id);
		expect(s).toMatchObject({ browser: 'Chrome 156 · Linux', userAgent: chrome });
	});

	it('revokes one of my sessions and audits it', async () => {
		const me = await newUser(db());
		const current = await createSession(db(), me.id, limits, meta);
		const phone = await createSession(db(), me.id, limits, meta);
		await revokeMySession(db(), me.actor, phone.session.id);
		expect(await validateSessionToken(db(), phone.token, limits)).toBeNull();
		expect(await validateSessionToken(db(), current.token, limits)).not.toBeNull();
		expect(await auditRows(db())).toMatchObject([
			{
				actorId: me.id,
				action: 'auth.session_revoke',
				entity: 'session',
				entityId: phone.session.id
			}
		]);
	});

	it('treats another person’s session as not found and leaves it working', async () => {
		const me = await newUser(db());
		const other = await newUser(db());
		const theirs = await createSession(db(), other.id, limits, meta);
		await expect(revokeMySession(db(), me.actor, theirs.session.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await validateSessionToken(db(), theirs.token, limits)).not.toBeNull();
		expect(await auditCount(db())).toBe(0);
	});
});
