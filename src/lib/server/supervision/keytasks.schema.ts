import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { wholeNumber } from '../fields';
import { KEYTASK_COLUMNS, KEYTASK_MAX_ROWS, type KeyTaskColumn } from './keytasks.parse';

/** The year the key tasks are for (source_ref 2027年度重点工作第N项, quarter ends). */
export const keyTaskYear = () => wholeNumber(2000, 2100, () => m.sup_bulletin_import_err_year());

/** The preview form: the year and the uploaded file (the route reads the file from the form). */
export const keyTaskPreviewSchema = z.object({
	year: keyTaskYear(),
	file: z
		.instanceof(File, { error: () => m.sup_bulletin_import_err_file() })
		.refine((f) => f.name !== '', { error: () => m.sup_bulletin_import_err_file() })
});
export type KeyTaskPreviewInput = z.input<typeof keyTaskPreviewSchema>;

const cells = z.object(
	Object.fromEntries(KEYTASK_COLUMNS.map((c) => [c, z.string().max(4000).default('')])) as Record<
		KeyTaskColumn,
		z.ZodDefault<z.ZodString>
	>
);

/**
 * The import: the year and the rows the preview showed (as posted back by the page); the
 * service checks every row again before anything is created.
 */
export const keyTaskImportSchema = z.object({
	year: keyTaskYear(),
	rows: z
		.array(z.object({ row: z.number().int().positive(), cells }))
		.min(1, { error: () => m.sup_bulletin_import_err_no_rows() })
		.max(KEYTASK_MAX_ROWS, {
			error: () => m.sup_bulletin_import_err_too_many({ max: KEYTASK_MAX_ROWS, count: '>' })
		})
});
export type KeyTaskImportInput = z.input<typeof keyTaskImportSchema>;
