import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requireActor } from '$lib/server/http';
import {
	EXPORT_FORMATS,
	exportAuditLog,
	exportPeriodProblems,
	type ExportFormat
} from '$lib/server/audit-export';
import type { RequestHandler } from './$types';

/** GET /audit/export?from=&to=&format=xlsx|jsonl — the security auditor's download. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const q = event.url.searchParams;
	const from = (q.get('from') ?? '').trim().slice(0, 10);
	const to = (q.get('to') ?? '').trim().slice(0, 10);
	const raw = q.get('format') ?? '';
	const format: ExportFormat = EXPORT_FORMATS.find((f) => f === raw) ?? 'xlsx';
	let file;
	try {
		file = await orHttpError(exportAuditLog(getDb(), actor, { from, to }, format));
	} catch (e) {
		// Back to the form, which says what is wrong with the period; a bare address (no form
		// fields at all) gets the message as a 400 page.
		if (e instanceof ValidationError && !q.has('from') && !q.has('to')) error(400, e.message);
		if (e instanceof ValidationError) {
			const periodWrong = Object.keys(exportPeriodProblems({ from, to })).length > 0;
			const back = new URLSearchParams({ xfrom: from, xto: to, xerr: periodWrong ? 'p' : 'n' });
			redirect(303, `/audit?${back}#export`);
		}
		throw e;
	}
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
