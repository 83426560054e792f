import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { slotConflict, type DutySlot, type SlotConflict } from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { insertNotifications } from '../notifications/notifications.repository';
import { parseInput } from '../validation';
import { canManageDuty, loadVisiblePeriod } from './access';
import {
	findAssignmentById,
	listAssignments,
	listShifts,
	setAssignmentUser,
	type DutyAssignment,
	type DutyPeriod
} from './duty.repository';
import {
	findOpenSwapsForSlots,
	findPeopleByIds,
	findSwapById,
	insertSwap,
	listActivePeopleWithRoles,
	listExemptions,
	listOpenSwapsOfPeriod,
	listPoolUserIds,
	listSwapViews,
	listUnavailabilityOf,
	listUpcomingSlotsOf,
	lockSlots,
	updateSwapFrom,
	type DutySwap,
	type Person,
	type SlotView,
	type SwapView
} from './swaps.repository';

// Notifications are stored text read by other people later: always in the office's language.
const STORED = { locale: 'zh-CN' } as const;
const LINK = '/duty/swaps';

/** Without a pool for the role, anyone active holding one of these roles may take the shift. */
const FITTING_ROLES: Record<DutyRole, string[]> = {
	leader: ['leader'],
	officer: ['staff', 'dept_head', 'office']
};

const idField = (message: () => string) =>
	z.preprocess(
		(v) => (v === '' || v == null ? undefined : v),
		z.coerce.number({ error: message }).int({ error: message }).positive({ error: message })
	);

const proposeSchema = z.object({
	assignmentId: z.coerce.number().int().positive(),
	kind: z.enum(['swap', 'handover'], { error: () => m.duty_swap_err_kind() }),
	counterpartId: idField(() => m.duty_swap_err_counterpart()),
	counterpartAssignmentId: z.preprocess(
		(v) => (v === '' || v == null ? null : v),
		z.coerce.number().int().positive().nullable()
	),
	reason: z
		.string({ error: () => m.duty_swap_err_reason() })
		.trim()
		.min(1, { error: () => m.duty_swap_err_reason() })
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
});

const noteSchema = z
	.string()
	.trim()
	.max(200, { error: () => m.err_too_long({ max: 200 }) });

// ---- the roster around a swap ------------------------------------------------------------

interface Roster {
	slots: DutyAssignment[];
	shiftNames: Map<number, string>;
	exempt: Map<number, string>;
	unavailable: Array<{ userId: number; startDate: string; endDate: string; reason: string }>;
}

interface Move {
	slotId: number;
	userId: number;
}

interface Problem {
	kind: SlotConflict | 'exempt';
	userId: number;
	slot: DutyAssignment;
	reason: string;
}

/** The period's roster, with leave of everyone on it and of the candidates named. */
async function loadRoster(db: DB, period: DutyPeriod, candidates: number[]): Promise<Roster> {
	const [slots, shifts, exempt] = await Promise.all([
		listAssignments(db, period.id),
		listShifts(db, period.id),
		listExemptions(db, period.id)
	]);
	const ids = new Set(candidates);
	for (const a of slots) if (a.userId !== null) ids.add(a.userId);
	const unavailable = await listUnavailabilityOf(db, [...ids], period.startDate, period.endDate);
	return { slots, shiftNames: new Map(shifts.map((s) => [s.id, s.name])), exempt, unavailable };
}

function toDutySlot(a: DutyAssignment): DutySlot {
	return {
		key: `${a.id}`,
		shiftKey: `${a.shiftId}:${a.date}`,
		date: a.date,
		startsAt: a.startsAt,
		endsAt: a.endsAt,
		role: a.role,
		weight: a.weight,
		label: a.label || null
	};
}

