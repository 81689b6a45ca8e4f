import type { AppContext } from '../context';
import { existingMedia, prepareAudio, prepareImage, storeMedia, type PrepareResult } from '../media/media.service';

/** The editor's file fields: which upload fills which stored-id field, and where its error shows. */
const SLOTS = [
	{ file: 'imageFile', media: 'imageMedia', kind: 'image', error: 'imageAlt' },
	{ file: 'audioFile', media: 'audioMedia', kind: 'audio', error: 'audio' },
	...Array.from({ length: 8 }, (_, i) => ({
		file: `option-image-file-${i}`,
		media: `option-image-media-${i}`,
		kind: 'image',
		error: 'options'
	}))
] as const;

/**
 * Stores the files the question editor uploaded and writes their ids into the form's stored-id
 * fields, so a save refused for another reason keeps them; ids the form carried that are not
 * stored files are dropped. Returns the errors per field ('error.media_type' …), empty when all
 * is well. The files are stored before the question is (their ids are their hashes: a file stored
 * twice is one row), so a refused save leaves at most a picture nothing points at.
 */
export async function storeQuestionUploads(ctx: AppContext, form: FormData): Promise<Record<string, string>> {
	const errors: Record<string, string> = {};
	const now = ctx.clock.now();
	for (const slot of SLOTS) {
		const file = form.get(slot.file);
		if (!(file instanceof File) || file.size === 0) continue;
		const bytes = new Uint8Array(await file.arrayBuffer());
		const prepared: PrepareResult = slot.kind === 'image' ? await prepareImage(bytes) : prepareAudio(bytes);
		if (!prepared.ok) {
			errors[slot.error] ??= `error.${prepared.reason}_${slot.kind}`;
			continue;
		}
		await storeMedia(ctx.db, prepared.media, now);
		form.set(slot.media, prepared.media.id);
	}
	for (const kind of ['image', 'audio'] as const) {
		const fields = SLOTS.filter((s) => s.kind === kind).map((s) => s.media);
		const ids = fields.map((f) => String(form.get(f) ?? '')).filter(Boolean);
		const known = await existingMedia(ctx.db, ids, kind);
		for (const f of fields) if (form.get(f) && !known.has(String(form.get(f)))) form.delete(f);
	}
	return errors;
}
