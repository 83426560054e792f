import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HallLayout, Layout, TalksLayout } from './seating';
import { seatsOf } from './seating';
import {
	arrange,
	guestIdOf,
	guestsAsPeople,
	planChanges,
	swapSeats,
	type ArrangeInput,
	type Placement,
	type PlanPerson
} from './seating-plan';

let nextId = 1;
const p = (over: Partial<PlanPerson> & { name: string }): PlanPerson => {
	const id = over.participantId ?? nextId++;
	return {
		participantId: id,
		userId: 1000 + id,
		precedence: 50,
		departmentOrder: 1,
		role: 'attendee',
		reply: 'attend',
		deputyName: null,
		...over
	};
};

const hall = (rostrum: number[], rows = 0, blocks: number[] = []): HallLayout => ({
	kind: 'hall',
	rostrum,
	floor: { rows, blocks }
});

const input = (layout: Layout, people: PlanPerson[], over: Partial<ArrangeInput> = {}) => ({
	layout,
	convention: 'left' as const,
	pair: '12' as const,
	floorOrder: 'precedence' as const,
	excused: 'empty' as const,
	people,
	locked: [],
	...over
});

/** participantId by seat key. */
const seating = (placements: Placement[]) =>
	Object.fromEntries(placements.map((x) => [x.seat, x.participantId]));

/** The names in one row, audience left to right ('-' for an empty seat). */
const rowNames = (placements: Placement[], people: PlanPerson[], prefix: string, seats: number) => {
	const by = seating(placements);
	return Array.from({ length: seats }, (_, i) => {
		const id = by[`${prefix}-${i + 1}`];
		return id === undefined ? '-' : people.find((x) => x.participantId === id)!.name;
	}).join(' ');
};

// Seven leaders of a bureau, 局长 first.
const leaders = ['一', '二', '三', '四', '五', '六', '七'].map((n, i) =>
	p({ participantId: i + 1, name: n, precedence: i + 1 })
);

describe('arrange: the rostrum', () => {
	it('seats attendees by precedence from the centre out (以左为上: 7 5 3 1 2 4 6)', () => {
		const r = arrange(input(hall([7]), leaders));
		expect(rowNames(r.placements, leaders, 'R1', 7)).toBe('七 五 三 一 二 四 六');
		expect(r.unseated).toEqual([]);
		expect(r.placements.every((x) => !x.locked)).toBe(true);
		// Placements come in drawing order.
		expect(r.placements.map((x) => x.seat)).toEqual(
			Array.from({ length: 7 }, (_, i) => `R1-${i + 1}`)
		);
	});

	it('以右为上 mirrors it; the pair setting orders a row of two', () => {
		const r = arrange(input(hall([7]), leaders, { convention: 'right' }));
		expect(rowNames(r.placements, leaders, 'R1', 7)).toBe('六 四 二 一 三 五 七');
		const two = leaders.slice(0, 2);
		expect(rowNames(arrange(input(hall([2]), two)).placements, two, 'R1', 2)).toBe('一 二');
		expect(rowNames(arrange(input(hall([2]), two, { pair: '21' })).placements, two, 'R1', 2)).toBe(
			'二 一'
		);
	});

	it('fewer people than seats fill the centre first', () => {
		const three = leaders.slice(0, 3);
		expect(rowNames(arrange(input(hall([7]), three)).placements, three, 'R1', 7)).toBe(
			'- - 三 一 二 - -'
		);
	});

	it('two rostrum rows: the front row first, then the back row from its centre', () => {
		const r = arrange(input(hall([3, 5]), leaders));
		expect(rowNames(r.placements, leaders, 'R1', 3)).toBe('三 一 二');
		expect(rowNames(r.placements, leaders, 'R2', 5)).toBe('- 六 四 五 七');
	});

	it('attendees the rostrum cannot hold go to the front of the floor', () => {
		const r = arrange(input(hall([3], 2, [2, 3]), leaders));
		expect(rowNames(r.placements, leaders, 'R1', 3)).toBe('三 一 二');
		// Floor rows of 5: seats 3, 4, 2, 5, 1 best first.
		expect(rowNames(r.placements, leaders, 'F1', 5)).toBe('- 六 四 五 七');
		expect(r.placements.some((x) => x.seat.startsWith('F2'))).toBe(false);
	});

	it('observers and staff are never put on the rostrum, even with seats free', () => {
		const people = [
			p({ participantId: 1, name: '主', precedence: 1 }),
			p({ participantId: 2, name: '列', precedence: 0, role: 'observer' }),
			p({ participantId: 3, name: '务', precedence: 0, role: 'staff', seatStaff: true })
		];
		const r = arrange(input(hall([3], 1, [3]), people));
		expect(rowNames(r.placements, people, 'R1', 3)).toBe('- 主 -');
		expect(rowNames(r.placements, people, 'F1', 3)).toBe('- 列 务');
	});
});