/** What would be wrong once the slots move to these people (everything else staying put). */
function exchangeProblem(r: Roster, moves: Move[]): Problem | null {
	const moved = new Map(moves.map((mv) => [mv.slotId, mv.userId]));
	const current = r.slots.map((a) => ({
		slot: toDutySlot(a),
		userId: moved.has(a.id) ? moved.get(a.id)! : a.userId
	}));
	for (const mv of moves) {
		const slot = r.slots.find((a) => a.id === mv.slotId)!;
		const conflict = slotConflict(toDutySlot(slot), mv.userId, current, r.unavailable);
		if (conflict === 'unavailable') {
			const away = r.unavailable.find(
				(u) => u.userId === mv.userId && u.startDate <= slot.date && slot.date <= u.endDate
			)!;
			return { kind: conflict, userId: mv.userId, slot, reason: away.reason };
		}
		const exempt = r.exempt.get(mv.userId);
		if (exempt !== undefined) return { kind: 'exempt', userId: mv.userId, slot, reason: exempt };
		if (conflict) return { kind: conflict, userId: mv.userId, slot, reason: '' };
	}
	return null;
}

function movesOf(
	kind: DutySwap['kind'],
	slot: DutyAssignment,
	theirs: DutyAssignment | null,
	requesterId: number,
	counterpartId: number
): Move[] {
	const moves = [{ slotId: slot.id, userId: counterpartId }];
	if (kind === 'swap' && theirs) moves.push({ slotId: theirs.id, userId: requesterId });
	return moves;
}

function dateLabel(date: string, o?: typeof STORED): string {
	const [, month, day] = date.split('-').map(Number);
	return m.duty_swap_date({ month, day }, o);
}

/** The refusal, naming the person: "李四 在 10月3日 请假/不可值班（出差），不能调入". */
function problemMessage(p: Problem, r: Roster, name: string): string {
	const date = dateLabel(p.slot.date);
	const shift = r.shiftNames.get(p.slot.shiftId) ?? '';
	switch (p.kind) {
		case 'unavailable':
			return m.duty_swap_err_unavailable({ name, date, reason: p.reason });
		case 'exempt':
			return m.duty_swap_err_exempt({ name, reason: p.reason });
		case 'same_shift':
			return m.duty_swap_err_same_shift({ name, date, shift });
		case 'back_to_back':
			return m.duty_swap_err_back_to_back({ name, date, shift });
		case 'overlap':
			return m.duty_swap_err_overlap({ name, date, shift });
	}
}

/** The short mark next to a name in the form: "10月3日不可值班". */
function problemHint(p: Problem): string {
	switch (p.kind) {
		case 'unavailable':
			return m.duty_swap_hint_unavailable({ date: dateLabel(p.slot.date) });
		case 'exempt':
			return m.duty_swap_hint_exempt();
		case 'same_shift':
			return m.duty_swap_hint_same_shift();
		case 'back_to_back':
			return m.duty_swap_hint_back_to_back();
		case 'overlap':
			return m.duty_swap_hint_overlap();
	}
}

function roleLabel(role: DutyRole, o?: typeof STORED): string {
	return role === 'leader' ? m.duty_swap_role_leader({}, o) : m.duty_swap_role_officer({}, o);
}

function kindLabel(kind: DutySwap['kind']): string {
	return kind === 'swap'
		? m.duty_swap_kind_swap({}, STORED)
		: m.duty_swap_kind_handover({}, STORED);
}

/** "10月3日 白班（值班员）", for notifications and the audit log. */
function describeSlot(a: DutyAssignment, r: Pick<Roster, 'shiftNames'>): string {
	const shift = r.shiftNames.get(a.shiftId) ?? '';
	return `${dateLabel(a.date, STORED)} ${shift}（${roleLabel(a.role, STORED)}）`;
}

// ---- who may do what -----------------------------------------------------------------------

