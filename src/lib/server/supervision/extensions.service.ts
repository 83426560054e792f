/**
 * 延期 (issue 10): the lead department asks for a later deadline before the deadline passes;
 * a supervisor or leader approves (the deadline moves, the original stays) or refuses. One
 * pending request per item, held by a partial unique index.
 */
import * as m from '$lib/paraglide/messages';
import { isFinished, OPEN_STATUSES, type SupervisionStatus } from '$lib/domain/supervision';
import { formatDate } from '$lib/format';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ValidationError, withUniqueField } from '../errors';
import { OFFICE_LOCALE } from '../notifications/notify';
import { canManageSupervision, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import { loadAnsweredItem, loadManagedItem, supervisionViewer } from './access';
import {
	decidePendingExtension,
	findPendingExtension,
	insertExtension
} from './extensions.repository';
import {
	extensionDecisionSchema,
	extensionRequestSchema,
	type ExtensionDecisionInput,
	type ExtensionRequestInput
} from './extensions.schema';
import { insertEvent, updateItemIn } from './items.repository';
import { itemStateMessage, officeToday, type StepOptions } from './items.service';
import { shownItemTitle, tellAboutItem } from './supervision.notify';

/** 原时限 → 新时限, in the office's language, for notices and mail. */
const datesText = (oldDeadline: string, newDeadline: string) =>
	m.sup_ext_event_dates(
		{
			old: formatDate(oldDeadline, undefined, OFFICE_LOCALE.locale),
			new: formatDate(newDeadline, undefined, OFFICE_LOCALE.locale)
		},
		OFFICE_LOCALE
	);

/** An extension may be asked for once assigned and while the departments work on it. */
export const EXTENSION_STATUSES_FROM: readonly SupervisionStatus[] = [
	'assigned',
	'signed',
	'in_progress'
];

/**
 * 申请延期: the lead (head or responsible person) asks for `newDeadline`, later than the
 * deadline in force, with a reason — only while today ≤ the deadline. The registrar and the
 * supervisors are told (mail too).
 */
export async function requestExtension(
	db: DB,
	actor: Actor,
	id: number,
	input: ExtensionRequestInput,
	o: StepOptions = {}
): Promise<void> {
	const { newDeadline, reason } = parseInput(extensionRequestSchema, input);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadAnsweredItem(trx, viewer, id);
		if (!EXTENSION_STATUSES_FROM.includes(item.status))
			throw new ValidationError({
				_: isFinished(item.status) ? itemStateMessage(item.status) : m.sup_ext_err_state()
			});
		const at = (o.at ?? clock.now()).toISOString();
		const { today } = await officeToday(trx, at);
		if (today > item.deadline) throw new ValidationError({ _: m.sup_ext_err_overdue() });
		if (newDeadline <= item.deadline)
			throw new ValidationError({ newDeadline: m.sup_ext_err_not_later() });
		if (await findPendingExtension(trx, id))
			throw new ValidationError({ _: m.sup_ext_err_pending() });
		// Two requests at once both pass the check above; the unique index refuses the second.
		const extensionId = await withUniqueField(
			insertExtension(trx, {
				itemId: id,
				requestedBy: actor.id,
				at,
				reason,
				oldDeadline: item.deadline,
				newDeadline
			}),
			'_',
			m.sup_ext_err_pending()
		);
		const dates = { oldDeadline: item.deadline, newDeadline };
		await insertEvent(trx, {
			itemId: id,
			kind: 'extension_request',
			actorId: actor.id,
			at,
			text: reason,
			data: { ...dates, extensionId }
		});
		await audit(trx, actor, 'supervision.extension_request', 'supervision', id, {
			...dates,
			reason
		});
		if (o.notify !== false)
			await tellAboutItem(
				trx,
				item,
				{ userIds: [item.createdBy], roles: ['supervisor'], except: [actor.id] },
				{
					step: 'extension_request',
					title: (o) => m.sup_ext_notice_requested({ title: shownItemTitle(item) }, o),
					body: `${datesText(item.deadline, newDeadline)}\n${reason}`,
					mail: true
				}
			);
	});
}

/**
 * 审批延期: a supervisor or leader approves the pending request (the deadline moves to the new
 * date; the original deadline stays) or refuses it. The lead's heads, the responsible person
 * and the requester are told (mail too).
 */
export async function decideExtension(
	db: DB,
	actor: Actor,
	id: number,
	input: ExtensionDecisionInput,
	o: StepOptions = {}
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	const { decision, comment } = parseInput(extensionDecisionSchema, input);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		if (isFinished(item.status)) throw new ValidationError({ _: itemStateMessage(item.status) });
		const pending = await findPendingExtension(trx, id);
		if (!pending) throw new ValidationError({ _: m.sup_ext_err_no_pending() });
		const at = (o.at ?? clock.now()).toISOString();
		const approve = decision === 'approve';
		if (
			!(await decidePendingExtension(trx, pending.id, approve ? 'approved' : 'refused', {
				decided_by: actor.id,
				decided_at: at,
				decision_comment: comment
			}))
		)
			throw new ValidationError({ _: m.sup_ext_err_no_pending() });
		const dates = { oldDeadline: pending.oldDeadline, newDeadline: pending.newDeadline };
		if (approve) {
			const moved = await updateItemIn(trx, id, OPEN_STATUSES, {
				deadline: pending.newDeadline,
				updated_at: at
			});
			// Closed or stopped meanwhile: nothing to extend (the decision above rolls back).
			if (!moved) throw new ValidationError({ _: m.sup_ext_err_no_pending() });
		}
		const kind = approve ? 'extension_approve' : 'extension_refuse';
		await insertEvent(trx, {
			itemId: id,
			kind,
			actorId: actor.id,
			at,
			text: comment,
			data: { ...dates, extensionId: pending.id }
		});
		await audit(trx, actor, `supervision.${kind}`, 'supervision', id, { ...dates, comment });
		const words = { title: shownItemTitle(item) };
		const datesLine = datesText(pending.oldDeadline, pending.newDeadline);
		if (o.notify !== false)
			await tellAboutItem(
				trx,
				item,
				{
					headsOf: [item.leadDepartmentId],
					userIds: [item.responsibleId, pending.requestedBy],
					except: [actor.id]
				},
				{
					step: kind,
					title: (o) =>
						approve ? m.sup_ext_notice_approved(words, o) : m.sup_ext_notice_refused(words, o),
					body: comment ? `${datesLine}\n${comment}` : datesLine,
					mail: true
				}
			);
	});
}
