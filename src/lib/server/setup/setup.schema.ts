import { z } from 'zod';
import { checkbox } from '../fields';
import { personName, username } from '../org/people.schema';
import { settingsSchema } from '../settings/settings.schema';

/** First-run setup: the office and the first administrator (`demo` also loads the demo bureau). */
export const setupSchema = settingsSchema.pick({ officeName: true, timeZone: true }).extend({
	username: username(),
	name: personName(),
	password: z.string().default(''),
	confirm: z.string().default(''),
	demo: checkbox().optional()
});

export type SetupInput = z.input<typeof setupSchema>;
