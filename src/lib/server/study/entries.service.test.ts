import { expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditCount } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { countEntriesOf, findEntryById } from './entries.repository';
import { addStudyEntry, deleteStudyEntry, editStudyEntry } from './entries.service';
import { at, entry, studyWorld } from './study.test-helpers';

async function refusal(work: Promise<unknown>): Promise<ValidationError> {
	const e = await work.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(ValidationError);
	return e as ValidationError;
}

describeEachDialect('自学记录', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 10);

	it('the owner logs, edits and deletes an entry of this year, each audited', async () => {
		const w = await studyWorld(db());
		at('2027-03-15');
		const before = await auditCount(db());
		const id = await addStudyEntry(db(), w.alice.actor, entry({ hours: '2.5', notes: '收获很大' }));
		expect(await findEntryById(db(), id)).toMatchObject({
			userId: w.alice.id,
			entryDate: '2027-03-10',
			topic: '学习贯彻党的二十大精神',
			hours: 2.5,
			notes: '收获很大'
		});
		await editStudyEntry(db(), w.alice.actor, id, entry({ hours: '3', notes: '收获很大' }));
		expect((await findEntryById(db(), id))?.hours).toBe(3);
		// The same values again: nothing written, no audit row.
		await editStudyEntry(db(), w.alice.actor, id, entry({ hours: '3', notes: '收获很大' }));
		expect(await auditCount(db())).toBe(before + 2);
		await deleteStudyEntry(db(), w.alice.actor, id);
		expect(await findEntryById(db(), id)).toBeUndefined();
		expect(await auditCount(db())).toBe(before + 3);
		const rows = await db()
			.selectFrom('audit_log')
			.select(['action', 'entity', 'entity_id'])
			.where('action', 'like', 'study.%')
			.orderBy('id')
			.execute();
		expect(rows.map((r) => r.action)).toEqual([
			'study.entry_add',
			'study.entry_edit',
			'study.entry_delete'
		]);
		expect(rows.every((r) => r.entity === 'study_entry' && r.entity_id === String(id))).toBe(true);
	});

	it('another user cannot edit or delete my entry (not found), and nothing changes', async () => {
		const w = await studyWorld(db());
		at('2027-03-15');
		const id = await addStudyEntry(db(), w.alice.actor, entry());
		const before = await auditCount(db());
		for (const other of [w.bob, w.financeHead, w.office, w.leader]) {
			await expect(editStudyEntry(db(), other.actor, id, entry({ hours: '1' }))).rejects.toThrow(
				NotFoundError
			);
			await expect(deleteStudyEntry(db(), other.actor, id)).rejects.toThrow(NotFoundError);
		}
		// The administrator keeps no study records at all.
		await expect(addStudyEntry(db(), w.admin.actor, entry())).rejects.toThrow(ForbiddenError);
		expect((await findEntryById(db(), id))?.hours).toBe(2);
		expect(await auditCount(db())).toBe(before);
	});

	it('refuses bad hours, a future date, another year and more than 12 hours a day', async () => {
		const w = await studyWorld(db());
		at('2027-03-15');
		for (const hours of ['0', '-1', '0.3', '12.5', 'abc', '']) {
			const e = await refusal(addStudyEntry(db(), w.alice.actor, entry({ hours })));
			expect(e.fields.hours).toContain('0.5');
		}
		const blank = await refusal(addStudyEntry(db(), w.alice.actor, entry({ topic: '  ' })));
		expect(blank.fields.topic).toBeTruthy();
		const future = await refusal(
			addStudyEntry(db(), w.alice.actor, entry({ entryDate: '2027-03-16' }))
		);
		expect(future.fields.entryDate).toBe('学习日期不能晚于今天。');
		const lastYear = await refusal(
			addStudyEntry(db(), w.alice.actor, entry({ entryDate: '2026-12-31' }))
		);
		expect(lastYear.fields.entryDate).toContain('2027');
		await addStudyEntry(db(), w.alice.actor, entry({ hours: '8' }));
		const tooMuch = await refusal(
			addStudyEntry(db(), w.alice.actor, entry({ hours: '4.5', topic: '业务学习' }))
		);
		expect(tooMuch.fields.hours).toContain('已记 8 小时');
		await addStudyEntry(db(), w.alice.actor, entry({ hours: '4', topic: '业务学习' }));
		expect(await countEntriesOf(db(), w.alice.id)).toBe(2);
	});

	it('entries of a past year can no longer be changed or deleted', async () => {
		const w = await studyWorld(db());
		at('2026-12-30');
		const id = await addStudyEntry(db(), w.alice.actor, entry({ entryDate: '2026-12-29' }));
		at('2027-01-02');
		await refusal(editStudyEntry(db(), w.alice.actor, id, entry({ entryDate: '2026-12-29' })));
		await refusal(editStudyEntry(db(), w.alice.actor, id, entry({ entryDate: '2027-01-01' })));
		await refusal(deleteStudyEntry(db(), w.alice.actor, id));
		expect(await findEntryById(db(), id)).toMatchObject({ entryDate: '2026-12-29', hours: 2 });
	});

	it('parallel identical saves make one entry; parallel deletes delete once', async () => {
		const w = await studyWorld(db());
		at('2027-03-15');
		const before = await auditCount(db());
		const adds = await inParallel(10, () => addStudyEntry(wide(), w.alice.actor, entry()));
		expect(adds.ok).toHaveLength(1);
		expect(onlyUserErrors(adds.errors)).toBe(true);
		expect(await countEntriesOf(db(), w.alice.id)).toBe(1);
		const edits = await inParallel(10, () =>
			editStudyEntry(wide(), w.alice.actor, adds.ok[0], entry({ hours: '3' }))
		);
		expect(onlyUserErrors(edits.errors)).toBe(true);
		const dels = await inParallel(10, () => deleteStudyEntry(wide(), w.alice.actor, adds.ok[0]));
		expect(dels.ok).toHaveLength(1);
		expect(onlyUserErrors(dels.errors)).toBe(true);
		// One add, one edit, one delete.
		expect(await auditCount(db())).toBe(before + 3);
	});

	it('parallel entries of one day never pass 12 hours together', async () => {
		const w = await studyWorld(db());
		at('2027-03-15');
		const r = await inParallel(6, (i) =>
			addStudyEntry(wide(), w.alice.actor, entry({ hours: '5', topic: `专题${i}` }))
		);
		expect(r.ok).toHaveLength(2);
		expect(onlyUserErrors(r.errors)).toBe(true);
	});
});
