import { expect, it } from 'vitest';
import { auditCount } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { arrangePlan, placePerson, setSeatLock, setupPlan, swapPlanSeats } from './seating.service';
import { deleteTemplate, saveTemplate } from './templates.service';
import { loadPlanPage } from './seating.query';
import { HALL, placementsOf, seatingWorld, setupForm } from './seating.test-helpers';

describeEachDialect('座次 concurrency', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 20);

	it('N parallel swaps at the same version: exactly one applies', async () => {
		const w = await seatingWorld(db());
		const plan = await setupPlan(db(), w.office.actor, w.meetingId, setupForm());
		await arrangePlan(db(), w.office.actor, w.meetingId, plan.version);
		const before = await auditCount(db());
		const seats = ['R1-1', 'R1-2', 'R1-3', 'R1-5', 'R1-6', 'R1-7', 'F1-3', 'F1-4', 'F1-5', 'F2-1'];
		const r = await inParallel(20, (i) =>
			swapPlanSeats(wide(), w.office.actor, w.meetingId, 2, 'R1-4', seats[i % seats.length])
		);
		expect(r.ok).toHaveLength(1);
		expect(r.errors).toHaveLength(19);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.plan!.version).toBe(3);
		expect(page.versions.filter((v) => v.version === 3)).toHaveLength(1);
		// Everyone still has one seat: 10 seated, none twice.
		expect(placementsOf(page)).toHaveLength(10);
		expect(new Set(placementsOf(page).map((p) => p.participantId)).size).toBe(10);
		expect(await auditCount(db())).toBe(before + 1);
	});

	it('parallel first setups make one plan; parallel arrangements one version', async () => {
		const w = await seatingWorld(db());
		const r = await inParallel(10, () =>
			setupPlan(wide(), w.office.actor, w.meetingId, setupForm())
		);
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const a = await inParallel(10, () => arrangePlan(wide(), w.office.actor, w.meetingId, 1));
		expect(a.ok).toHaveLength(1);
		expect(onlyUserErrors(a.errors)).toBe(true);
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(placementsOf(page)).toHaveLength(10);
	});

	it('parallel placements of one person make one seat; parallel locks one version', async () => {
		const w = await seatingWorld(db());
		const plan = await setupPlan(db(), w.office.actor, w.meetingId, setupForm());
		await arrangePlan(db(), w.office.actor, w.meetingId, plan.version);
		const before = await auditCount(db());
		const free = ['F3-1', 'F3-2', 'F3-3', 'F3-4', 'F3-5', 'F3-6', 'F3-7', 'F3-8'];
		const r = await inParallel(16, (i) =>
			placePerson(wide(), w.office.actor, w.meetingId, 2, w.staff.participantId, free[i % 8])
		);
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const l = await inParallel(10, () =>
			setSeatLock(wide(), w.office.actor, w.meetingId, 3, 'R1-4', true)
		);
		expect(l.ok).toHaveLength(1);
		expect(onlyUserErrors(l.errors)).toBe(true);
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(
			placementsOf(page).filter((p) => p.participantId === w.staff.participantId)
		).toHaveLength(1);
		expect(page.plan!.version).toBe(4);
		expect(await auditCount(db())).toBe(before + 2);
	});

	it('parallel saves of a new template make one; parallel deletes delete once', async () => {
		const w = await seatingWorld(db());
		const before = await auditCount(db());
		const input = { roomId: w.roomId, name: '大会议', layout: HALL };
		const r = await inParallel(10, () => saveTemplate(wide(), w.office.actor, input));
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const d = await inParallel(10, () => deleteTemplate(wide(), w.office.actor, r.ok[0].id));
		expect(d.ok).toHaveLength(1);
		expect(onlyUserErrors(d.errors)).toBe(true);
		expect(await auditCount(db())).toBe(before + 2);
	});
});
