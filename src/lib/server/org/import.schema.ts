import { z } from 'zod';
import * as m from '$lib/paraglide/messages';

/** The uploaded people file (a File is not text, so the route reads it from the form). */
export const importFileSchema = z.object(
	{
		file: z
			.instanceof(File, { error: () => m.import_file_required() })
			.refine((f) => f.name !== '', { error: () => m.import_file_required() })
	},
	{ error: () => m.import_file_required() }
);

export type ImportFileInput = z.input<typeof importFileSchema>;
