import * as m from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import { WORKING_STATUSES, type SupervisionStatus, type UrgeKind } from '$lib/domain/supervision';
import { addDays } from '$lib/domain/working-days';
import { instantToZonedDate, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit, auditEach } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { emitWebhookEvent } from '../webhooks/webhooks.events';
import { ValidationError } from '../errors';
import { registerTick } from '../jobs/scheduler';
import type { Words } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { loadManagedItem, supervisionViewer } from './access';
import { holdItem } from './feedback.service';
import {
	findItemsByIds,
	insertEvent,
	insertEvents,
	type SupervisionItem
} from './items.repository';
import { shownItemTitle, tellAboutItem, tellAboutItems, type Audience } from './supervision.notify';
import { getSupervisionSettings } from './terms.service';
import {
	findClaimedKeys,
	findDeadlineCandidates,
	findEarliestDeadline,
	findItemIdsWithDeadline,
	findLastManualUrgeAt,
	findMissedCycleCandidates,
	findOverdueMilestones,
	claimUrgeKeys,
	insertUrge,
	insertUrges
} from './urging.repository';
import { urgeSchema, type UrgeInput } from './urging.schema';

// 催办: by hand with a message (督办员, 局领导), and automatically on every scheduler tick — N days
// before the deadline, on the day, every M days overdue, a missed monthly report, a missed
// milestone — each exactly once however many app processes run the tick (claimOnce).

/** Items that are urged: handed over and not yet waiting for review (申请办结 waits on the supervisor). */
export const URGED_STATUSES: readonly SupervisionStatus[] = ['assigned', 'signed', 'in_progress'];

/** A supervisor's urges of one item are this far apart at least (a double click sends one). */
export const MANUAL_URGE_GAP_MINUTES = 5;

/** Who an urge goes to: the lead department's heads, the responsible person, co-heads. */
function urgedPeople(item: SupervisionItem, withCo: boolean, except: number[] = []): Audience {
	return {
		headsOf: [item.leadDepartmentId, ...(withCo ? item.coDepartmentIds : [])],
		userIds: [item.responsibleId],
		except
	};
}

/**
 * A supervisor or leader urges an item with a message: recorded, on the timeline, audited, and
 * sent in the app and by e-mail to the lead's heads, the responsible person and co-heads. Not
 * twice within MANUAL_URGE_GAP_MINUTES for one item.
 */
export async function urgeItem(db: DB, actor: Actor, id: number, input: UrgeInput): Promise<void> {
	const viewer = await supervisionViewer(db, actor);
	const { message } = parseInput(urgeSchema, input);
	await inTransaction(db, async (trx) => {
		const item = await loadManagedItem(trx, viewer, id);
		const at = clock.nowIso();
		// Held: urges of one item take turns, so the gap below is read after the last one.
		await holdItem(trx, id, URGED_STATUSES, at);
		const last = await findLastManualUrgeAt(trx, id);
		if (last && Date.parse(at) - Date.parse(last) < MANUAL_URGE_GAP_MINUTES * 60_000)
			throw new ValidationError({
				_: m.sup_progress_err_urge_recent({ minutes: MANUAL_URGE_GAP_MINUTES })
			});
		await insertUrge(trx, {
			itemId: id,
			kind: 'manual',
			urgedBy: actor.id,
			message,
			at,
			isAutomatic: false
		});
		await insertEvent(trx, {
			itemId: id,
			kind: 'urge',
			actorId: actor.id,
			at,
			text: message,
			data: { kind: 'manual' }
		});
		await audit(trx, actor, 'supervision.urge', 'supervision', id, { message });
		const title = shownItemTitle(item);
		await tellAboutItem(trx, item, urgedPeople(item, true, [actor.id]), {
			step: 'urge',
			title: (o) => m.sup_progress_note_urge({ title }, o),
			body: message,
			mail: true
		});
	});
}

