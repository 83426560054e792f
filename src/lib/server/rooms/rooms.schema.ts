/** The rooms module's forms: the catalogue entry and the free-room finder. */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { normaliseEquipment } from '$lib/domain/rooms';
import { clockTime, isoDate, requiredText, text, wholeNumber } from '../fields';

export const roomSchema = z.object({
	name: requiredText(60),
	location: text(120),
	capacity: wholeNumber(1, 2000, () => m.rooms_err_capacity()),
	equipment: text(255).transform(normaliseEquipment),
	sortOrder: wholeNumber(0, 99999)
});
export type RoomInput = z.input<typeof roomSchema>;

const time = () => clockTime(() => m.rooms_err_time());

/** 找空闲会议室: one day in the office's wall time, a window, and optionally how many come. */
export const roomFinderSchema = z
	.object({
		date: isoDate(),
		start: time(),
		end: time(),
		participants: z.preprocess(
			(v) => (v === '' || v == null ? undefined : v),
			wholeNumber(1, 10000, () => m.rooms_err_participants()).optional()
		)
	})
	.refine((q) => q.start < q.end, {
		path: ['end'],
		error: () => m.rooms_err_end_before_start()
	});
export type RoomFinderInput = z.input<typeof roomFinderSchema>;
