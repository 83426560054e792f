import { describe, expect, it } from 'vitest';
import type { PlanSeatTuple } from '$lib/server/seating/seating.types';
import { expandSeats } from './compact';

describe('the plan page’s seats as they travel', () => {
	// As the database writes them: SQLite gives a lock as 0/1, PostgreSQL as false/true.
	const tuples: PlanSeatTuple[] = [
		['R1-1', 7, '赵一', 'attend', null, 1],
		['R1-2', 8, '钱二', 'deputy', '副手', false],
		['F1-1', 9, '孙三', 'excused', null, 0],
		['F1-2', 10, '李四', 'deputy', null, true]
	];
	const packed = { taken: tuples.length, json: JSON.stringify(tuples) };
	const guests = [
		{ id: 3, name: '约翰逊', seat: 'G2', locked: false },
		{ id: 4, name: '史密斯', seat: null, locked: false }
	];

	it('unpacks what each seat shows: a deputy’s name with 代, an excused seat kept empty', () => {
		const by = expandSeats(packed, guests, 'empty');
		expect([...by.keys()]).toEqual(['R1-1', 'R1-2', 'F1-1', 'F1-2', 'G2']);
		expect(by.get('R1-1')).toEqual({
			seat: 'R1-1',
			participantId: 7,
			name: '赵一',
			shownName: '赵一',
			isDeputy: false,
			isReservedEmpty: false,
			isGuest: false,
			locked: true
		});
		expect(by.get('R1-2')).toMatchObject({ name: '钱二', shownName: '副手', isDeputy: true });
		expect(by.get('R1-2')!.locked).toBe(false);
		expect(by.get('F1-1')).toMatchObject({ isReservedEmpty: true, locked: false });
		// A deputy reply without a deputy named shows the person (nobody else is known).
		expect(by.get('F1-2')).toMatchObject({ shownName: '李四', isDeputy: false, locked: true });
	});

	it('seats a talks plan’s seated guests beside the participants, ids negated', () => {
		const by = expandSeats(packed, guests, 'empty');
		expect(by.get('G2')).toEqual({
			seat: 'G2',
			participantId: -3,
			name: '约翰逊',
			shownName: '约翰逊',
			isDeputy: false,
			isReservedEmpty: false,
			isGuest: true,
			locked: false
		});
		expect([...by.values()].some((s) => s.name === '史密斯')).toBe(false);
	});

	it('keeps an excused person in their seat when the plan closes up; no seats, an empty map', () => {
		expect(expandSeats(packed, [], 'close_up').get('F1-1')).toMatchObject({
			name: '孙三',
			shownName: '孙三',
			isReservedEmpty: false
		});
		expect(expandSeats({ taken: 0, json: '[]' }, [], 'empty').size).toBe(0);
	});

	it('keeps any name whole, quotes, tabs and line breaks included', () => {
		const odd = '赵"\t一\n\\';
		const by = expandSeats(
			{ taken: 1, json: JSON.stringify([['R1-1', 7, odd, 'attend', null, 0]]) },
			[],
			'empty'
		);
		expect(by.get('R1-1')!.shownName).toBe(odd);
	});
});
