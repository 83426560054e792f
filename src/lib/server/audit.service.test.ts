import { beforeEach, expect, it, vi } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { audit } from './audit';
import { searchAuditLog, type AuditQuery } from './audit.service';
import type { DB } from './db';
import { ForbiddenError } from './errors';
import { forgetCachedSettings } from './settings/settings.service';
import { describeEachDialect } from './testing/each-dialect';
import { auditCount, newUser } from './testing/fixtures';
import { newMeeting } from './testing/meeting-fixtures';
import { inTransaction } from './db/transaction';

beforeEach(() => forgetCachedSettings());

/**
 * Four entries by two people; their times straddle office-zone midnights around 国庆. The log
 * is append-only (migration 0003), so the clock is set before each write instead of after.
 */
async function seed(db: DB) {
	const wang = await newUser(db, { name: '王芳' });
	const li = await newUser(db, { name: '李雷' });
	const entries = [
		// 2026-09-30 23:59 in Asia/Shanghai
		['2026-09-30T15:59:59.999Z', wang, 'department.create', 'department', 1],
		// 2026-10-01 00:00
		['2026-09-30T16:00:00.000Z', wang, 'department.update', 'department', 2],
		// 2026-10-02 00:30
		['2026-10-01T16:30:00.000Z', li, 'user.create', 'user', 1],
		// 2026-10-02 23:59
		['2026-10-02T15:59:59.000Z', li, 'user.update', 'user', 5]
	] as const;
	vi.useFakeTimers({ toFake: ['Date'] });
	try {
		for (const [at, who, action, entity, entityId] of entries) {
			vi.setSystemTime(new Date(at));
			await audit(db, { ...who.actor, ip: '10.1.1.1' }, action, entity, entityId);
		}
	} finally {
		vi.useRealTimers();
	}
	const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
	const auditor = await newUser(db, { roles: ['auditor'] });
	return { ids: rows.map((r) => r.id), admin: auditor.actor };
}

