/**
 * An .xlsx download. The file name goes out twice (RFC 6266/5987): `asciiFallback` for old
 * clients, and `filename` (Chinese, UTF-8, percent-encoded) for the rest.
 */
export function xlsxResponse(body: Buffer, filename: string, asciiFallback: string): Response {
	// Windows refuses these characters in file names (a meeting time has a colon).
	const name = encodeURIComponent(filename.replace(/[\\/:*?"<>|]/g, '-'));
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${name}`,
			'cache-control': 'no-store'
		}
	});
}
