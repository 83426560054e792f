import { describe, expect, it } from 'vitest';
import { seatsOf, type TalksLayout } from './seating';
import { guestSideAtTable, talksGeometry, talksSeats } from './seating-talks';

const table = (
	door: TalksLayout['door'],
	hostSeats = 5,
	guestSeats = 5,
	style: TalksLayout['style'] = 'talks'
): TalksLayout => ({ kind: 'talks', style, hostSeats, guestSeats, door });

const where = (layout: TalksLayout) =>
	new Map(talksGeometry(layout).map((s) => [s.key, { x: s.x, y: s.y }]));

describe('会谈: a long table, the sides facing each other', () => {
	it('door at the bottom: the guests take the top side, facing the door', () => {
		const layout = table('bottom');
		expect(guestSideAtTable('bottom')).toBe('top');
		const pos = where(layout);
		expect(pos.get('G1')!.y).toBe(0);
		expect(pos.get('H1')!.y).toBe(2);
	});

	it('door at the left or right end: the guests sit on the right as one comes in', () => {
		// Coming in from the left of the page one walks rightwards: the right hand is the bottom.
		expect(guestSideAtTable('left')).toBe('bottom');
		expect(where(table('left')).get('G1')!.y).toBe(2);
		expect(where(table('left')).get('H1')!.y).toBe(0);
		// From the right one walks leftwards: the right hand is the top.
		expect(guestSideAtTable('right')).toBe('top');
		expect(where(table('right')).get('G1')!.y).toBe(0);
	});

	it('principal in the middle, No.2 on his right, No.3 on his left, alternating outward', () => {
		// The top side faces down the page: a sitter's right is the page's left. The bottom side
		// faces up: a sitter's right is the page's right.
		const t = talksSeats(table('bottom', 7, 7), 7, 7);
		expect(t.guest).toEqual(['G4', 'G3', 'G5', 'G2', 'G6', 'G1', 'G7']);
		expect(t.host).toEqual(['H4', 'H5', 'H3', 'H6', 'H2', 'H7', 'H1']);
		const l = talksSeats(table('left', 5, 5), 5, 5);
		expect(l.host).toEqual(['H3', 'H2', 'H4', 'H1', 'H5']); // top side
		expect(l.guest).toEqual(['G3', 'G4', 'G2', 'G5', 'G1']); // bottom side
	});

	it('the two principals face each other across the table', () => {
		for (const door of ['bottom', 'left', 'right'] as const)
			for (const [h, g] of [
				[5, 5],
				[7, 3],
				[1, 9]
			]) {
				const layout = table(door, h, g);
				const t = talksSeats(layout, h, g);
				const pos = where(layout);
				expect(pos.get(t.host[0])!.x, `${door} ${h}/${g}`).toBe(pos.get(t.guest[0])!.x);
			}
	});

	it('an even side: the principal and No.2 share the centre pair, No.2 on his right', () => {
		const t = talksSeats(table('bottom', 4, 4), 4, 4);
		expect(t.guest).toEqual(['G3', 'G2', 'G4', 'G1']); // top: his right is the page's left
		expect(t.host).toEqual(['H2', 'H3', 'H1', 'H4']); // bottom: his right is the page's right
	});

	it('fewer people than seats keep the same places; more people than seats are cut', () => {
		const layout = table('bottom', 7, 7);
		const all = talksSeats(layout, 7, 7);
		const some = talksSeats(layout, 3, 2);
		expect(some.host).toEqual(all.host.slice(0, 3));
		expect(some.guest).toEqual(all.guest.slice(0, 2));
		expect(talksSeats(layout, 10, 0)).toEqual({ host: all.host, guest: [] });
	});

	it('each side is drawn on its own line, centred on the longer side', () => {
		const seats = talksGeometry(table('bottom', 5, 3));
		expect(seats.map((s) => `${s.key}@${s.x},${s.y}`)).toEqual([
			'G1@1,0',
			'G2@2,0',
			'G3@3,0',
			'H1@0,2',
			'H2@1,2',
			'H3@2,2',
			'H4@3,2',
			'H5@4,2'
		]);
		expect(seats.every((s) => s.row === 1 && s.block === 1)).toBe(true);
	});

	it('a shorter side is centred on the table, half a seat in when the difference is odd', () => {
		for (const [h, g] of [
			[3, 2],
			[5, 2],
			[2, 7],
			[6, 3]
		]) {
			const seats = talksGeometry(table('bottom', h, g));
			const middle = (zone: 'host' | 'guest') => {
				const xs = seats.filter((s) => s.zone === zone).map((s) => s.x);
				return (Math.min(...xs) + Math.max(...xs)) / 2;
			};
			expect(middle('guest'), `${h}/${g}`).toBe(middle('host'));
			expect(Math.min(...seats.map((s) => s.x)), `${h}/${g}`).toBe(0);
		}
		// 3 hosts under 2 guests: the guests at 0.5 and 1.5, over the gaps of the hosts' seats.
		const seats = talksGeometry(table('bottom', 3, 2));
		expect(seats.map((s) => `${s.key}@${s.x},${s.y}`)).toEqual([
			'G1@0.5,0',
			'G2@1.5,0',
			'H1@0,2',
			'H2@1,2',
			'H3@2,2'
		]);
	});
});