/** Why the slot cannot be offered now, or null: draft roster, shift started, request open. */
async function slotBlocked(
	db: DB,
	period: DutyPeriod,
	slot: DutyAssignment,
	now: Date
): Promise<string | null> {
	if (period.status !== 'published') return m.duty_swap_err_draft();
	if (Date.parse(slot.startsAt) <= now.getTime()) return m.duty_swap_err_started();
	if ((await findOpenSwapsForSlots(db, [slot.id])).length) return m.duty_swap_err_open();
	return null;
}

/** The actor's own slot: unseen → not found, someone else's → forbidden. */
async function loadOwnSlot(db: DB, actor: Actor, assignmentId: number) {
	const slot = await findAssignmentById(db, assignmentId);
	if (!slot) throw new NotFoundError();
	const period = await loadVisiblePeriod(db, actor, slot.periodId);
	if (slot.userId !== actor.id) throw new ForbiddenError();
	return { period, slot };
}

/** Parties and the office see a request; anyone else is told it does not exist. */
async function loadVisibleSwap(db: DB, actor: Actor, id: number): Promise<DutySwap> {
	const swap = await findSwapById(db, id);
	const party = swap && (swap.requesterId === actor.id || swap.counterpartId === actor.id);
	if (!swap || (!party && !canManageDuty(actor))) throw new NotFoundError();
	await loadVisiblePeriod(db, actor, swap.periodId);
	return swap;
}

/** People who may take over a slot of this role: the pool, or without one anyone fitting. */
async function eligibleFor(db: DB, periodId: number, role: DutyRole): Promise<Person[]> {
	const pool = await listPoolUserIds(db, periodId, role);
	if (!pool.length) return listActivePeopleWithRoles(db, FITTING_ROLES[role]);
	return (await findPeopleByIds(db, pool)).filter((p) => p.isActive);
}

async function activeOfficeIds(db: DB): Promise<number[]> {
	return (await listActivePeopleWithRoles(db, ['office'])).map((p) => p.id);
}

async function notify(db: DB, userIds: number[], title: string, body = ''): Promise<void> {
	const created_at = new Date().toISOString();
	await insertNotifications(
		db,
		[...new Set(userIds)].map((user_id) => ({
			user_id,
			kind: 'duty_swap',
			title,
			body,
			link: LINK,
			created_at
		}))
	);
}

/** The slots of a request as they are now, and whether they are still held as proposed. */
async function loadSwapSlots(db: DB, swap: DutySwap) {
	await lockSlots(db, [swap.assignmentId, swap.counterpartAssignmentId ?? swap.assignmentId]);
	const slot = (await findAssignmentById(db, swap.assignmentId))!;
	const theirs = swap.counterpartAssignmentId
		? ((await findAssignmentById(db, swap.counterpartAssignmentId)) ?? null)
		: null;
	const intact =
		slot.userId === swap.requesterId &&
		(swap.kind === 'handover' || theirs?.userId === swap.counterpartId);
	return { slot, theirs, intact };
}

/** Re-checks a request against the roster as it is now; throws the first problem found. */
async function assertStillPossible(db: DB, actor: Actor, swap: DutySwap, now: Date) {
	const period = await loadVisiblePeriod(db, actor, swap.periodId);
	if (period.status !== 'published') throw new ValidationError({ _: m.duty_swap_err_draft() });
	const { slot, theirs, intact } = await loadSwapSlots(db, swap);
	if (!intact) throw new ValidationError({ _: m.duty_swap_err_roster_changed() });
	if ([slot, theirs].some((a) => a && Date.parse(a.startsAt) <= now.getTime()))
		throw new ValidationError({ _: m.duty_swap_err_started() });
	const people = await findPeopleByIds(db, [swap.requesterId, swap.counterpartId]);
	if (people.some((p) => !p.isActive)) throw new ValidationError({ _: m.duty_swap_err_inactive() });
	const roster = await loadRoster(db, period, [swap.requesterId, swap.counterpartId]);
	const moves = movesOf(swap.kind, slot, theirs, swap.requesterId, swap.counterpartId);
	const problem = exchangeProblem(roster, moves);
	if (problem) {
		const who = people.find((p) => p.id === problem.userId)!;
		throw new ValidationError({ _: problemMessage(problem, roster, who.name) });
	}
	return { slot, theirs, roster };
}

