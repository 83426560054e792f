import { getDb } from '$lib/server/db';
import { formAction, requirePage } from '$lib/server/http';
import { canManageSupervision, canSeeAllSupervision } from '$lib/server/permissions';
import {
	keyTaskPreviewSchema,
	type KeyTaskImportInput
} from '$lib/server/supervision/keytasks.schema';
import {
	defaultKeyTaskYear,
	importKeyTasks,
	previewKeyTasks
} from '$lib/server/supervision/keytasks.service';
import { parseInput } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canManageSupervision);
	return { year: await defaultKeyTaskYear(getDb()), canSeeAll: canSeeAllSupervision(actor) };
};

/** The previewed rows as the page posts them back (JSON in a hidden field). */
function postedRows(raw: FormDataEntryValue | null): unknown {
	try {
		return JSON.parse(typeof raw === 'string' ? raw : '[]');
	} catch {
		return [];
	}
}

export const actions: Actions = {
	// result: { preview: { year, badCount, rows: [{ row, cells, errors }] }, fileName }
	preview: formAction(async (actor, form) => {
		const { year, file } = parseInput(keyTaskPreviewSchema, {
			year: form.get('year'),
			file: form.get('file')
		});
		const preview = await previewKeyTasks(getDb(), actor, {
			year,
			fileName: file.name,
			bytes: Buffer.from(await file.arrayBuffer())
		});
		return {
			preview: {
				year: preview.year,
				badCount: preview.badCount,
				rows: preview.rows.map((r) => ({
					row: r.row,
					cells: r.cells,
					deadline: r.deadline,
					errors: r.errors
				}))
			},
			fileName: file.name
		};
	}),
	// result: { created: [{ id, number }] }
	commit: formAction((actor, form) =>
		importKeyTasks(getDb(), actor, {
			year: Number(form.get('year')),
			rows: postedRows(form.get('rows')) as KeyTaskImportInput['rows']
		})
	)
};