describe('arrange: the floor', () => {
	const observers = ['洪少东', '欧阳少东', '王刚', '文刚', '林一'].map((name, i) =>
		p({ participantId: 20 + i, name, role: 'observer', precedence: 10 - i })
	);

	it('observers after attendees, in the floor order (姓氏笔画), front rows centre-out', () => {
		const people = [...leaders.slice(0, 2), ...observers];
		const r = arrange(input(hall([1], 2, [3]), people, { floorOrder: 'surname_strokes' }));
		expect(rowNames(r.placements, people, 'R1', 1)).toBe('一');
		// Floor: 二 (the attendee the rostrum could not hold) first, then 王 文 林 欧阳 洪.
		// Seats best first: F1-2, F1-3, F1-1, F2-2, F2-3, F2-1.
		expect(rowNames(r.placements, people, 'F1', 3)).toBe('文刚 二 王刚');
		expect(rowNames(r.placements, people, 'F2', 3)).toBe('洪少东 林一 欧阳少东');
	});

	it('the floor order applies to attendees on the floor too, and by department', () => {
		const people = [
			p({ participantId: 1, name: '甲', precedence: 1, departmentOrder: 3 }),
			p({ participantId: 2, name: '乙', precedence: 2, departmentOrder: 1 }),
			p({ participantId: 3, name: '丙', precedence: 3, departmentOrder: 2 })
		];
		const r = arrange(input(hall([], 1, [3]), people, { floorOrder: 'department' }));
		expect(rowNames(r.placements, people, 'F1', 3)).toBe('甲 乙 丙');
		const q = arrange(input(hall([], 1, [3]), people, { floorOrder: 'precedence' }));
		expect(rowNames(q.placements, people, 'F1', 3)).toBe('丙 甲 乙');
	});

	it('staff are unseated unless chosen; chosen staff sit after observers', () => {
		const people = [
			p({ participantId: 1, name: '主', precedence: 1 }),
			p({ participantId: 2, name: '列', role: 'observer' }),
			p({ participantId: 3, name: '务甲', role: 'staff' }),
			p({ participantId: 4, name: '务乙', role: 'staff', seatStaff: true, precedence: 0 })
		];
		const r = arrange(input(hall([], 1, [5]), people));
		expect(rowNames(r.placements, people, 'F1', 5)).toBe('- 务乙 主 列 -');
		expect(r.unseated).toEqual([{ participantId: 3, reason: 'staff' }]);
	});

	it('too many people: whoever finds no seat is unseated with no_seat, in rank order', () => {
		const people = [
			...leaders,
			p({ participantId: 30, name: '列', role: 'observer', precedence: 0 })
		];
		const r = arrange(input(hall([2], 1, [3]), people));
		expect(r.placements).toHaveLength(5);
		expect(r.unseated).toEqual([
			{ participantId: 6, reason: 'no_seat' },
			{ participantId: 7, reason: 'no_seat' },
			{ participantId: 30, reason: 'no_seat' }
		]);
	});
});

describe('arrange: replies', () => {
	const excuse = (people: PlanPerson[], id: number): PlanPerson[] =>
		people.map((x) => (x.participantId === id ? { ...x, reply: 'excused' } : x));

	it("'empty': an excused person keeps the seat they would have had (shown empty)", () => {
		const people = excuse(leaders.slice(0, 5), 2);
		const r = arrange(input(hall([5]), people));
		expect(rowNames(r.placements, people, 'R1', 5)).toBe('五 三 一 二 四');
		expect(r.unseated).toEqual([]);
	});

	it("'close_up': an excused person is left out and the others close up", () => {
		const people = excuse(leaders.slice(0, 5), 2);
		const r = arrange(input(hall([5]), people, { excused: 'close_up' }));
		expect(rowNames(r.placements, people, 'R1', 5)).toBe('- 四 一 三 五');
		expect(r.unseated).toEqual([{ participantId: 2, reason: 'excused' }]);
	});

	it('a deputy takes the principal’s seat; a pending reply is seated', () => {
		const people = leaders
			.slice(0, 3)
			.map((x) =>
				x.participantId === 1
					? { ...x, reply: 'deputy' as const, deputyName: '副手' }
					: x.participantId === 3
						? { ...x, reply: 'pending' as const }
						: x
			);
		const r = arrange(input(hall([3]), people));
		expect(seating(r.placements)).toEqual({ 'R1-1': 3, 'R1-2': 1, 'R1-3': 2 });
	});
});

