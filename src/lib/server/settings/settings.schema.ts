import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { requiredText, text, wholeNumber } from '../fields';

export function isValidTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** An IANA time zone name (Asia/Shanghai). */
export const timeZone = () =>
	z
		.string({ error: () => m.err_time_zone() })
		.trim()
		.refine(isValidTimeZone, { error: () => m.err_time_zone() });

/** The office's settings as the settings page posts them. */
export const settingsSchema = z.object({
	officeName: requiredText(100),
	timeZone: timeZone(),
	sessionIdleMinutes: wholeNumber(5, 720, () => m.err_idle_range()),
	sessionAbsoluteHours: wholeNumber(1, 72, () => m.err_absolute_range()),
	// The browser's own rule for type=email: an intranet host without a dot (the default
	// huiban@localhost) is a valid sender, which zod's stricter default pattern refuses.
	mailFromAddress: z
		.string({ error: () => m.err_email() })
		.trim()
		.max(255, { error: () => m.err_too_long({ max: 255 }) })
		.pipe(z.email({ pattern: z.regexes.html5Email, error: () => m.err_email() })),
	mailFromName: text(64)
});

export type SettingsInput = z.input<typeof settingsSchema>;
