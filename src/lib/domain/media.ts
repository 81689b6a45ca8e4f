/** A picture attached to a question or an option: the stored file's id and its alt text. */
export interface ImageRef {
	media: string;
	alt: string;
}

/**
 * Where a stored file is served. The id is the sha256 of the file's bytes: it names the content,
 * the same for every attempt and every option order, and says nothing about which option is right.
 */
export function mediaUrl(id: string): string {
	return `/media/${id}`;
}
