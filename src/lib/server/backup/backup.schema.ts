import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { checkbox, wholeNumber } from '../fields';

/** The scheduled backup as the backup page posts it. */
export const backupSettingsSchema = z.object({
	enabled: checkbox(),
	hour: wholeNumber(0, 23, () => m.backup_err_hour()),
	keep: wholeNumber(1, 365, () => m.backup_err_keep())
});

export type BackupSettingsInput = z.input<typeof backupSettingsSchema>;
