/** A manual urge (催办) of a 督办 item: the supervisor's message to the departments. */
import { z } from 'zod';
import { requiredText } from '../fields';

export const urgeSchema = z.object({
	message: requiredText(500)
});
export type UrgeInput = z.input<typeof urgeSchema>;
