// Verifies a signed audit export (.jsonl from /audit): node scripts/verify-audit.js FILE [KEY.pem]
//
// The file: line 1 a header ({format: 'huiban-audit-export', …, prev: 64 zeros}), then one line
// per audit row, each with `prev` = SHA-256 (hex) of the line before it exactly as written, then
// a signature line {signature, alg: 'Ed25519', public_key, fingerprint, prev} whose `prev` is the
// SHA-256 of the last row line and whose signature (base64) is Ed25519 over that hex text.
// Without KEY.pem the key in the file is used and its fingerprint printed: compare it with the
// one shown on /audit (a file signed by another key would verify against its own key).
// Needs nothing but Node.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @param {string} text */
const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA256:abcd ef01 … of a public key (PEM), as /audit shows it.
 * @param {string} publicKeyPem
 */
export function keyFingerprint(publicKeyPem) {
	const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
	const hex = crypto.createHash('sha256').update(der).digest('hex');
	return 'SHA256:' + (hex.match(/.{4}/g) ?? []).join(' ');
}

/**
 * @param {string} text the file's contents
 * @param {string} [publicKeyPem] the key to trust; the file's own key when not given
 * @returns {{ ok: true, count: number, fingerprint: string, header: any } | { ok: false, line: number, reason: string }}
 */
export function verifyAuditExport(text, publicKeyPem) {
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	if (lines.length < 2) return { ok: false, line: 1, reason: '文件不完整 / file is incomplete' };
	const parsed = [];
	for (let i = 0; i < lines.length; i++) {
		try {
			parsed.push(JSON.parse(lines[i]));
		} catch {
			return { ok: false, line: i + 1, reason: '不是 JSON / not JSON' };
		}
	}
	const header = parsed[0];
	if (header.format !== 'huiban-audit-export' || header.prev !== '0'.repeat(64)) {
		return { ok: false, line: 1, reason: '不是会办审计导出文件 / not a Huiban audit export' };
	}
	for (let i = 1; i < lines.length; i++) {
		if (parsed[i].prev !== sha256(lines[i - 1])) {
			return {
				ok: false,
				line: i + 1,
				reason: `第 ${i} 行被改动或删除 / line ${i} was changed, removed or reordered`
			};
		}
	}
	const last = parsed[parsed.length - 1];
	if (typeof last.signature !== 'string' || last.alg !== 'Ed25519') {
		return { ok: false, line: lines.length, reason: '缺少签名行 / the signature line is missing' };
	}
	const rows = lines.length - 2;
	if (header.count !== rows) {
		return {
			ok: false,
			line: 1,
			reason: `行数不符：应为 ${header.count}，实为 ${rows} / expected ${header.count} rows, found ${rows}`
		};
	}
	const key = publicKeyPem ?? last.public_key;
	let valid = false;
	try {
		valid = crypto.verify(
			null,
			Buffer.from(last.prev, 'utf8'),
			key,
			Buffer.from(last.signature, 'base64')
		);
	} catch {
		valid = false;
	}
	if (!valid) {
		return { ok: false, line: lines.length, reason: '签名无效 / the signature does not verify' };
	}
	return { ok: true, count: rows, fingerprint: keyFingerprint(key), header };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [file, keyFile] = process.argv.slice(2);
	if (!file) {
		console.error('用法 / usage: node scripts/verify-audit.js FILE.jsonl [PUBLIC_KEY.pem]');
		process.exit(2);
	}
	const r = verifyAuditExport(
		fs.readFileSync(file, 'utf8'),
		keyFile ? fs.readFileSync(keyFile, 'utf8') : undefined
	);
	if (r.ok) {
		console.log(`验证通过 / verified: ${r.count} 行 rows, ${r.header.from} — ${r.header.to}`);
		console.log(`签名公钥指纹 / key fingerprint: ${r.fingerprint}`);
		if (!keyFile)
			console.log('请与“审计日志”页面上显示的指纹核对 / compare with the one shown on /audit');
	} else {
		console.error(`验证失败 / NOT verified (line ${r.line}): ${r.reason}`);
		process.exitCode = 1;
	}
}
