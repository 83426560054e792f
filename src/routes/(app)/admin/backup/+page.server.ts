import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, requireActor } from '$lib/server/http';
import { backupSettingsSchema } from '$lib/server/backup/backup.schema';
import { loadBackupPage, updateBackupSettings } from '$lib/server/backup/backup.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	orHttpError(loadBackupPage(getDb(), requireActor(event)));

export const actions: Actions = {
	default: formAction((actor, form) =>
		updateBackupSettings(getDb(), actor, formInput(form, backupSettingsSchema))
	)
};
