import { mediaUrl, type ImageRef } from '../../domain/media';
import type { OptionDef } from '../../domain/types';
import type { AttemptOptionView, PictureView } from '../../schemas/attempt';

/**
 * An option as a contestant's browser may see it: its opaque id, its text, and its picture by the
 * picture's content hash (what it shows, never which option it is or whether it is right).
 */
export function optionView(id: string, option: OptionDef | undefined): AttemptOptionView {
	const view: AttemptOptionView = { id, text: option?.text ?? '' };
	const image = pictureOf(option?.image);
	if (image) view.image = image;
	return view;
}

/** A stored picture as pages show it, or null. */
export function pictureOf(image: ImageRef | null | undefined): PictureView | null {
	return image ? { src: mediaUrl(image.media), alt: image.alt } : null;
}

/** A question's picture and sound as pages show them (absent when it has none). */
export function questionMedia(v: {
	image_media_id: string | null;
	image_alt: string | null;
	audio_media_id: string | null;
}): { image?: PictureView; audio?: string } {
	return {
		...(v.image_media_id ? { image: { src: mediaUrl(v.image_media_id), alt: v.image_alt ?? '' } } : {}),
		...(v.audio_media_id ? { audio: mediaUrl(v.audio_media_id) } : {})
	};
}
