import Bowser from 'bowser';

const major = (version: string | undefined) => version?.split('.')[0] ?? '';

/**
 * A browser as people name it — "Chrome 156 · Linux", "WeChat 8 · iOS 17.5" — from a
 * User-Agent header; null when the header names no browser we know. The audit log and the
 * sessions page show this rather than the raw header.
 */
export function browserName(userAgent: string | null | undefined): string | null {
	const ua = (userAgent ?? '').trim();
	if (!ua) return null;
	let parsed: Bowser.Parser.ParsedResult;
	try {
		parsed = Bowser.parse(ua);
	} catch {
		return null;
	}
	const name = parsed.browser.name?.trim();
	if (!name) return null;
	const browser = [name, major(parsed.browser.version)].filter(Boolean).join(' ');
	const osName = parsed.os.name?.trim();
	const os = osName
		? [osName, parsed.os.versionName ?? parsed.os.version ?? ''].filter(Boolean).join(' ')
		: '';
	return os ? `${browser} · ${os}` : browser;
}
