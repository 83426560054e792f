import { getDb } from '$lib/server/db';
import { formAction, recordId } from '$lib/server/http';
import { importFileSchema } from '$lib/server/org/import.schema';
import { commitImport, previewImport } from '$lib/server/org/import.service';
import { parseInput } from '$lib/server/validation';
import type { Actions } from './$types';

export const actions: Actions = {
	// result: { preview, fileName }
	preview: formAction(async (actor, form) => {
		const { file } = parseInput(importFileSchema, { file: form.get('file') });
		const buffer = Buffer.from(await file.arrayBuffer());
		return { preview: await previewImport(getDb(), actor, file.name, buffer), fileName: file.name };
	}),
	// result: { created }
	commit: formAction((actor, form) => commitImport(getDb(), actor, recordId(form.get('batchId'))))
};
