// Loads the demo bureau (某市某局) into the configured database: npm run demo
import { withAppModule } from './vite-load.js';

const ROLE_NAMES = {
	admin: '系统管理员 admin',
	leader: '局领导 leader',
	office: '办公室 office',
	dept_head: '科室负责人 dept_head',
	staff: '干部职工 staff',
	supervisor: '督办员 supervisor',
	auditor: '安全审计员 auditor'
};

const s = await withAppModule('/src/lib/server/scripts.ts', (m) => m.runDemo());

console.log(`单位 / Office: ${s.officeName}`);
if (s.alreadyLoaded) {
	console.log(
		'演示单位已载入过，未做改动。 / The demo organisation is already loaded; nothing changed.'
	);
} else {
	console.log(
		`已载入 ${s.departments} 个部门、${s.people} 名人员。 / Loaded ${s.departments} departments and ${s.people} people.`
	);
}
console.log('');
if (s.admin.password) {
	console.log(`系统管理员 / Administrator: ${s.admin.username} / ${s.admin.password}`);
} else {
	console.log(
		`系统管理员 / Administrator: ${s.admin.username}（沿用原密码 / keeps its own password）`
	);
}
console.log(`演示账号统一密码 / Password of every demo account: ${s.demoPassword}`);
console.log('可试用的账号 / Accounts to try:');
for (const a of s.accounts) {
	const roles = a.roles.map((r) => ROLE_NAMES[r] ?? r).join('、');
	console.log(`  ${a.username.padEnd(14)} ${a.name}  ${a.department} ${a.title}  [${roles}]`);
}
