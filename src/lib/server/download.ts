import { PassThrough, Readable } from 'node:stream';
import { log } from './logger';

// A file written as it is read, streamed to the browser as a download: the exports' one shape.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a writer reports: rows written, or why it stopped ('aborted': the browser went away). */
export type WriteOutcome = { ok: true; rows: number } | { ok: false; reason: string } | number;

/**
 * A download's file names: ASCII for `filename` (the contest's slug and a suffix:
 * "cchc-2026-thi-sinh.xlsx"), the Vietnamese title for `filename*` (RFC 6266, percent-encoded
 * UTF-8), without characters a file system refuses, 150 characters at most.
 */
export function downloadNames(slug: string, suffix: string, title: string): { ascii: string; encoded: string } {
	const safeSlug = slug.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'cuoc-thi';
	const extension = suffix.slice(suffix.lastIndexOf('.'));
	const clean = title
		.normalize('NFC')
		.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const short = Array.from(clean).slice(0, 150).join('');
	const encoded = encodeURIComponent(short + extension).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return { ascii: `${safeSlug}-${suffix}`, encoded };
}

export function attachmentHeaders(contentType: string, names: { ascii: string; encoded?: string }) {
	const star = names.encoded ? `; filename*=UTF-8''${names.encoded}` : '';
	return {
		'content-type': contentType,
		'content-disposition': `attachment; filename="${names.ascii}"${star}`,
		'cache-control': 'no-store'
	};
}

/**
 * The response starts before the last row is written: a failure from then on can only cut the
 * download short, so it is logged and the stream destroyed (the browser sees a failed download).
 */
export function streamDownload(
	headers: Record<string, string>,
	what: string,
	write: (out: PassThrough) => Promise<WriteOutcome>
): Response {
	const pass = new PassThrough();
	void write(pass).then(
		(outcome) => {
			if (typeof outcome === 'object' && !outcome.ok && outcome.reason !== 'aborted') {
				pass.destroy(new Error(`export_refused: ${outcome.reason}`));
			}
		},
		(cause: unknown) => {
			log.error(`${what} failed`, cause);
			pass.destroy(cause instanceof Error ? cause : new Error(String(cause)));
		}
	);
	return new Response(Readable.toWeb(pass) as ReadableStream, { headers });
}