// ---- the steps of a request ----------------------------------------------------------------

/**
 * 调班 (swap: each takes the other's slot) or 替班 (hand-over: the colleague takes the slot).
 * Only the person on the slot proposes; nothing on the roster changes until the office approves.
 */
export async function proposeSwap(
	db: DB,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<number> {
	const data = parseInput(proposeSchema, input);
	const theirId = data.kind === 'swap' ? data.counterpartAssignmentId : null;
	return inTransaction(db, async (trx) => {
		await lockSlots(trx, theirId ? [data.assignmentId, theirId] : [data.assignmentId]);
		const { period, slot } = await loadOwnSlot(trx, actor, data.assignmentId);
		const blocked = await slotBlocked(trx, period, slot, now);
		if (blocked) throw new ValidationError({ _: blocked });
		if (data.counterpartId === actor.id)
			throw new ValidationError({ counterpartId: m.duty_swap_err_self() });
		const [counterpart] = await findPeopleByIds(trx, [data.counterpartId]);
		if (!counterpart?.isActive)
			throw new ValidationError({ counterpartId: m.duty_swap_err_inactive() });

		let theirs: DutyAssignment | null = null;
		if (data.kind === 'swap') {
			if (!theirId)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_counterpart_slot() });
			theirs = (await findAssignmentById(trx, theirId)) ?? null;
			if (!theirs || theirs.periodId !== period.id || theirs.userId !== counterpart.id) {
				const message = m.duty_swap_err_slot_not_theirs({ name: counterpart.name });
				throw new ValidationError({ counterpartAssignmentId: message });
			}
			if (theirs.role !== slot.role)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_slot_role() });
			if (Date.parse(theirs.startsAt) <= now.getTime())
				throw new ValidationError({
					counterpartAssignmentId: m.duty_swap_err_counterpart_started()
				});
			if ((await findOpenSwapsForSlots(trx, [theirs.id])).length)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_open() });
		} else if (
			!(await eligibleFor(trx, period.id, slot.role)).some((p) => p.id === counterpart.id)
		) {
			const message = m.duty_swap_err_not_in_pool({
				name: counterpart.name,
				role: roleLabel(slot.role)
			});
			throw new ValidationError({ counterpartId: message });
		}

		const roster = await loadRoster(trx, period, [actor.id, counterpart.id]);
		const problem = exchangeProblem(
			roster,
			movesOf(data.kind, slot, theirs, actor.id, counterpart.id)
		);
		if (problem) {
			const mine = problem.userId === actor.id;
			const message = problemMessage(problem, roster, mine ? actor.name : counterpart.name);
			throw new ValidationError({ [mine ? 'counterpartAssignmentId' : 'counterpartId']: message });
		}

		const id = await insertSwap(trx, {
			period_id: period.id,
			kind: data.kind,
			assignment_id: slot.id,
			counterpart_assignment_id: theirs?.id ?? null,
			requester_id: actor.id,
			counterpart_id: counterpart.id,
			reason: data.reason,
			status: 'proposed',
			created_at: now.toISOString()
		});
		const shift = describeSlot(slot, roster);
		const theirShift = theirs && describeSlot(theirs, roster);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.propose',
			entity: 'duty_swap',
			entityId: id,
			changes: {
				kind: data.kind,
				shift,
				counterpart: counterpart.name,
				counterpartShift: theirShift,
				reason: data.reason
			}
		});
		const title = m.duty_swap_notify_proposed(
			{
				name: actor.name,
				kind: kindLabel(data.kind),
				shift: theirShift ? `${shift} ⇄ ${theirShift}` : shift
			},
			STORED
		);
		await notify(trx, [counterpart.id], title, data.reason);
		return id;
	});
}

