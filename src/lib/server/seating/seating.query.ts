import * as m from '$lib/paraglide/messages';
import { rankedSeats, seatCount, seatsOf, type Seat } from '$lib/domain/seating';
import { planChanges, seatShows, type ReplyState } from '$lib/domain/seating-plan';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { compiledOnce } from '../db/compiled-once';
import { loadManagedMeeting, visibleMeeting, type VisibleMeeting } from '../meetings/access';
import type { Meeting } from '../meetings/meetings.repository';
import {
	findPlanOfMeeting,
	findSeatOfPerson,
	guestsRead,
	listGuests,
	listSeatKeysByPerson,
	planIdOfMeeting,
	planRead,
	toGuest,
	toPlanRow,
	toVersion,
	versionsRead,
	type GuestRow,
	type PlacementRow
} from './seating.repository';
import {
	listSeatPeople,
	listSeatPeopleAndPlaces,
	planSeatingRead,
	type SeatPersonRow
} from './seat-people.repository';
import { templatesRead, toTemplate } from './templates.repository';
import { toPlanRecord } from './seating.service';
import { defaultPlanSettings } from './settings.service';
import type {
	MySeat,
	PlanPersonView,
	PlanPlacementView,
	PlanRecord,
	PlanUnseatedView,
	PlanView,
	PrintModel,
	PrintSeat
} from './seating.types';

export type * from './seating.types';

// Read models of the seating pages. No SQL here: the repository reads, this shapes.

function personView(p: SeatPersonRow): PlanPersonView {
	return {
		participantId: p.participantId,
		userId: p.userId,
		name: p.name,
		title: p.title,
		department: p.departmentName,
		role: p.role,
		reply: p.reply,
		deputyName: p.reply === 'deputy' ? p.deputyName : null
	};
}

function placementView(
	row: PlacementRow,
	p: SeatPersonRow,
	excusedMode: string
): PlanPlacementView {
	const shows = seatShows(p, excusedMode);
	// Written out, not spread from personView: one object shape for 500 placements a request.
	return {
		participantId: p.participantId,
		userId: p.userId,
		name: p.name,
		title: p.title,
		department: p.departmentName,
		role: p.role,
		reply: p.reply,
		deputyName: p.reply === 'deputy' ? p.deputyName : null,
		seat: row.seat,
		locked: row.locked,
		shownName: shows.shownName,
		isDeputy: shows.isDeputy,
		isReservedEmpty: shows.isReservedEmpty
	};
}

export function zoneLabel(zone: Seat['zone']): string {
	return {
		rostrum: m.seating_zone_rostrum,
		floor: m.seating_zone_floor,
		host: m.seating_zone_host,
		guest: m.seating_zone_guest
	}[zone]();
}

/** A seat in words: 主席台第1排第3座, 第12排第7座, 主方第1位. */
export function seatLabel(seat: Seat): string {
	const v = { row: seat.row, number: seat.number };
	switch (seat.zone) {
		case 'rostrum':
			return m.seating_seat_rostrum(v);
		case 'floor':
			return m.seating_seat_floor(v);
		case 'host':
			return m.seating_seat_host(v);
		default:
			return m.seating_seat_guest(v);
	}
}

interface Loaded {
	meeting: Meeting;
	plan: PlanRecord | null;
	people: SeatPersonRow[];
	placements: PlacementRow[];
	guests: GuestRow[];
}

async function loadPlan(db: DB, meeting: Meeting): Promise<Loaded> {
	const row = await findPlanOfMeeting(db, meeting.id);
	if (!row)
		return {
			meeting,
			plan: null,
			people: await listSeatPeople(db, meeting.id),
			placements: [],
			guests: []
		};
	const [{ people, placements }, guests] = await Promise.all([
		listSeatPeopleAndPlaces(db, meeting.id, row.id),
		listGuests(db, row.id)
	]);
	return { meeting, plan: toPlanRecord(row), people, placements, guests };
}

/**
 * The plan page's one statement: the meeting's people against its plan, and beside them the
 * plan, its guests and versions and the room's templates (on PostgreSQL four round trips
 * fewer). The same SQL for every meeting: compiled once.
 */
