import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import {
	authenticateApiToken,
	createApiToken,
	recordApiUse,
	revokeApiToken
} from './tokens.service';

const N = 10;

describeEachDialect('API tokens, 10 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('revokes once and audits once; the others are told it already is', async () => {
		const u = await newUser(ctx.db());
		const { id, token } = await createApiToken(ctx.db(), u.actor, { name: 'a' });
		const db = openWide();
		const { ok, errors } = await inParallel(N, () => revokeApiToken(db, u.actor, id));
		expect(ok).toHaveLength(1);
		expect(errors).toHaveLength(N - 1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await auditRows(ctx.db(), 'api.token_revoke')).toHaveLength(1);
		expect(await authenticateApiToken(ctx.db(), token)).toEqual({ ok: false, reason: 'revoked' });
	});

	it('records a burst of requests as one use', async () => {
		const u = await newUser(ctx.db());
		const { id } = await createApiToken(ctx.db(), u.actor, { name: 'a' });
		const db = openWide();
		const { ok } = await inParallel(N, () =>
			recordApiUse(db, u.actor, id, { method: 'GET', path: '/api/v1/meetings' })
		);
		expect(ok.filter(Boolean)).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'api.use')).toHaveLength(1);
	});
});