/** The named colleague accepts (it then waits for the office) or declines. */
export async function respondToSwap(
	db: DB,
	actor: Actor,
	swapId: number,
	accept: boolean,
	now = new Date()
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (swap.counterpartId !== actor.id) throw new ForbiddenError();
		if (swap.status !== 'proposed') throw new ValidationError({ _: m.duty_swap_err_status() });
		const { slot, roster } = accept
			? await assertStillPossible(trx, actor, swap, now)
			: { slot: (await findAssignmentById(trx, swap.assignmentId))!, roster: null };
		const status = accept ? 'accepted' : 'declined';
		const moved = await updateSwapFrom(trx, swap.id, ['proposed'], {
			status,
			responded_at: now.toISOString()
		});
		if (!moved) throw new ValidationError({ _: m.duty_swap_err_status() });
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: `duty_swap.${accept ? 'accept' : 'decline'}`,
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { status: [swap.status, status] }
		});
		const shiftNames = roster?.shiftNames ?? (await shiftNamesOf(trx, swap.periodId));
		const shift = describeSlot(slot, { shiftNames });
		const kind = kindLabel(swap.kind);
		if (!accept) {
			const title = m.duty_swap_notify_declined({ name: actor.name, kind, shift }, STORED);
			await notify(trx, [swap.requesterId], title);
			return;
		}
		await notify(
			trx,
			[swap.requesterId],
			m.duty_swap_notify_accepted({ name: actor.name, kind }, STORED)
		);
		const [requester] = await findPeopleByIds(trx, [swap.requesterId]);
		// Those in the request cannot approve it, so they are not asked to.
		const parties = [swap.requesterId, swap.counterpartId];
		const office = (await activeOfficeIds(trx)).filter((id) => !parties.includes(id));
		const title = m.duty_swap_notify_awaiting(
			{ kind, from: requester.name, to: actor.name, shift },
			STORED
		);
		await notify(trx, office, title, swap.reason);
	});
}

async function shiftNamesOf(db: DB, periodId: number): Promise<Map<number, string>> {
	return new Map((await listShifts(db, periodId)).map((s) => [s.id, s.name]));
}

/** The requester takes the request back while it is still open. */
export async function withdrawSwap(db: DB, actor: Actor, swapId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (swap.requesterId !== actor.id) throw new ForbiddenError();
		const moved = await updateSwapFrom(trx, swap.id, ['proposed', 'accepted'], {
			status: 'withdrawn'
		});
		if (!moved) throw new ValidationError({ _: m.duty_swap_err_status() });
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.withdraw',
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { status: [swap.status, 'withdrawn'] }
		});
		const slot = (await findAssignmentById(trx, swap.assignmentId))!;
		const shift = describeSlot(slot, { shiftNames: await shiftNamesOf(trx, swap.periodId) });
		const title = m.duty_swap_notify_withdrawn(
			{ name: actor.name, kind: kindLabel(swap.kind), shift },
			STORED
		);
		await notify(trx, [swap.counterpartId], title);
	});
}

/**
 * The office approves (the slots change hands, and with them the ledger) or rejects with a
 * reason. Nobody decides a request they are part of; approval re-checks leave and clashes now.
 */
