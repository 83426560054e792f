import { exchangeProblem, movesOf } from '$lib/domain/duty-swaps';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError } from '../errors';
import { canManageDuty } from '../permissions';
import { pinyinInitials } from '../person-initials';
import * as clock from '../clock';
import { findPeopleByIds } from './pools.repository';
import { type DutyAssignment } from './roster.repository';
import {
	findOpenSwapsForSlots,
	listOpenSwapsOfPeriod,
	listSwapViews,
	listUpcomingSlotsOf,
	type SlotView,
	type SwapView
} from './swaps.repository';
import {
	eligibleFor,
	loadOwnSlot,
	loadSwapRoster,
	problemHint,
	slotBlocked
} from './swaps.service';

export type { SlotView, SwapView };

export interface MySwaps {
	incoming: SwapView[];
	outgoing: SwapView[];
	/** The actor's coming shifts, each with whether a request on it is open. */
	shifts: Array<SlotView & { hasOpenSwap: boolean }>;
}

/** Requests the actor received and made (newest first) and their coming shifts. */
export async function listMySwaps(db: DB, actor: Actor, now = clock.now()): Promise<MySwaps> {
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
	/** Pinyin initials, for the PersonPicker's search. */
	initials: string;
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
	now = clock.now()
): Promise<SwapFormOptions> {
	const { period, slot } = await loadOwnSlot(db, actor, assignmentId);
	const blocked = await slotBlocked(db, period, slot, now);
	const pool = blocked ? [] : await eligibleFor(db, period.id, slot.role);
	const roster = await loadSwapRoster(
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
			initials: pinyinInitials(p.name),
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
