import fs from 'node:fs';
import { build, needsBuild } from '../../scripts/start.js';
import { chromiumPath } from './browser';

/** The journeys need the built server and a real Chromium; a missing one fails the run. */
export default function setup() {
	const exe = chromiumPath();
	if (!fs.existsSync(exe)) {
		throw new Error(
			`Chromium not found at ${exe}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`
		);
	}
	if (needsBuild()) build();
}
