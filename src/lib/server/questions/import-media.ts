import type { ImportIssue, ImportResult, ImportedImage, ImportedQuestion } from '../../domain/import/types';
import { issueAt } from '../../domain/import/validate';
import type { AppContext } from '../context';
import { prepareImage, storeMedia, type MediaRefusal } from '../media/media.service';

const REFUSED: Record<MediaRefusal, string> = {
	media_type: 'không đọc được; hãy dùng ảnh PNG, JPEG, WebP hoặc GIF',
	media_size: 'lớn hơn 10 MB; hãy thu nhỏ ảnh',
	media_dimensions: 'có quá nhiều điểm ảnh (trên 40 triệu); hãy thu nhỏ ảnh'
};

/**
 * The pictures a checked file brought along, re-encoded and stored as the editor stores an upload;
 * each question then names its picture by the stored file's id, and no bytes are kept with the
 * pending import. A picture that cannot be used stops the import (all or nothing) with its place.
 * A file with other issues is returned as it is: nothing of it will be written.
 */
export async function storeImportedImages(ctx: AppContext, result: ImportResult): Promise<ImportResult> {
	if (!result.ok) return result;
	const issues: ImportIssue[] = [];
	const now = ctx.clock.now();
	/** The picture stored (its id in place of its bytes), or left without bytes and an issue. */
	const store = async (picture: ImportedImage | undefined): Promise<ImportedImage | undefined> => {
		if (!picture?.data) return picture;
		const { data, ...image } = picture;
		const prepared = await prepareImage(Buffer.from(data, 'base64'));
		if (!prepared.ok) {
			issues.push(issueAt({ line: image.line }, `ảnh '${image.name}' ${REFUSED[prepared.reason]}`));
			return image;
		}
		await storeMedia(ctx.db, prepared.media, now);
		return { ...image, media: prepared.media.id };
	};
	const questions: ImportedQuestion[] = [];
	for (const q of result.questions) {
		const image = await store(q.image);
		const options = [];
		for (const o of q.options) {
			const picture = await store(o.image);
			options.push(picture ? { ...o, image: picture } : o);
		}
		questions.push({ ...q, options, ...(image ? { image } : {}) });
	}
	return issues.length ? { ok: false, issues, questions } : { ok: true, questions };
}