describe('会见: the principals side by side facing the door', () => {
	it('door at the bottom: the guest principal on the host’s right (the page’s left)', () => {
		const layout = table('bottom', 3, 4, 'reception');
		const pos = where(layout);
		expect(pos.get('G1')).toEqual({ x: 1, y: 0 });
		expect(pos.get('H1')).toEqual({ x: 2, y: 0 });
		// Each side's line runs from its principal towards the door by rank.
		expect([2, 3, 4].map((n) => pos.get(`G${n}`))).toEqual([
			{ x: 0, y: 1 },
			{ x: 0, y: 2 },
			{ x: 0, y: 3 }
		]);
		expect([2, 3].map((n) => pos.get(`H${n}`))).toEqual([
			{ x: 3, y: 1 },
			{ x: 3, y: 2 }
		]);
		expect(talksSeats(layout, 3, 4)).toEqual({
			host: ['H1', 'H2', 'H3'],
			guest: ['G1', 'G2', 'G3', 'G4']
		});
		expect(talksSeats(layout, 2, 9)).toEqual({
			host: ['H1', 'H2'],
			guest: ['G1', 'G2', 'G3', 'G4']
		});
	});

	it('door at the left: the principals at the right end, the guest above (the host’s right)', () => {
		const pos = where(table('left', 3, 3, 'reception'));
		expect(pos.get('G1')).toEqual({ x: 2, y: 1 });
		expect(pos.get('H1')).toEqual({ x: 2, y: 2 });
		expect(pos.get('G3')).toEqual({ x: 0, y: 0 });
		expect(pos.get('H3')).toEqual({ x: 0, y: 3 });
	});

	it('door at the right: the principals at the left end, the guest below (the host’s right)', () => {
		const pos = where(table('right', 3, 2, 'reception'));
		expect(pos.get('H1')).toEqual({ x: 0, y: 1 });
		expect(pos.get('G1')).toEqual({ x: 0, y: 2 });
		expect(pos.get('H3')).toEqual({ x: 2, y: 0 });
		expect(pos.get('G2')).toEqual({ x: 1, y: 3 });
	});

	it('every seat once, in drawing order, on its own grid cell', () => {
		for (const style of ['talks', 'reception'] as const)
			for (const door of ['bottom', 'left', 'right'] as const)
				for (const [h, g] of [
					[1, 1],
					[6, 2],
					[3, 30]
				]) {
					const seats = seatsOf(table(door, h, g, style));
					expect(seats).toHaveLength(h + g);
					expect(new Set(seats.map((s) => `${s.x},${s.y}`)).size).toBe(h + g);
					const drawn = seats.map((s) => s.y * 1000 + s.x);
					expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
					expect(seats.filter((s) => s.zone === 'host')).toHaveLength(h);
				}
	});
});
