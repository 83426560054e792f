import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { findAllMeetingTypes } from './meeting-types.repository';
import {
	createMeetingType,
	setMeetingTypeActive,
	updateMeetingType
} from './meeting-types.service';

const N = 20;

describeEachDialect('meeting types, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	async function admin() {
		const a = await newUser(ctx.db(), { roles: ['admin'] });
		return { actor: a.actor, wide: openWide() };
	}

	it('creates one type of a name, renames it once, deactivates it once', async () => {
		const { actor, wide } = await admin();
		const made = await inParallel(N, () =>
			createMeetingType(wide, actor, { name: '座谈会', sortOrder: '65' })
		);
		expect(made.ok).toHaveLength(1);
		expect(onlyUserErrors(made.errors)).toBe(true);
		expect(new Set(made.errors.map((e) => (e as Error).message))).toEqual(
			new Set(['已有同名的会议类型'])
		);
		const [id] = made.ok;

		const renamed = await inParallel(N, () =>
			updateMeetingType(wide, actor, id, { name: '工作座谈会', sortOrder: '66' })
		);
		expect(renamed.errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'meeting_type.update')).toHaveLength(1);

		const off = await inParallel(N, () => setMeetingTypeActive(wide, actor, id, false));
		expect(off.errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'meeting_type.deactivate')).toHaveLength(1);
		expect((await findAllMeetingTypes(ctx.db())).find((t) => t.id === id)?.isActive).toBe(false);
		expect(await auditRows(ctx.db(), 'meeting_type.create')).toHaveLength(1);
	});
});