describe('arrange: locked seats', () => {
	it('locked placements stay and their seats are not reused', () => {
		// 七 is locked in the centre seat; 一 is locked at the far left.
		const locked: Placement[] = [
			{ seat: 'R1-4', participantId: 7, locked: false },
			{ seat: 'R1-1', participantId: 1, locked: true }
		];
		const r = arrange(input(hall([7]), leaders, { locked }));
		expect(rowNames(r.placements, leaders, 'R1', 7)).toBe('一 五 三 七 二 四 六');
		expect(r.placements.filter((x) => x.locked).map((x) => x.seat)).toEqual(['R1-1', 'R1-4']);
	});

	it('re-arranging after a deputy and an excused reply keeps the locked seats', () => {
		const first = arrange(input(hall([5], 1, [3]), leaders, { excused: 'close_up' }));
		expect(rowNames(first.placements, leaders, 'R1', 5)).toBe('五 三 一 二 四');
		// Lock 三 and 四 where they are, then 二 sends word he is excused and 一 sends a deputy.
		const locked = first.placements
			.filter((x) => x.participantId === 3 || x.participantId === 4)
			.map((x) => ({ ...x, locked: true }));
		const now = leaders.map((x) =>
			x.participantId === 2
				? { ...x, reply: 'excused' as const }
				: x.participantId === 1
					? { ...x, reply: 'deputy' as const, deputyName: '副手' }
					: x
		);
		const again = arrange(input(hall([5], 1, [3]), now, { excused: 'close_up', locked }));
		expect(rowNames(again.placements, now, 'R1', 5)).toBe('六 三 一 五 四');
		expect(rowNames(again.placements, now, 'F1', 3)).toBe('- 七 -');
		expect(again.unseated).toEqual([{ participantId: 2, reason: 'excused' }]);
		for (const l of locked) expect(again.placements).toContainEqual(l);
	});

	it('a locked excused person stays locked; a lock on a seat the layout lost is dropped', () => {
		const people = [
			p({ participantId: 1, name: '甲', precedence: 1, reply: 'excused' }),
			p({ participantId: 2, name: '乙', precedence: 2 })
		];
		const r = arrange(
			input(hall([3]), people, {
				excused: 'close_up',
				locked: [
					{ seat: 'R1-3', participantId: 1, locked: true },
					{ seat: 'R2-1', participantId: 2, locked: true }
				]
			})
		);
		expect(r.placements).toEqual([
			{ seat: 'R1-2', participantId: 2, locked: false },
			{ seat: 'R1-3', participantId: 1, locked: true }
		]);
	});

	it('refuses a person twice and a seat locked twice', () => {
		const twice = [leaders[0], { ...leaders[1], participantId: 1 }];
		expect(() => arrange(input(hall([3]), twice))).toThrow(RangeError);
		const seatTwice = [
			{ seat: 'R1-1', participantId: 1, locked: true },
			{ seat: 'R1-1', participantId: 2, locked: true }
		];
		expect(() => arrange(input(hall([3]), leaders, { locked: seatTwice }))).toThrow(RangeError);
		const personTwice = [
			{ seat: 'R1-1', participantId: 1, locked: true },
			{ seat: 'R1-2', participantId: 1, locked: true }
		];
		expect(() => arrange(input(hall([3]), leaders, { locked: personTwice }))).toThrow(RangeError);
	});
});

