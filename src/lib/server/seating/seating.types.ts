import type {
	Convention,
	HallLayout,
	Layout,
	PairOrder,
	Seat,
	SeatKey,
	TalksLayout
} from '$lib/domain/seating';
import type { FloorOrder } from '$lib/domain/seating-order';
import type { ExcusedMode, PlanChange, SeatShows } from '$lib/domain/seating-plan';
import type { ParticipantRole, ReplyKind } from '../db/schema';

// The shapes the seating pages read (seating.query.ts builds them, seating.service.ts returns
// some). Kept apart so the service and the query share them without importing each other.

export type { Convention, ExcusedMode, FloorOrder, HallLayout, Layout, PairOrder, Seat, SeatKey };
export type { TalksLayout };

/** A room's seating template. */
export interface SeatingTemplate {
	id: number;
	roomId: number;
	name: string;
	layout: Layout;
	updatedAt: string;
}

/** How a plan is arranged (the setup form's values). */
export interface PlanSettings {
	convention: Convention;
	pair: PairOrder;
	floorOrder: FloorOrder;
	excusedMode: ExcusedMode;
	seatStaff: boolean;
}

/** A person on the meeting, as the plan shows them. */
export interface PlanPersonView {
	participantId: number;
	userId: number;
	name: string;
	title: string;
	department: string | null;
	role: ParticipantRole;
	reply: ReplyKind;
	/** The deputy's name when the reply is 'deputy' (the seat shows it with 代). */
	deputyName: string | null;
}

/**
 * A taken seat as the plan page receives it: the seat, the participant's id, their name, reply
 * and deputy's name, and whether the seat is locked (0/1 on SQLite, false/true on PostgreSQL).
 * What the seat shows follows in the browser (seatShows, compact.ts).
 */
export type PlanSeatTuple = [
	seat: SeatKey,
	participantId: number,
	name: string,
	reply: ReplyKind,
	deputyName: string | null,
	locked: boolean | 0 | 1
];

/**
 * The taken seats of a plan as the database wrote them: `json` is a JSON array of
 * PlanSeatTuple, passed to the page unparsed (a 500-seat hall: parsing, reshaping and
 * re-serialising 500 seats on the server cost more than the rest of the page).
 */
export interface PackedPlanSeats {
	taken: number;
	json: string;
}

/** A taken seat with all the plan shows of the person in it (the print pages). */
export interface PlanPlacementView extends PlanPersonView, SeatShows {
	seat: SeatKey;
	locked: boolean;
}

export interface PlanUnseatedView extends PlanPersonView {
	reason: 'no_seat' | 'staff' | 'excused';
}

/** A talks plan's guest (客方), typed in by the office; rank 1 is the guest principal. */
export interface PlanGuestView {
	id: number;
	name: string;
	title: string;
	rank: number;
	/** Their seat (G{n}), null when not seated. */
	seat: SeatKey | null;
	locked: boolean;
}

export interface PlanChangeView extends PlanChange {
	name: string;
}

export interface PlanVersionView {
	version: number;
	changedAt: string;
	changedByName: string | null;
	summary: string;
}

/** The stored plan (null on the page until it is set up). */
export interface PlanRecord extends PlanSettings {
	id: number;
	meetingId: number;
	templateId: number | null;
	layout: Layout;
	version: number;
	updatedAt: string;
}

/** /meetings/[id]/seating */
export interface PlanView {
	meeting: {
		id: number;
		title: string;
		startsAt: string;
		status: string;
		roomId: number | null;
		roomName: string | null;
	};
	/** The plan; its seats are seatsOf(plan.layout), worked out where they are drawn. */
	plan: PlanRecord | null;
	/** The taken seats (guests apart: `guests`), unpacked where the map is drawn (compact.ts). */
	seats: PackedPlanSeats;
	unseated: PlanUnseatedView[];
	/** A talks plan's guest side, by rank (kept, but not seated, when the layout is a hall). */
	guests: PlanGuestView[];
	/** Replies changed since the people were seated (empty when nothing changed). */
	changes: PlanChangeView[];
	/** The templates of the meeting's room. */
	templates: SeatingTemplate[];
	/** Latest first, at most 20. */
	versions: PlanVersionView[];
	/** The setup form's starting values: the plan's, or the office defaults (n=2 order setting). */
	settings: PlanSettings;
}

/** Where I sit (the phone view, the meeting page card, the check-in confirmation). */
export interface MySeat {
	seat: Seat;
	/** 主席台 / 会场 / 主方 / 客方 */
	zoneLabel: string;
	row: number;
	number: number;
	/** The plan's layout: the small map is drawn from it (seatsOf). */
	layout: Layout;
	/** Whether I sit as someone's deputy (代). */
	asDeputy: boolean;
}

export interface PrintSeat {
	seat: Seat;
	/** The name shown (the deputy's where one goes); null for an empty seat. */
	name: string | null;
	isDeputy: boolean;
	title: string;
	department: string | null;
}

/** The print pages: chart, name cards, list by seat, rostrum order. */
export interface PrintModel {
	meeting: {
		id: number;
		title: string;
		startsAt: string;
		roomName: string | null;
		location: string;
	};
	layout: Layout;
	convention: Convention;
	/** Every seat in drawing order with who sits there. */
	chart: PrintSeat[];
	/** 座签: names in seat order, rostrum first (best seat first), then floor, host, guest. */
	cards: { seat: SeatKey; name: string; isDeputy: boolean }[];
	/** Taken seats by seat: rostrum rows, then floor rows, each left to right. */
	list: (PrintSeat & { label: string })[];
	/** The rostrum by rank (No.1 first) for the host's script. */
	rostrum: { rank: number; seat: SeatKey; name: string; title: string; isDeputy: boolean }[];
}