export async function decideSwap(
	db: DB,
	actor: Actor,
	swapId: number,
	approve: boolean,
	note: unknown = '',
	now = new Date()
): Promise<void> {
	const decisionNote = parseInput(z.object({ note: noteSchema }), { note: note ?? '' }).note;
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (!canManageDuty(actor)) throw new ForbiddenError();
		if (swap.requesterId === actor.id || swap.counterpartId === actor.id)
			throw new ValidationError({ _: m.duty_swap_err_own() });
		if (swap.status !== 'accepted') throw new ValidationError({ _: m.duty_swap_err_status() });
		if (!approve && !decisionNote)
			throw new ValidationError({ note: m.duty_swap_err_reject_note() });

		const people = new Map(
			(await findPeopleByIds(trx, [swap.requesterId, swap.counterpartId])).map((p) => [
				p.id,
				p.name
			])
		);
		const from = people.get(swap.requesterId)!;
		const to = people.get(swap.counterpartId)!;
		const kind = kindLabel(swap.kind);
		const decided = {
			decided_by: actor.id,
			decision_note: decisionNote,
			decided_at: now.toISOString()
		};
		if (!approve) {
			if (!(await updateSwapFrom(trx, swap.id, ['accepted'], { status: 'rejected', ...decided })))
				throw new ValidationError({ _: m.duty_swap_err_status() });
			await recordAudit(trx, {
				actor,
				ip: actor.ip,
				action: 'duty_swap.reject',
				entity: 'duty_swap',
				entityId: swap.id,
				changes: { status: ['accepted', 'rejected'], note: decisionNote }
			});
			const slot = (await findAssignmentById(trx, swap.assignmentId))!;
			const shift = describeSlot(slot, { shiftNames: await shiftNamesOf(trx, swap.periodId) });
			const title = m.duty_swap_notify_rejected({ kind, shift, note: decisionNote }, STORED);
			await notify(trx, [swap.requesterId, swap.counterpartId], title);
			return;
		}

		const { slot, theirs, roster } = await assertStillPossible(trx, actor, swap, now);
		if (!(await updateSwapFrom(trx, swap.id, ['accepted'], { status: 'approved', ...decided })))
			throw new ValidationError({ _: m.duty_swap_err_status() });
		const moves = movesOf(swap.kind, slot, theirs, swap.requesterId, swap.counterpartId);
		for (const mv of moves) await setAssignmentUser(trx, mv.slotId, mv.userId);
		const changes = moves.map((mv) => {
			const a = mv.slotId === slot.id ? slot : theirs!;
			return {
				assignmentId: a.id,
				shift: describeSlot(a, roster),
				weight: a.weight,
				before: people.get(a.userId!),
				after: people.get(mv.userId)
			};
		});
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.approve',
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { kind: swap.kind, slots: changes, note: decisionNote }
		});
		const shift = describeSlot(slot, roster);
		const title = m.duty_swap_notify_approved({ kind, from, to, shift }, STORED);
		const office = (await activeOfficeIds(trx)).filter((id) => id !== actor.id);
		await notify(trx, [swap.requesterId, swap.counterpartId, ...office], title, decisionNote);
	});
}

// ---- what the pages show -------------------------------------------------------------------

export interface MySwaps {
	incoming: SwapView[];
	outgoing: SwapView[];
	/** The actor's coming shifts, each with whether a request on it is open. */
	shifts: Array<SlotView & { hasOpenSwap: boolean }>;
}

/** Requests the actor received and made (newest first) and their coming shifts. */
export async function listMySwaps(db: DB, actor: Actor, now = new Date()): Promise<MySwaps> {
	const [all, shifts] = await Promise.all([
		listSwapViews(db, { party: actor.id, limit: 200 }),
		listUpcomingSlotsOf(db, actor.id, now.toISOString(), 50)
	]);
	const open = shifts.length
		? await findOpenSwapsForSlots(
				db,
				shifts.map((s) => s.assignmentId)
			)
		: [];
	const busy = new Set(open.flatMap((s) => [s.assignmentId, s.counterpartAssignmentId]));
	return {
		incoming: all.filter((s) => s.counterpartId === actor.id),
		outgoing: all.filter((s) => s.requesterId === actor.id),
		shifts: shifts.map((s) => ({ ...s, hasOpenSwap: busy.has(s.assignmentId) }))
	};
}