/** Whole calendar days from a to b. */
function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** One automatic urge a tick found due, with the key that makes it happen once. */
interface PlannedUrge {
	key: string;
	itemId: number;
	kind: Exclude<UrgeKind, 'manual'>;
	/** The notice's words for the item's shown title, in the office's time zone. */
	words: (title: string, timeZone: string) => Words;
	/** Facts for the timeline and the audit row. */
	data: Record<string, unknown>;
	withCo: boolean;
}

/** The automatic urges due on `today` (office zone), from four queries over all items. */
async function planUrges(db: DB, today: string, timeZone: string): Promise<PlannedUrge[]> {
	const terms = await getSupervisionSettings(db);
	const plans: PlannedUrge[] = [];
	const before = Math.max(0, Math.floor(terms.urgeBeforeDays));
	const every = Math.max(0, Math.floor(terms.urgeEveryDays));

	// The deadlines urged today: `before` days ahead, today, and every `every` days back to the
	// earliest open deadline — the date maths done once here, the matching by the database.
	const deadlines = [...(before > 0 ? [addDays(today, before)] : []), today];
	const earliest = await findEarliestDeadline(db, URGED_STATUSES);
	if (earliest && every > 0)
		for (let d = addDays(today, -every); d >= earliest; d = addDays(d, -every)) deadlines.push(d);
	const dayStart = zonedToInstant(today, '00:00', timeZone);
	for (const c of await findDeadlineCandidates(db, URGED_STATUSES, deadlines, dayStart)) {
		const left = daysBetween(today, c.deadline);
		const kind =
			left > 0 && left === before
				? 'before'
				: left === 0
					? 'due'
					: left < 0 && every > 0 && -left % every === 0
						? 'overdue'
						: null;
		if (!kind) continue;
		const deadline = c.deadline;
		plans.push({
			key: `sup-urge:${c.id}:${kind}:${deadline}:${today}`,
			itemId: c.id,
			kind,
			withCo: true,
			data: { deadline, ...(kind === 'overdue' ? { days: -left } : {}) },
			words: (title, tz) =>
				kind === 'before'
					? (o) =>
							m.sup_progress_note_auto_before(
								{ date: formatDate(deadline, tz, o.locale), title },
								o
							)
					: kind === 'due'
						? (o) => m.sup_progress_note_auto_due({ title }, o)
						: (o) => m.sup_progress_note_auto_overdue({ days: -left, title }, o)
		});
	}

	const day = Number(today.slice(8, 10));
	const month = today.slice(0, 7);
	const monthStart = zonedToInstant(`${month}-01`, '00:00', timeZone);
	for (const c of await findMissedCycleCandidates(db, WORKING_STATUSES, day, month, monthStart)) {
		const due = `${month}-${String(c.feedbackDay).padStart(2, '0')}`;
		// A report due before the department signed for the item was never asked of it.
		if (!c.signedAt || instantToZonedDate(c.signedAt, timeZone) >= due) continue;
		const feedbackDay = c.feedbackDay;
		plans.push({
			key: `sup-urge:${c.id}:cycle:${month}:${due}`,
			itemId: c.id,
			kind: 'cycle',
			withCo: false,
			data: { cycle: month, due },
			words: (title, tz) => (o) =>
				m.sup_progress_note_auto_cycle(
					{ date: formatDate(due, tz, o.locale), day: feedbackDay, title },
					o
				)
		});
	}

	for (const c of await findOverdueMilestones(db, WORKING_STATUSES, today)) {
		plans.push({
			key: `sup-urge:${c.itemId}:milestone:${c.milestoneId}:${c.dueDate}`,
			itemId: c.itemId,
			kind: 'milestone',
			withCo: false,
			data: { milestoneId: c.milestoneId, milestone: c.title, dueDate: c.dueDate },
			words: (title, tz) => (o) =>
				m.sup_progress_note_auto_milestone(
					{ milestone: c.title, date: formatDate(c.dueDate, tz, o.locale), title },
					o
				)
		});
	}
	return plans;
}

/** Urges made in one transaction: a tick commits in batches, not once per urge. */
const URGE_BATCH = 100;

