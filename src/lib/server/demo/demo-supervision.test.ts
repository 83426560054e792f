import { expect, it } from 'vitest';
import { closedOnTime, signedLate, supervisionColour } from '$lib/domain/supervision';
import { setClock } from '../clock';
import { findItemsByIds } from '../supervision/items.repository';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { loadDemoOrganisation } from './demo.service';

describeEachDialect('demo 督办 items', ({ db }) => {
	it('shows items in every status and colour, numbered without gaps, made in the past and told to nobody', async () => {
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		const now = '2026-06-01T02:00:00.000Z';
		setClock(now);
		await loadDemoOrganisation(db(), admin.actor);
		const ids = (
			await db().selectFrom('supervision_items').select('id').orderBy('number_seq').execute()
		).map((r) => r.id);
		const items = await findItemsByIds(db(), ids);
		expect(items.length).toBeGreaterThanOrEqual(15);
		expect(items.length).toBeLessThanOrEqual(25);
		expect(items.map((i) => i.number)).toEqual(items.map((_, n) => `督〔2026〕${n + 1}号`));
		expect(new Set(items.map((i) => i.status))).toEqual(
			new Set([
				'registered',
				'assigned',
				'signed',
				'in_progress',
				'completion_requested',
				'closed',
				'stopped'
			])
		);
		const today = '2026-06-01';
		expect(new Set(items.map((i) => supervisionColour(i, today)))).toEqual(
			new Set(['normal', 'blue', 'yellow', 'red', 'none'])
		);
		expect(new Set(items.map((i) => i.source))).toEqual(
			new Set(['decision', 'instruction', 'manual', 'key_task'])
		);
		const closed = items.filter((i) => i.status === 'closed');
		expect(closed.some(closedOnTime)).toBe(true);
		expect(closed.some((i) => !closedOnTime(i))).toBe(true);
		expect(items.some((i) => signedLate(i, 'Asia/Shanghai', today))).toBe(true);
		expect(items.some((i) => i.classification === 'secret')).toBe(true);
		expect(items.some((i) => i.deadline !== i.originalDeadline)).toBe(true);
		const extensions = await db().selectFrom('supervision_extensions').select('status').execute();
		expect(new Set(extensions.map((x) => x.status))).toEqual(
			new Set(['pending', 'approved', 'refused'])
		);
		// Every step happened by now, in order on each item.
		const events = await db()
			.selectFrom('supervision_events')
			.select(['item_id', 'at', 'kind'])
			.orderBy('id')
			.execute();
		expect(events.every((e) => e.at <= now)).toBe(true);
		for (const id of ids) {
			const times = events.filter((e) => e.item_id === id).map((e) => e.at);
			expect(times, `item ${id}`).toEqual([...times].sort());
		}
		// Nobody was mailed about the past weeks.
		const mail = await db()
			.selectFrom('outbox')
			.select('subject')
			.where('subject', 'like', '【督办】%')
			.execute();
		expect(mail).toEqual([]);
	});
});
