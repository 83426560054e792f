/** Who is told about an outing: the department head(s) of the person's department, in the app. */
import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import { notify } from '../notifications/notify';
import { listContacts } from '../org/directory.service';
import type { Outing } from './outings.repository';

export async function tellHeadsAboutOuting(db: DB, outing: Outing): Promise<void> {
	if (outing.departmentId === null) return;
	const heads = await listContacts(db, { headsOf: [outing.departmentId] });
	const ids = heads.map((h) => h.id).filter((id) => id !== outing.userId);
	if (!ids.length) return;
	await notify(db, ids, {
		kind: 'outing.report',
		title: (o) => m.outing_notice_title({ name: outing.userName }, o),
		body: (o) =>
			m.outing_notice_body(
				{
					from: outing.outAt,
					to: outing.backBy,
					destination: outing.destination,
					matter: outing.matter
				},
				o
			),
		link: '/leave/outings'
	});
}
