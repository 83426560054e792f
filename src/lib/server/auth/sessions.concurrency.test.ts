import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { createSession, listUserSessions } from './session';
import { revokeMySession } from './sessions.service';

const N = 20;

describeEachDialect('session revoke, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('revokes once and audits once; the others find no such session', async () => {
		const u = await newUser(ctx.db());
		const limits = { idleMinutes: 120, absoluteHours: 12 };
		const meta = { ip: '10.0.0.8', userAgent: 'Firefox' };
		await createSession(ctx.db(), u.id, limits, meta);
		const { session } = await createSession(ctx.db(), u.id, limits, meta);
		const db = openWide();
		const { ok, errors } = await inParallel(N, () => revokeMySession(db, u.actor, session.id));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await listUserSessions(ctx.db(), u.id)).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'auth.session_revoke')).toHaveLength(1);
	});
});