/**
 * One automatic urging tick at `now`: every urge due today (office zone) that no process has
 * made yet is claimed and made — recorded (is_automatic), on the timeline, audited for nobody,
 * and sent in the app and by e-mail. Before / due / overdue follow the deadline in force (an
 * extension starts them afresh); a monthly report missed after its day and a milestone past
 * its date are urged once each. Items waiting for review are not urged. The candidates come
 * from three queries that leave out what was already urged, so a tick with nothing new to do
 * costs those queries and nothing else.
 */
export async function runSupervisionUrging(db: DB, now: Date): Promise<{ urged: number }> {
	const { timeZone } = await getSettings(db);
	const today = instantToZonedDate(now.toISOString(), timeZone);
	const planned = await planUrges(db, today, timeZone);
	const done = await findClaimedKeys(
		db,
		planned.filter((p) => p.kind === 'milestone').map((p) => p.key)
	);
	// One order for every process: claims taken in the same order never wait on each other in a cycle.
	const plans = planned
		.filter((p) => !done.has(p.key))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const at = now.toISOString();
	let urged = 0;
	for (let i = 0; i < plans.length; i += URGE_BATCH) {
		const batch = plans.slice(i, i + URGE_BATCH);
		urged += await inTransaction(db, async (trx) => {
			// Each claim commits with its urge: a process that fails here leaves them to the next.
			// One statement claims the batch (claimOnce's rule: a key is won by one process only).
			const claimed = await claimUrgeKeys(
				trx,
				batch.map((p) => p.key),
				clock.nowIso()
			);
			const won = batch.filter((p) => claimed.has(p.key));
			if (!won.length) return 0;
			const items = new Map(
				(await findItemsByIds(trx, [...new Set(won.map((p) => p.itemId))])).map((it) => [it.id, it])
			);
			const made = won.flatMap((p) => {
				const item = items.get(p.itemId);
				return item && URGED_STATUSES.includes(item.status) ? [{ p, item }] : [];
			});
			if (!made.length) return 0;
			// Each table written once for the batch: the urges, the timeline, the audit rows
			// (the scheduler acts for nobody: no person, no address), the notices and mails.
			await insertUrges(
				trx,
				made.map(({ p, item }) => ({
					itemId: item.id,
					kind: p.kind,
					urgedBy: null,
					message: '',
					at,
					isAutomatic: true
				}))
			);
			await insertEvents(
				trx,
				made.map(({ p, item }) => ({
					itemId: item.id,
					kind: 'urge',
					actorId: null,
					at,
					data: { kind: p.kind, automatic: true, ...p.data }
				}))
			);
			await auditEach(
				trx,
				{ ip: '' },
				made.map(({ p, item }) => ({
					action: 'supervision.auto_urge',
					entity: 'supervision',
					entityId: item.id,
					changes: { kind: p.kind, ...p.data }
				}))
			);
			await tellAboutItems(
				trx,
				made.map(({ p, item }) => ({
					item,
					audience: urgedPeople(item, p.withCo),
					notice: {
						step: 'urge',
						title: p.words(shownItemTitle(item), timeZone),
						mail: true
					}
				}))
			);
			for (const { item } of made.filter(({ p }) => p.kind === 'overdue'))
				await emitWebhookEvent(trx, 'supervision.overdue', { item });
			return made.length;
		});
	}
	await announceOverdue(db, addDays(today, -1));
	return { urged };
}

/**
 * 督办事项逾期 for the office's messaging (webhooks) on the first day past the deadline — the
 * overdue urge itself follows urgeEveryDays. The event's key queues it once per item and
 * endpoint, whichever process or tick gets there (the overdue urge emits it too, in case this
 * day was missed).
 */
async function announceOverdue(db: DB, deadline: string): Promise<void> {
	const ids = await findItemIdsWithDeadline(db, URGED_STATUSES, deadline);
	if (!ids.length) return;
	await inTransaction(db, async (trx) => {
		for (const item of await findItemsByIds(trx, ids))
			await emitWebhookEvent(trx, 'supervision.overdue', { item });
	});
}

registerTick('supervision.urging', (db, now) => runSupervisionUrging(db, now));
