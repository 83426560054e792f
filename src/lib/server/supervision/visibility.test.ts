import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { canSeeSupervisionItem } from '../permissions';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser, type FixtureUser } from '../testing/fixtures';
import { supervisionViewer } from './access';
import { findItemsByIds, visibleItems } from './items.repository';
import { newItem, supervisionWorld, type SupervisionWorld } from './supervision.test-helpers';

// visibleItems (SQL) and canSeeSupervisionItem (permissions.ts) must give the same answer for
// every viewer and item: the list pages use the first, the item page the second.

describeEachDialect('督办 visibility: the list filter agrees with the item rule', ({ db }) => {
	let w: SupervisionWorld;
	beforeEach(async () => {
		setClock('2026-12-07T01:30:00Z');
		w = await supervisionWorld(db());
	});

	async function task(d: DB, itemId: number, assignee: FixtureUser) {
		await d
			.insertInto('supervision_tasks')
			.values({
				item_id: itemId,
				assignee_id: assignee.id,
				text: '整理材料',
				created_by: w.leadHead.id,
				created_at: '2026-12-07T01:30:00.000Z'
			})
			.execute();
	}

	it('for each viewer the SQL filter returns exactly the items the rule lets them see', async () => {
		const d = db();
		const signed = { stage: 'signed' as const };
		const items = {
			open: await newItem(d, w, signed),
			secret: await newItem(d, w, { ...signed, classification: 'secret' }),
			coLed: await newItem(d, w, {
				form: {
					leadDepartmentId: String(w.co),
					coDepartmentIds: [],
					responsibleId: String(w.leadStaff.id)
				}
			}),
			otherConfidential: await newItem(d, w, {
				classification: 'confidential',
				form: {
					leadDepartmentId: String(w.other),
					coDepartmentIds: [String(w.lead)],
					responsibleId: ''
				}
			}),
			otherInternal: await newItem(d, w, {
				classification: 'internal',
				form: { leadDepartmentId: String(w.other), coDepartmentIds: [], responsibleId: '' }
			}),
			secretWithTask: await newItem(d, w, {
				classification: 'secret',
				form: { leadDepartmentId: String(w.other), coDepartmentIds: [], responsibleId: '' }
			})
		};
		await task(d, items.otherInternal.id, w.coStaff);
		await task(d, items.secretWithTask.id, w.leadStaff);
		const ids = Object.values(items).map((i) => i.id);
		const records = await findItemsByIds(d, ids);
		const nobody = await newUser(d, { name: '无部门', roles: ['staff'] });
		const admin = await newUser(d, { roles: ['admin'] });
		const auditor = await newUser(d, { roles: ['auditor'] });
		const viewers: Record<string, FixtureUser> = {
			supervisor: w.supervisor,
			leader: w.leader,
			office: w.office,
			leadHead: w.leadHead,
			leadStaff: w.leadStaff,
			responsible: w.responsible,
			coHead: w.coHead,
			coStaff: w.coStaff,
			otherHead: w.otherHead,
			otherStaff: w.otherStaff,
			nobody,
			admin,
			auditor
		};
		const name = Object.fromEntries(Object.entries(items).map(([k, v]) => [v.id, k]));
		const seen: Record<string, string[]> = {};
		for (const [who, user] of Object.entries(viewers)) {
			const viewer = await supervisionViewer(d, user.actor);
			const bySql = (
				await d
					.selectFrom('supervision_items as i')
					.select('i.id')
					.where(visibleItems(viewer))
					.orderBy('i.id')
					.execute()
			).map((r) => r.id);
			const byRule = records.filter((r) => canSeeSupervisionItem(viewer, r)).map((r) => r.id);
			expect(bySql, who).toEqual(byRule.sort((a, b) => a - b));
			seen[who] = bySql.map((id) => name[id]);
		}
		// What people would check, in words.
		const all = Object.keys(items);
		expect(seen.supervisor).toEqual(all);
		expect(seen.leader).toEqual(all);
		expect(seen.office).toEqual(all);
		expect(seen.admin).toEqual([]);
		expect(seen.auditor).toEqual([]);
		expect(seen.nobody).toEqual([]);
		// The lead head sees the lead's items, classified ones too, and a co-department's part.
		expect(seen.leadHead).toEqual(['open', 'secret', 'otherConfidential']);
		// A plain member: unclassified items of the department, and what they answer for.
		expect(seen.leadStaff).toEqual(['open', 'coLed', 'secretWithTask']);
		expect(seen.responsible).toEqual(['open', 'secret']);
		expect(seen.coHead).toEqual(['open', 'secret', 'coLed']);
		expect(seen.coStaff).toEqual(['open', 'coLed', 'otherInternal']);
		expect(seen.otherHead).toEqual(['otherConfidential', 'otherInternal', 'secretWithTask']);
		expect(seen.otherStaff).toEqual(['otherInternal']);
	});
});
