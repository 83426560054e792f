import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { refusal } from '../testing/refusal';
import {
	TOKEN_PATTERN,
	authenticateApiToken,
	createApiToken,
	hashApiToken,
	listMyApiTokens,
	recordApiUse,
	revokeApiToken
} from './tokens.service';

const T0 = '2026-12-07T01:30:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const DAY = 86_400_000;

describeEachDialect('API tokens', (ctx) => {
	it('shows the token once and keeps only its SHA-256; the owner sees it in the list', async () => {
		setClock(T0);
		const u = await newUser(ctx.db());
		const made = await createApiToken(ctx.db(), u.actor, { name: 'OA 对接', scope: 'write' });
		expect(made.token).toMatch(TOKEN_PATTERN);
		// Default validity: 90 days from now.
		expect(made.expiresAt).toBe(plus(90 * DAY));
		const rows = await ctx.db().selectFrom('api_tokens').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].token_hash).toBe(hashApiToken(made.token));
		expect(JSON.stringify(rows)).not.toContain(made.token.slice(3));
		const mine = await listMyApiTokens(ctx.db(), u.actor);
		expect(mine.map((t) => [t.name, t.scope, t.state])).toEqual([['OA 对接', 'write', 'live']]);
		const [row] = await auditRows(ctx.db(), 'api.token_create');
		expect(row.changes).toMatchObject({ name: 'OA 对接', scope: 'write' });
		expect(JSON.stringify(row)).not.toContain(made.token.slice(3));
	});

	it('refuses a blank name, a long name and a validity outside 1–365 days; nothing is stored', async () => {
		const u = await newUser(ctx.db());
		const blank = await refusal(createApiToken(ctx.db(), u.actor, { name: '  ', days: 0 }));
		expect(blank.name).toBe('ValidationError');
		expect(Object.keys(blank.fields ?? {}).sort()).toEqual(['days', 'name']);
		const long = await refusal(
			createApiToken(ctx.db(), u.actor, { name: '长'.repeat(41), days: 366 })
		);
		expect(Object.keys(long.fields ?? {}).sort()).toEqual(['days', 'name']);
		const scope = await refusal(
			createApiToken(ctx.db(), u.actor, { name: 'x', scope: 'admin' as 'read' })
		);
		expect(Object.keys(scope.fields ?? {})).toEqual(['scope']);
		expect(await ctx.db().selectFrom('api_tokens').selectAll().execute()).toHaveLength(0);
		expect(await auditRows(ctx.db(), 'api.token_create')).toHaveLength(0);
	});

	it('gives the security auditor no token (三员分立)', async () => {
		const auditor = await newUser(ctx.db(), { roles: ['auditor'] });
		expect((await refusal(createApiToken(ctx.db(), auditor.actor, { name: '审计' }))).name).toBe(
			'ForbiddenError'
		);
	});

	it('authenticates to its person until it expires', async () => {
		setClock(T0);
		const dept = await newDepartment(ctx.db());
		const u = await newUser(ctx.db(), { roles: ['office'], departmentId: dept });
		const { token } = await createApiToken(ctx.db(), u.actor, { name: 'a', days: 1 });
		const ok = await authenticateApiToken(ctx.db(), token);
		expect(ok).toMatchObject({ ok: true, scope: 'read' });
		if (ok.ok) {
			expect(ok.user).toMatchObject({ id: u.id, roles: ['office'], departmentId: dept });
		}
		setClock(plus(DAY - 1000));
		expect((await authenticateApiToken(ctx.db(), token)).ok).toBe(true);
		setClock(plus(DAY));
		expect(await authenticateApiToken(ctx.db(), token)).toEqual({ ok: false, reason: 'expired' });
		expect(await listMyApiTokens(ctx.db(), u.actor)).toMatchObject([{ state: 'expired' }]);
	});

	it('refuses an unknown or malformed token and one of a deactivated account', async () => {
		const u = await newUser(ctx.db());
		const { token } = await createApiToken(ctx.db(), u.actor, { name: 'a' });
		const other = `hb_${'A'.repeat(43)}`;
		expect(await authenticateApiToken(ctx.db(), other)).toEqual({ ok: false, reason: 'invalid' });
		expect(await authenticateApiToken(ctx.db(), 'hb_short')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await authenticateApiToken(ctx.db(), token + 'x')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		await ctx.db().updateTable('users').set({ is_active: false }).where('id', '=', u.id).execute();
		expect(await authenticateApiToken(ctx.db(), token)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('revokes my token; another user cannot revoke it, and a second revoke says so', async () => {
		const me = await newUser(ctx.db());
		const other = await newUser(ctx.db());
		const { id, token } = await createApiToken(ctx.db(), me.actor, { name: 'a' });
		expect((await refusal(revokeApiToken(ctx.db(), other.actor, id))).name).toBe('NotFoundError');
		expect((await authenticateApiToken(ctx.db(), token)).ok).toBe(true);
		expect(await auditRows(ctx.db(), 'api.token_revoke')).toHaveLength(0);

		await revokeApiToken(ctx.db(), me.actor, id);
		expect(await authenticateApiToken(ctx.db(), token)).toEqual({ ok: false, reason: 'revoked' });
		const again = await refusal(revokeApiToken(ctx.db(), me.actor, id));
		expect(again.name).toBe('ValidationError');
		expect(again.fields?._).toBeTruthy();
		expect(await auditRows(ctx.db(), 'api.token_revoke')).toHaveLength(1);
		expect(await listMyApiTokens(ctx.db(), me.actor)).toMatchObject([{ state: 'revoked' }]);
		expect(await listMyApiTokens(ctx.db(), other.actor)).toEqual([]);
	});

	it('writes down a token’s use at most once a minute', async () => {
		setClock(T0);
		const u = await newUser(ctx.db());
		const { id } = await createApiToken(ctx.db(), u.actor, { name: 'a' });
		const req = { method: 'GET', path: '/api/v1/meetings' };
		expect(await recordApiUse(ctx.db(), u.actor, id, req)).toBe(true);
		setClock(plus(59_000));
		expect(await recordApiUse(ctx.db(), u.actor, id, req)).toBe(false);
		setClock(plus(61_000));
		expect(await recordApiUse(ctx.db(), u.actor, id, { ...req, method: 'POST' })).toBe(true);
		const rows = await auditRows(ctx.db(), 'api.use');
		expect(rows.map((r) => r.changes.method)).toEqual(['GET', 'POST']);
		expect(await listMyApiTokens(ctx.db(), u.actor)).toMatchObject([{ lastUsedAt: plus(61_000) }]);
	});
});