describe('arrange: talks with typed-in guests', () => {
	const table: TalksLayout = {
		kind: 'talks',
		style: 'talks',
		hostSeats: 5,
		guestSeats: 5,
		door: 'bottom'
	};
	const hosts = [
		p({ participantId: 11, name: '主一', precedence: 1 }),
		p({ participantId: 12, name: '主二', precedence: 2 }),
		p({ participantId: 13, name: '主三', precedence: 3 })
	];

	it('the guests by rank on the guest side, the principal guest facing the host principal', () => {
		const guests = guestsAsPeople([
			{ id: 2, name: '客二', rank: 2 },
			{ id: 1, name: '客一', rank: 1 }
		]);
		expect(guests.map((g) => [g.participantId, g.side, g.role])).toEqual([
			[-2, 'guest', 'attendee'],
			[-1, 'guest', 'attendee']
		]);
		const r = arrange(input(table, [...hosts, ...guests]));
		const at = Object.fromEntries(r.placements.map((x) => [x.seat, x.participantId]));
		// Guests on the top side (their right is the page's left): G3, G2; hosts H3, H4, H2.
		expect(at).toEqual({ G2: -2, G3: -1, H2: 13, H3: 11, H4: 12 });
		const pos = new Map(seatsOf(table).map((s) => [s.key, s]));
		expect(pos.get('G3')!.x).toBe(pos.get('H3')!.x);
		expect(r.placements.map((x) => guestIdOf(x.participantId))).toEqual([2, 1, null, null, null]);
	});

	it('guests of one rank: the one added first sits first, whatever the input order', () => {
		const guests = [
			{ id: 9, name: '乙', rank: 1 },
			{ id: 4, name: '甲', rank: 1 },
			{ id: 5, name: '丙', rank: 3 }
		];
		for (const order of [guests, [...guests].reverse()]) {
			const r = arrange(input(table, guestsAsPeople(order)));
			const at = Object.fromEntries(r.placements.map((x) => [x.seat, x.participantId]));
			expect(at).toEqual({ G3: -4, G2: -9, G4: -5 });
		}
	});
});

describe('arrange: talks', () => {
	const talks = (over: Partial<TalksLayout> = {}): TalksLayout => ({
		kind: 'talks',
		style: 'talks',
		hostSeats: 5,
		guestSeats: 3,
		door: 'bottom',
		...over
	});

	it('each side by precedence into its ranked seats; no side given means the host side', () => {
		const people = [
			p({ participantId: 1, name: '主一', precedence: 1, side: 'host' }),
			p({ participantId: 2, name: '主二', precedence: 2 }),
			p({ participantId: 3, name: '主三', precedence: 3, side: 'host', role: 'observer' }),
			p({ participantId: 4, name: '客一', precedence: 1, side: 'guest' }),
			p({ participantId: 5, name: '客二', precedence: 2, side: 'guest' }),
			p({ participantId: 6, name: '客三', precedence: 3, side: 'guest' }),
			p({ participantId: 7, name: '客四', precedence: 4, side: 'guest' }),
			p({ participantId: 8, name: '务', side: 'host', role: 'staff' })
		];
		const r = arrange(input(talks(), people));
		// Hosts on the bottom side (their right is the page's right): H3, H4, H2.
		// Guests on the top side (their right is the page's left): G2, G1, G3.
		expect(seating(r.placements)).toEqual({
			G1: 5,
			G2: 4,
			G3: 6,
			H2: 3,
			H3: 1,
			H4: 2
		});
		expect(r.unseated).toEqual([
			{ participantId: 8, reason: 'staff' },
			{ participantId: 7, reason: 'no_seat' }
		]);
	});

	it('a reception seats each side in its line from the principal', () => {
		const people = [
			p({ participantId: 1, name: '主一', precedence: 1 }),
			p({ participantId: 2, name: '客一', precedence: 1, side: 'guest' }),
			p({ participantId: 3, name: '客二', precedence: 2, side: 'guest' })
		];
		const r = arrange(input(talks({ style: 'reception' }), people));
		expect(seating(r.placements)).toEqual({ G1: 2, H1: 1, G2: 3 });
	});
});

