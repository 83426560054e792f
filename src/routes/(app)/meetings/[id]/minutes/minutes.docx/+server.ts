import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { buildMinutesDocx } from '$lib/server/minutes/minutes-docx';
import { minutesDocument } from '$lib/server/minutes/minutes-document';
import { getMinutes } from '$lib/server/minutes/minutes.query';
import { getSettings } from '$lib/server/settings/settings.service';
import { meetingIdOf } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const id = meetingIdOf(event.params);
	const view = await orHttpError(getMinutes(db, actor, id));
	if (!view.minutes) error(404, m.error_not_found());
	await auditExport(db, actor, {
		action: 'minutes.docx_export',
		entity: 'minutes',
		entityId: view.minutes.id
	});
	const doc = minutesDocument(view, await getSettings(db));
	const bytes = await buildMinutesDocx(doc);
	// Windows refuses some characters in file names; the Chinese name goes out RFC 5987-encoded.
	const name = encodeURIComponent(
		`${doc.masthead}${doc.number ? ` ${doc.number}` : ''} ${doc.title}.docx`.replace(
			/[\\/:*?"<>|]/g,
			'-'
		)
	);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="minutes.docx"; filename*=UTF-8''${name}`,
			'cache-control': 'no-store'
		}
	});
};
