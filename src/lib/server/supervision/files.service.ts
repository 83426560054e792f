import type { Actor } from '../actor';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { loadVisibleItem, supervisionViewer } from './access';
import { findFile } from './files.repository';

// Files of a supervision item (the instruction's attachment, feedback attachments): whoever may
// see the item may download them; anyone else is told nothing exists.

export async function getFileForDownload(
	db: DB,
	actor: Actor,
	itemId: number,
	fileId: number
): Promise<{ fileName: string; mime: string; content: Buffer }> {
	const viewer = await supervisionViewer(db, actor);
	await loadVisibleItem(db, viewer, itemId);
	const f = await findFile(db, itemId, fileId);
	if (!f) throw new NotFoundError();
	return { fileName: f.fileName, mime: f.mime, content: f.content };
}