describeEachDialect('audit log', ({ db }) => {
	it('is readable by the security auditor, with who, what, when and where', async () => {
		const { ids, admin: auditor } = await seed(db());
		for (const actor of [auditor]) {
			const r = await searchAuditLog(db(), actor, { page: 1, pageSize: 10 });
			expect(r.total).toBe(4);
			expect(r.entries.map((e) => e.id)).toEqual([...ids].reverse());
			expect(r.entries[0]).toEqual({
				id: ids[3],
				at: '2026-10-02T15:59:59.000Z',
				actorName: '李雷',
				ip: '10.1.1.1',
				action: 'user.update',
				entity: 'user',
				entityId: '5',
				changes: {}
			});
		}
	});

	it('is refused to every other role, the system administrator too (三员分立)', async () => {
		await seed(db());
		const roles: Role[] = ['admin', 'staff', 'office', 'leader', 'dept_head', 'supervisor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role] });
			await expect(searchAuditLog(db(), actor, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(
				ForbiddenError
			);
		}
	});

	it('filters by actor name, action prefix, entity and entity id', async () => {
		const { ids, admin } = await seed(db());
		const found = async (q: Partial<AuditQuery>) => {
			const r = await searchAuditLog(db(), admin, { page: 1, pageSize: 10, ...q });
			expect(r.total).toBe(r.entries.length);
			return r.entries.map((e) => e.id).reverse();
		};
		expect(await found({ actor: '王' })).toEqual([ids[0], ids[1]]);
		expect(await found({ action: 'department.' })).toEqual([ids[0], ids[1]]);
		expect(await found({ action: 'user.up' })).toEqual([ids[3]]);
		expect(await found({ entity: 'user' })).toEqual([ids[2], ids[3]]);
		expect(await found({ entity: 'user', entityId: '1' })).toEqual([ids[2]]);
		expect(await found({ actor: '李', action: 'department' })).toEqual([]);
		// Latin letters in a name match regardless of case, on both databases.
		const tashi = await newUser(db(), { name: 'Tashi Dorje' });
		await audit(db(), { ...tashi.actor, ip: '' }, 'user.create', 'user');
		expect(await found({ actor: 'tashi' })).toHaveLength(1);
	});

	it('matches % and _ in the actor and action filters literally', async () => {
		const { ids, admin } = await seed(db());
		const found = async (q: Partial<AuditQuery>) =>
			(await searchAuditLog(db(), admin, { page: 1, pageSize: 10, ...q })).entries.map((e) => e.id);
		expect(await found({ actor: '%' })).toEqual([]);
		expect(await found({ action: '%' })).toEqual([]);
		// `_` is not "any character": 'user_' does not find user.create and user.update.
		expect(await found({ action: 'user_' })).toEqual([]);
		expect(await found({ action: 'user.' })).toEqual([ids[3], ids[2]]);
	});

	it('filters by calendar dates in the office time zone, both ends included', async () => {
		const { ids, admin } = await seed(db());
		const found = async (fromDate?: string, toDate?: string) => {
			const r = await searchAuditLog(db(), admin, { page: 1, pageSize: 10, fromDate, toDate });
			return r.entries.map((e) => e.id).reverse();
		};
		expect(await found('2026-10-02', '2026-10-02')).toEqual([ids[2], ids[3]]);
		expect(await found('2026-10-01', '2026-10-01')).toEqual([ids[1]]);
		expect(await found(undefined, '2026-09-30')).toEqual([ids[0]]);
		expect(await found('2026-10-01')).toEqual([ids[1], ids[2], ids[3]]);
		// A malformed date is ignored rather than matching nothing.
		expect(await found('2026/10/01', 'tomorrow')).toEqual(ids);
	});

	it('shows the content of a classified meeting as 涉密会议', async () => {
		const { admin: auditor } = await seed(db());
		const office = await newUser(db(), { roles: ['office'] });
		const secret = await newMeeting(db(), {
			createdBy: office.id,
			title: '机密项目评审会',
			classification: 'secret'
		});
		const open = await newMeeting(db(), { createdBy: office.id, title: '周例会' });
		const write = (entityId: number, action: string, changes: Record<string, unknown>) =>
			audit(db(), { ...office.actor, ip: '' }, action, 'meeting', entityId, changes);
		await write(secret, 'meeting.create', { title: '机密项目评审会', participants: 3 });
		await write(secret, 'meeting.update', { title: ['机密项目评审会', '机密项目二次评审'] });
		await write(secret, 'meeting.attachment_add', { file: '机密方案.docx', size: 10 });
		await write(open, 'meeting.create', { title: '周例会', participants: 2 });
		// Declassified since, but classified when this entry was written.
		await write(open, 'meeting.update', {
			classification: ['confidential', 'none'],
			title: ['机要协调会', '周例会']
		});
		const r = await searchAuditLog(db(), auditor, { entity: 'meeting', page: 1, pageSize: 10 });
		const changes = r.entries.map((e) => e.changes).reverse();
		expect(changes).toEqual([
			{ title: '涉密会议', participants: 3 },
			{ title: ['涉密会议', '涉密会议'] },
			{ file: '涉密会议', size: 10 },
			{ title: '周例会', participants: 2 },
			{ classification: ['confidential', 'none'], title: ['涉密会议', '涉密会议'] }
		]);
		expect(JSON.stringify(r)).not.toMatch(/机密项目|机密方案|机要/);
	});

	it('pages newest first with the full total', async () => {
		const { actor } = await newUser(db(), { roles: ['auditor'] });
		for (let i = 0; i < 25; i++) {
			await audit(db(), { ...actor, ip: '' }, 'test.step', 'test', i);
		}
		const page = (n: number) => searchAuditLog(db(), actor, { page: n, pageSize: 10 });
		const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
		expect([p1.total, p2.total, p3.total]).toEqual([25, 25, 25]);
		expect(p1.entries.map((e) => e.entityId)).toEqual([
			'24',
			'23',
			'22',
			'21',
			'20',
			'19',
			'18',
			'17',
			'16',
			'15'
		]);
		expect(p3.entries.map((e) => e.entityId)).toEqual(['4', '3', '2', '1', '0']);
		expect((await page(4)).entries).toEqual([]);
	});

	it('never stores secrets in the changes', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'], name: '管理员' });
		await audit(db(), { ...actor, ip: '10.0.0.1' }, 'user.update', 'user', 3, {
			name: ['王芳', '王芳芳'],
			password: 'Plain-Pass-1',
			newPassword: 'Next-Pass-2',
			password_hash: '$argon2id$v=19$abc',
			feedToken: 'tok-123',
			client_secret: 's3cr3t'
		});
		const row = await db().selectFrom('audit_log').select('changes').executeTakeFirstOrThrow();
		expect(JSON.parse(row.changes)).toEqual({
			name: ['王芳', '王芳芳'],
			password: '***',
			newPassword: '***',
			password_hash: '***',
			feedToken: '***',
			client_secret: '***'
		});
		for (const secret of ['Plain-Pass-1', 'Next-Pass-2', 'argon2id', 'tok-123', 's3cr3t']) {
			expect(row.changes).not.toContain(secret);
		}
	});

	it('rolls the audit row back with a failed transaction', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'] });
		await expect(
			inTransaction(db(), async (trx) => {
				await audit(trx, { ...actor, ip: '' }, 'test.fail', 'test');
				expect(await auditCount(trx)).toBe(1);
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await auditCount(db())).toBe(0);
	});
});
