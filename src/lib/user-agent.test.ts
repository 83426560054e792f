import { describe, expect, it } from 'vitest';
import { browserName } from './user-agent';

describe('browserName', () => {
	it('names Chrome on Linux', () => {
		const ua =
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
		expect(browserName(ua)).toBe('Chrome 156 · Linux');
	});

	it('names Edge on Windows 10 rather than the Chrome it is built on', () => {
		const ua =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86';
		expect(browserName(ua)).toBe('Microsoft Edge 131 · Windows 10');
	});

	it('names Firefox', () => {
		const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
		expect(browserName(ua)).toBe('Firefox 133 · Windows 10');
	});

	it('names Safari on an iPhone', () => {
		const ua =
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
		expect(browserName(ua)).toBe('Safari 17 · iOS 17.5');
	});

	it("names WeChat's in-app browser, on iOS and on Android", () => {
		const ios =
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323b) NetType/WIFI Language/zh_CN';
		const android =
			'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
		expect(browserName(ios)).toBe('WeChat 8 · iOS 17.5');
		expect(browserName(android)).toBe('WeChat 8 · Android 13');
	});

	it('names QQ Browser', () => {
		const ua =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.71 Safari/537.36 Core/1.94.178.400 QQBrowser/11.2.5170.400';
		expect(browserName(ua)).toBe('QQ Browser 11 · Windows 10');
	});

	it('reads 360 as the Chrome it reports (bowser does not tell 360 apart)', () => {
		const ua =
			'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36 QIHU 360SE';
		expect(browserName(ua)).toBe('Chrome 86 · Windows 10');
	});

	it('gives null for garbage, an empty header or none', () => {
		expect(browserName('asdf')).toBeNull();
		expect(browserName('')).toBeNull();
		expect(browserName('   ')).toBeNull();
		expect(browserName(null)).toBeNull();
		expect(browserName(undefined)).toBeNull();
	});
});