const planPageRead = compiledOnce((db, v: { meetingId: number; roomId: number | null }) => {
	const planId = planIdOfMeeting(db, v.meetingId);
	return planSeatingRead(db, v.meetingId, planId, {
		plan: planRead(db, v.meetingId),
		guests: guestsRead(db, planId),
		templates: templatesRead(db, v.roomId),
		versions: versionsRead(db, planId, 20)
	});
});

/**
 * The plan page (/meetings/[id]/seating), for those who manage the meeting: NotFoundError for
 * those who may not open it, ForbiddenError for its participants. Reads the meeting's people
 * against the plan once (planSeatingRead): the taken seats with only what the map shows, the
 * changed, and the few people without a seat in full.
 */
export async function loadPlanPage(db: DB, actor: Actor, meetingId: number): Promise<PlanView> {
	const meeting = await loadManagedMeeting(db, actor, meetingId);
	const { rows, built } = await planPageRead(db, {
		meetingId: meeting.id,
		roomId: meeting.roomId
	});
	const { seats, changed: changedSeats, unseated: unseatedPeople, beside } = built.unpack(rows[0]);
	const plan = beside.plan[0] ? toPlanRecord(toPlanRow(beside.plan[0])) : null;
	const guests = beside.guests.map(toGuest);
	const templates = beside.templates.map(toTemplate);
	const versions = beside.versions.map(toVersion);
	const defaults = plan ? null : await defaultPlanSettings(db);
	const unseated: PlanUnseatedView[] = unseatedPeople.map((p) => ({
		...personView(p),
		reason:
			p.role === 'staff' && !plan?.seatStaff
				? 'staff'
				: p.reply === 'excused'
					? 'excused'
					: 'no_seat'
	}));
	// What changed since the seated people were arranged: replies and deputies of those seated
	// (only those whose reply or deputy differs can have changed), and the people on the
	// meeting who have no seat yet (added since).
	const seatedGuests = guests.filter((g) => g.seat).length;
	const seatFree = plan ? seatCount(plan.layout) > seats.taken + seatedGuests : false;
	const added = plan
		? unseatedPeople.filter((p) => unseatedCounts(p, plan, seats.taken > 0, seatFree))
		: [];
	const now: (ReplyState & { name: string })[] = [...changedSeats, ...added];
	const names = new Map(now.map((p) => [p.participantId, p.name]));
	const changes = plan
		? planChanges(
				changedSeats.map((r) => ({
					participantId: r.participantId,
					reply: r.arrangedReply,
					deputyId: r.arrangedDeputyId
				})),
				now
			).map((c) => ({ ...c, name: names.get(c.participantId) ?? '' }))
		: [];
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			status: meeting.status,
			roomId: meeting.roomId,
			roomName: meeting.roomName
		},
		plan,
		seats,
		unseated,
		guests: guests.map((g) => ({ ...g })),
		changes,
		templates,
		versions,
		settings: plan
			? {
					convention: plan.convention,
					pair: plan.pair,
					floorOrder: plan.floorOrder,
					excusedMode: plan.excusedMode,
					seatStaff: plan.seatStaff
				}
			: defaults!
	};
}

/**
 * Whether an unseated person counts as "added since" the arrangement: someone the plan would
 * seat (not 会务 left unseated, not an excused person the plan closed up on) while a seat is
 * free — an arrangement fills every seat before it leaves anyone out, so with a seat free the
 * person came after it; with none free they are simply beyond the hall's seats.
 */
function unseatedCounts(
	p: SeatPersonRow,
	plan: PlanRecord,
	arranged: boolean,
	seatFree: boolean
): boolean {
	if (!arranged || !seatFree) return false; // nobody seated yet, or no seat to give
	if (p.role === 'staff' && !plan.seatStaff) return false;
	return p.reply !== 'excused';
}

/**
 * Where the actor sits — as a participant, or as the deputy going in one's place; else null.
 * The layout comes along for the small map, which the browser draws from it (seatsOf).
 */
export async function mySeat(
	db: DB,
	actor: Actor,
	meetingOrId: number | VisibleMeeting
): Promise<MySeat | null> {
	const meeting = await visibleMeeting(db, actor, meetingOrId);
	const row = await findPlanOfMeeting(db, meeting.id);
	if (!row) return null;
	const mine = await findSeatOfPerson(db, row.id, meeting.id, actor.id);
	if (!mine) return null;
	const seat = seatsOf(row.layout).find((s) => s.key === mine.seat);
	if (!seat) return null;
	return {
		seat,
		zoneLabel: zoneLabel(seat.zone),
		row: seat.row,
		number: seat.number,
		layout: row.layout,
		asDeputy: mine.asDeputy
	};
}