describe('arrange: invariants and determinism', () => {
	const roles = ['attendee', 'attendee', 'observer', 'staff'] as const;
	const replies = ['attend', 'attend', 'pending', 'excused', 'deputy'] as const;
	const surnames = [...'王文林欧洪叶申田由丁马司'];
	const crowd = Array.from({ length: 40 }, (_, i) =>
		p({
			participantId: 100 + i,
			name: surnames[i % surnames.length] + surnames[(i * 7) % surnames.length],
			precedence: i % 9,
			departmentOrder: i % 4,
			role: roles[i % roles.length],
			reply: replies[i % replies.length],
			seatStaff: i % 8 === 3,
			side: i % 3 ? 'host' : 'guest'
		})
	);
	const layouts: Layout[] = [
		hall([3, 5], 4, [3, 4]),
		hall([], 2, [6]),
		hall([9]),
		{ kind: 'talks', style: 'talks', hostSeats: 9, guestSeats: 7, door: 'left' }
	];

	it('the same people in any order give the same plan', () => {
		for (const layout of layouts)
			for (const floorOrder of ['precedence', 'surname_strokes'] as const)
				for (const excused of ['empty', 'close_up'] as const) {
					// On the floor-only hall the lock names a seat it does not have: dropped.
					const seatable = [
						{ seat: layout.kind === 'hall' ? 'R1-1' : 'H1', participantId: 139, locked: true }
					];
					const expected = arrange(input(layout, crowd, { floorOrder, excused, locked: seatable }));
					fc.assert(
						fc.property(fc.shuffledSubarray(crowd, { minLength: crowd.length }), (shuffled) => {
							expect(
								arrange(input(layout, shuffled, { floorOrder, excused, locked: seatable }))
							).toEqual(expected);
						}),
						{ numRuns: 20 }
					);
				}
	});

	it('every person is placed or unseated exactly once, every seat used once', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...layouts),
				fc.subarray(crowd),
				fc.constantFrom('empty' as const, 'close_up' as const),
				(layout, people, excused) => {
					const r = arrange(input(layout, people, { excused }));
					const seats = r.placements.map((x) => x.seat);
					expect(new Set(seats).size).toBe(seats.length);
					const ids = [
						...r.placements.map((x) => x.participantId),
						...r.unseated.map((x) => x.participantId)
					].sort((a, b) => a - b);
					expect(ids).toEqual(people.map((x) => x.participantId).sort((a, b) => a - b));
				}
			),
			{ numRuns: 100 }
		);
	});
});

describe('swapSeats', () => {
	const plan: Placement[] = [
		{ seat: 'R1-1', participantId: 1, locked: false },
		{ seat: 'R1-2', participantId: 2, locked: false },
		{ seat: 'R1-3', participantId: 3, locked: true }
	];

	it('exchanges two people, or moves one to an empty seat', () => {
		expect(seating(swapSeats(plan, 'R1-1', 'R1-2'))).toEqual({ 'R1-1': 2, 'R1-2': 1, 'R1-3': 3 });
		expect(seating(swapSeats(plan, 'F1-1', 'R1-2'))).toEqual({ 'R1-1': 1, 'F1-1': 2, 'R1-3': 3 });
		expect(swapSeats(plan, 'F1-1', 'F1-2')).toEqual(plan);
		expect(swapSeats(plan, 'R1-1', 'R1-1')).toEqual(plan);
		expect(plan[0]).toEqual({ seat: 'R1-1', participantId: 1, locked: false }); // untouched
	});

	it('refuses a locked seat on either side', () => {
		expect(() => swapSeats(plan, 'R1-3', 'R1-1')).toThrow(RangeError);
		expect(() => swapSeats(plan, 'R1-1', 'R1-3')).toThrow(RangeError);
		expect(() => swapSeats(plan, 'F1-1', 'R1-3')).toThrow(RangeError);
	});
});

describe('planChanges', () => {
	const s = (participantId: number, reply: string, deputyId: number | null = null) => ({
		participantId,
		reply,
		deputyId
	});

	it('names each kind of change once a person, sorted by participantId', () => {
		const seatedWith = [
			s(1, 'attend'),
			s(2, 'excused'),
			s(3, 'deputy', 30),
			s(4, 'attend'),
			s(5, 'pending'),
			s(6, 'deputy', 60),
			s(7, 'attend')
		];
		const now = [
			s(8, 'attend'),
			s(1, 'excused'),
			s(2, 'deputy', 20),
			s(3, 'deputy', 31),
			s(4, 'deputy', 40),
			s(5, 'attend'),
			s(6, 'attend')
		];
		expect(planChanges(seatedWith, now)).toEqual([
			{ participantId: 1, kind: 'now_excused' },
			{ participantId: 2, kind: 'now_attending' },
			{ participantId: 3, kind: 'deputy_changed' },
			{ participantId: 4, kind: 'deputy_changed' },
			{ participantId: 6, kind: 'deputy_changed' },
			{ participantId: 7, kind: 'removed' },
			{ participantId: 8, kind: 'added' }
		]);
	});

	it('nothing changed, nothing to say', () => {
		const same = [s(1, 'attend'), s(2, 'deputy', 5), s(3, 'excused', 9)];
		expect(planChanges(same, [...same].reverse())).toEqual([]);
		expect(planChanges([], [])).toEqual([]);
		// A deputy id left over on a reply that is not 'deputy' is no deputy.
		expect(planChanges([s(1, 'attend', 7)], [s(1, 'attend', null)])).toEqual([]);
	});
});
