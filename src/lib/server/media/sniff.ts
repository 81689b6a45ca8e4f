/**
 * What a file is, by its first bytes (never by its name or the browser's word): the pictures and
 * sounds the app accepts.
 */

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
	sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
export type AudioMime = 'audio/mpeg' | 'audio/ogg' | 'audio/mp4';

/** PNG, JPEG, WebP or GIF; null for anything else. */
export function imageMime(bytes: Uint8Array): ImageMime | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
	return null;
}

/** MP3 (an ID3 tag or an MPEG frame sync), Ogg (Vorbis or Opus) or M4A (an ISO file with an audio brand). */
export function audioMime(bytes: Uint8Array): AudioMime | null {
	if (startsWith(bytes, ascii('ID3'))) return 'audio/mpeg';
	if (bytes.length > 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) {
		return 'audio/mpeg';
	}
	if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
	if (startsWith(bytes, ascii('ftyp'), 4)) {
		const brand = String.fromCharCode(...bytes.subarray(8, 12));
		if (['M4A ', 'M4B ', 'mp42', 'isom', 'dash'].includes(brand)) return 'audio/mp4';
	}
	return null;
}

/** The file extension a served URL ends with, per mime. */
export const MEDIA_EXTENSION: Record<string, string> = {
	'image/webp': 'webp',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'audio/mpeg': 'mp3',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a'
};
