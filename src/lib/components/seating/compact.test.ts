import { describe, expect, it } from 'vitest';
import { compactSeats, expandSeats } from './compact';

describe('the plan page’s compact seats', () => {
	const placements = [
		{
			seat: 'R1-1',
			participantId: 7,
			name: '赵一',
			shownName: '赵一',
			isDeputy: false,
			isReservedEmpty: false,
			locked: true
		},
		{
			seat: 'R1-2',
			participantId: 8,
			name: '钱二',
			shownName: '副手',
			isDeputy: true,
			isReservedEmpty: false,
			locked: false
		},
		{
			seat: 'F1-1',
			participantId: 9,
			name: '孙三',
			shownName: '孙三',
			isDeputy: false,
			isReservedEmpty: true,
			locked: false
		}
	];
	const guests = [
		{ id: 3, name: '约翰逊', seat: 'G2', locked: false },
		{ id: 4, name: '史密斯', seat: null, locked: false }
	];

	it('sends each taken seat once, a line of text each, without field names', () => {
		const c = compactSeats(placements, guests);
		expect(c.taken).toBe(4);
		expect(c.lines.split('\n')).toEqual([
			'R1-1\t7\t赵一\t\t8',
			'R1-2\t8\t钱二\t副手\t1',
			'F1-1\t9\t孙三\t\t2',
			'G2\t-3\t约翰逊\t\t4'
		]);
		// Far smaller than the objects it replaces.
		expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(placements).length / 3);
	});

	it('keeps a name whole even with a tab or a line break in it; no seats, no lines', () => {
		const odd = [{ ...placements[0], name: '赵\t一', shownName: '赵\t一' }];
		const by = expandSeats(compactSeats(odd, []));
		expect(by.get('R1-1')!.name).toBe('赵 一');
		expect(by.get('R1-1')!.locked).toBe(true);
		expect(expandSeats(compactSeats([], [])).size).toBe(0);
	});

	it('unpacks to what each seat shows, guests included', () => {
		const by = expandSeats(compactSeats(placements, guests));
		expect([...by.keys()]).toEqual(['R1-1', 'R1-2', 'F1-1', 'G2']);
		expect(by.get('R1-2')).toEqual({ ...placements[1], isGuest: false });
		expect(by.get('R1-1')).toEqual({ ...placements[0], isGuest: false });
		expect(by.get('F1-1')!.isReservedEmpty).toBe(true);
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
	});
});
