import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newMeeting } from '../testing/meeting-fixtures';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import { checkInWithCode, getOrCreateCheckinCode, manualCheckIn } from './checkin.service';
import { at, checkedIn, END, START, world } from './checkin.test-helpers';

const N = 20;

describeEachDialect('check-in, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	async function setUp() {
		const w = await world(ctx.db());
		return { w, db: openWide() };
	}

	it('a scan: one check-in, one audit row; the others say already', async () => {
		const { w, db } = await setUp();
		const { ok, errors } = await inParallel(N, () =>
			checkInWithCode(db, w.alice.actor, w.code, at(-5))
		);
		expect(errors).toEqual([]);
		expect(ok.map((r) => r.status).sort()).toEqual([
			'already',
			...Array(N - 2).fill('already'),
			'checked_in'
		]);
		expect(await checkedIn(ctx.db(), w.meeting, w.alice.id)).toMatchObject({
			checked_in_by: w.alice.id
		});
		expect(await auditRows(ctx.db(), 'meeting.checkin')).toHaveLength(1);
	});

	it('by hand: ticked in once and taken back once', async () => {
		const { w, db } = await setUp();
		const tick = await inParallel(N, () =>
			manualCheckIn(db, w.clerk.actor, w.meeting, w.bob.id, false, at(1))
		);
		expect(tick.errors).toEqual([]);
		expect(tick.ok.filter((r) => r.changed)).toHaveLength(1);
		const undo = await inParallel(N, () =>
			manualCheckIn(db, w.clerk.actor, w.meeting, w.bob.id, true, at(2))
		);
		expect(undo.errors).toEqual([]);
		expect(undo.ok.filter((r) => r.changed)).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'meeting.checkin_manual')).toHaveLength(2);
	});

	it('the QR code is made once', async () => {
		const { w, db } = await setUp();
		const other = await newMeeting(ctx.db(), {
			createdBy: w.clerk.id,
			startsAt: START,
			endsAt: END
		});
		const { ok, errors } = await inParallel(N, () =>
			getOrCreateCheckinCode(db, w.clerk.actor, other)
		);
		expect(errors).toEqual([]);
		expect(new Set(ok).size).toBe(1);
		// world() made the first meeting's code; this one adds one more row.
		expect(await auditRows(ctx.db(), 'meeting.checkin_code')).toHaveLength(2);
	});
});
