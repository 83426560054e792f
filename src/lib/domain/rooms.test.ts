import { describe, expect, it } from 'vitest';
import { capacityWarning, equipmentList, normaliseEquipment, slotParts } from './rooms';

describe('capacityWarning', () => {
	const room = { capacity: 20 };

	it('says nothing while everyone has a seat', () => {
		expect(capacityWarning(room, 0)).toBeNull();
		expect(capacityWarning(room, 19)).toBeNull();
		expect(capacityWarning(room, 20)).toBeNull();
	});

	it('warns as soon as one person more than the capacity is invited', () => {
		expect(capacityWarning(room, 21)).toBe('rooms_capacity_exceeded');
		expect(capacityWarning({ capacity: 1 }, 200)).toBe('rooms_capacity_exceeded');
	});
});

describe('equipment', () => {
	it('accepts Chinese and ASCII separators and stores one form', () => {
		expect(normaliseEquipment('投影、话筒，视频会议; 白板 ,, ')).toBe('投影, 话筒, 视频会议, 白板');
		expect(equipmentList('投影, 话筒')).toEqual(['投影', '话筒']);
	});

	it('turns blank input into no equipment', () => {
		expect(normaliseEquipment(' 、 ')).toBe('');
		expect(equipmentList('')).toEqual([]);
	});
});

describe('slotParts', () => {
	it('shows a UTC instant as Beijing wall time', () => {
		expect(
			slotParts('2026-12-01T01:30:00.000Z', '2026-12-01T02:30:00.000Z', 'Asia/Shanghai')
		).toEqual({
			month: 12,
			day: 1,
			start: '09:30',
			endMonth: 12,
			endDay: 1,
			end: '10:30',
			sameDay: true
		});
	});

	it('puts a late-evening UTC start on the next local day', () => {
		const p = slotParts('2026-11-30T16:00:00.000Z', '2026-11-30T17:00:00.000Z', 'Asia/Shanghai');
		expect(p).toMatchObject({ month: 12, day: 1, start: '00:00', end: '01:00', sameDay: true });
	});

	it('marks a meeting that runs past midnight', () => {
		const p = slotParts('2026-12-01T14:00:00.000Z', '2026-12-01T16:30:00.000Z', 'Asia/Shanghai');
		expect(p).toMatchObject({ day: 1, start: '22:00', endDay: 2, end: '00:30', sameDay: false });
	});
});
