import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError, ValidationError } from '$lib/server/errors';
import { actionFailure, requireActor } from '$lib/server/http';
import { commitImport, previewImport } from '$lib/server/org/import.service';
import type { Actions } from './$types';

export const actions: Actions = {
	preview: async (event) => {
		const actor = requireActor(event);
		const file = (await event.request.formData()).get('file');
		try {
			if (!(file instanceof File) || !file.name) {
				throw new ValidationError({ file: m.import_file_required() });
			}
			const buffer = Buffer.from(await file.arrayBuffer());
			const preview = await previewImport(getDb(), actor, file.name, buffer);
			return { preview, fileName: file.name };
		} catch (e) {
			return actionFailure(e);
		}
	},
	commit: async (event) => {
		const actor = requireActor(event);
		const batchId = Number((await event.request.formData()).get('batchId'));
		try {
			if (!Number.isInteger(batchId) || batchId <= 0) throw new NotFoundError();
			return { result: await commitImport(getDb(), actor, batchId) };
		} catch (e) {
			return actionFailure(e);
		}
	}
};