/**
 * The check-in sheet's 座位 column (managers only): each seated person's seat, without the
 * excused whose seat the plan keeps empty; empty without a plan.
 */
export async function seatsOfPeople(
	db: DB,
	actor: Actor,
	meetingId: number
): Promise<Record<number, Seat>> {
	const meeting = await loadManagedMeeting(db, actor, meetingId);
	const row = await findPlanOfMeeting(db, meeting.id);
	if (!row) return {};
	const byKey = new Map(seatsOf(row.layout).map((s) => [s.key, s]));
	const keepsEmpty = row.excusedMode === 'empty';
	const out: Record<number, Seat> = {};
	for (const p of await listSeatKeysByPerson(db, row.id)) {
		const seat = byKey.get(p.seat);
		if (seat && !(p.excused && keepsEmpty)) out[p.userId] = seat;
	}
	return out;
}

/** The print pages' model (managers only): chart, name cards, list by seat, rostrum order. */
export async function printModel(db: DB, actor: Actor, meetingId: number): Promise<PrintModel> {
	const meeting = await loadManagedMeeting(db, actor, meetingId);
	const { plan, people, placements, guests } = await loadPlan(db, meeting);
	const meetingView = {
		id: meeting.id,
		title: meeting.title,
		startsAt: meeting.startsAt,
		roomName: meeting.roomName,
		location: meeting.location
	};
	if (!plan)
		return {
			meeting: meetingView,
			layout: { kind: 'hall', rostrum: [], floor: { rows: 0, blocks: [] } },
			convention: 'left',
			chart: [],
			cards: [],
			list: [],
			rostrum: []
		};
	const byId = new Map(people.map((p) => [p.participantId, p]));
	const bySeat = new Map<string, PlanPlacementView>();
	for (const r of placements) {
		const p = byId.get(r.participantId);
		if (p) bySeat.set(r.seat, placementView(r, p, plan.excusedMode));
	}
	const guestBySeat = new Map(guests.flatMap((g) => (g.seat ? [[g.seat, g] as const] : [])));
	const seats = seatsOf(plan.layout);
	const chart: PrintSeat[] = seats.map((seat) => {
		const guest = guestBySeat.get(seat.key);
		if (guest)
			return { seat, name: guest.name, isDeputy: false, title: guest.title, department: null };
		const v = bySeat.get(seat.key);
		const shown = v && !v.isReservedEmpty ? v : undefined;
		return {
			seat,
			name: shown?.shownName ?? null,
			isDeputy: shown?.isDeputy ?? false,
			title: shown && !shown.isDeputy ? shown.title : '',
			department: shown?.department ?? null
		};
	});
	const ranked = rankedSeats(plan.layout, plan.convention, plan.pair);
	const seatOf = new Map(chart.map((c) => [c.seat.key, c]));
	const cards = [...ranked.rostrum, ...ranked.host, ...ranked.guest, ...ranked.floor]
		.map((k) => seatOf.get(k))
		.filter((c): c is PrintSeat => !!c?.name)
		.map((c) => ({ seat: c.seat.key, name: c.name!, isDeputy: c.isDeputy }));
	const zoneRank = { rostrum: 0, host: 1, guest: 2, floor: 3 } as const;
	const list = chart
		.filter((c) => c.name)
		.sort(
			(a, b) =>
				zoneRank[a.seat.zone] - zoneRank[b.seat.zone] ||
				a.seat.row - b.seat.row ||
				a.seat.number - b.seat.number
		)
		.map((c) => ({ ...c, label: seatLabel(c.seat) }));
	const rostrum = ranked.rostrum.flatMap((k, i) => {
		const c = seatOf.get(k);
		return c?.name
			? [{ rank: i + 1, seat: k, name: c.name, title: c.title, isDeputy: c.isDeputy }]
			: [];
	});
	return {
		meeting: meetingView,
		layout: plan.layout,
		convention: plan.convention,
		chart,
		cards,
		list,
		rostrum
	};
}