/** For the office: requests to decide, and those still waiting for the colleague. */
export async function listPendingApprovals(
	db: DB,
	actor: Actor
): Promise<{ awaiting: SwapView[]; waitingForColleague: SwapView[] }> {
	if (!canManageDuty(actor)) throw new ForbiddenError();
	const [awaiting, waitingForColleague] = await Promise.all([
		listSwapViews(db, { statuses: ['accepted'], limit: 200 }),
		listSwapViews(db, { statuses: ['proposed'], limit: 200 })
	]);
	return { awaiting, waitingForColleague };
}

export interface SwapColleague {
	id: number;
	name: string;
	departmentName: string | null;
	/** In the pool for the slot's role: may take it over (替班). */
	canTakeOver: boolean;
	/** Why a hand-over to this person would be refused, or null. */
	handoverProblem: string | null;
	/** Why any swap with this person would be refused (leave, exemption), or null. */
	swapProblem: string | null;
	/** Their own coming slots of the same role in the period, each with why a swap would fail. */
	slots: Array<{
		assignmentId: number;
		date: string;
		shiftName: string;
		startsAt: string;
		endsAt: string;
		label: string;
		weight: number;
		problem: string | null;
	}>;
}

export interface SwapFormOptions {
	period: { id: number; name: string };
	slot: DutyAssignment & { shiftName: string };
	/** Why this slot cannot be offered now (draft roster, started, request open), or null. */
	blocked: string | null;
	colleagues: SwapColleague[];
}

/** Everything the proposal form needs, with each colleague's problems marked in advance. */
export async function swapFormOptions(
	db: DB,
	actor: Actor,
	assignmentId: number,
	now = new Date()
): Promise<SwapFormOptions> {
	const { period, slot } = await loadOwnSlot(db, actor, assignmentId);
	const blocked = await slotBlocked(db, period, slot, now);
	const pool = blocked ? [] : await eligibleFor(db, period.id, slot.role);
	const roster = await loadRoster(
		db,
		period,
		pool.map((p) => p.id)
	);
	const open = await listOpenSwapsOfPeriod(db, period.id);
	const busy = new Set(open.flatMap((s) => [s.assignmentId, s.counterpartAssignmentId]));
	const theirSlots = blocked
		? []
		: roster.slots.filter(
				(a) =>
					a.role === slot.role &&
					a.userId !== null &&
					a.userId !== actor.id &&
					Date.parse(a.startsAt) > now.getTime() &&
					!busy.has(a.id)
			);
	const ids = new Set([...pool.map((p) => p.id), ...theirSlots.map((a) => a.userId!)]);
	ids.delete(actor.id);
	const people = (await findPeopleByIds(db, [...ids])).filter((p) => p.isActive);
	const inPool = new Set(pool.map((p) => p.id));
	const colleagues = people.map((p): SwapColleague => {
		const handover = exchangeProblem(roster, movesOf('handover', slot, null, actor.id, p.id));
		const dateBound = handover && (handover.kind === 'unavailable' || handover.kind === 'exempt');
		return {
			id: p.id,
			name: p.name,
			departmentName: p.departmentName,
			canTakeOver: inPool.has(p.id),
			handoverProblem: handover && problemHint(handover),
			swapProblem: dateBound ? problemHint(handover) : null,
			slots: theirSlots
				.filter((a) => a.userId === p.id)
				.map((a) => {
					const problem = exchangeProblem(roster, movesOf('swap', slot, a, actor.id, p.id));
					const who = problem?.userId === actor.id ? actor.name : p.name;
					return {
						assignmentId: a.id,
						date: a.date,
						shiftName: roster.shiftNames.get(a.shiftId) ?? '',
						startsAt: a.startsAt,
						endsAt: a.endsAt,
						label: a.label,
						weight: a.weight,
						problem: problem && who + problemHint(problem)
					};
				})
		};
	});
	return {
		period: { id: period.id, name: period.name },
		slot: { ...slot, shiftName: roster.shiftNames.get(slot.shiftId) ?? '' },
		blocked,
		colleagues
	};
}
