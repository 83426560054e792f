import { describe, expect, it } from 'vitest';
import { instantToZonedDate, nextDate, zonedToInstant } from './zoned-time';

describe('zoned time', () => {
	it('turns Beijing wall time into a UTC instant', () => {
		expect(zonedToInstant('2026-10-01', '08:30', 'Asia/Shanghai')).toBe('2026-10-01T00:30:00.000Z');
		expect(zonedToInstant('2026-01-01', '00:00', 'Asia/Shanghai')).toBe('2025-12-31T16:00:00.000Z');
	});

	it('handles a zone with daylight saving', () => {
		expect(zonedToInstant('2026-07-01', '12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
		expect(zonedToInstant('2026-01-15', '12:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
	});

	it('gives the local calendar date of an instant', () => {
		expect(instantToZonedDate('2026-09-30T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-10-01');
	});

	it('steps across month and year ends', () => {
		expect(nextDate('2026-02-28')).toBe('2026-03-01');
		expect(nextDate('2026-12-31')).toBe('2027-01-01');
	});
});
