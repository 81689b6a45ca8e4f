import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// A PDF read back with pdfjs, as a reader sees it: the tests of our PDFs check what they say.

export interface ReadPdf {
	pages: string[];
	text: string;
	info: Record<string, unknown>;
	/** width and height of the first page, in points */
	size: [number, number];
}

function openPdf(bytes: Buffer) {
	return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** Every page's text, whitespace collapsed (pdfjs may split a run into several items). */
export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
	const pdf = await openPdf(bytes);
	const pages: string[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const page = await pdf.getPage(n);
		const content = await page.getTextContent();
		const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(' ');
		pages.push(raw.normalize('NFC').replace(/\s+/g, ' ').trim());
	}
	const first = await pdf.getPage(1);
	const [, , width, height] = first.view;
	const { info } = await pdf.getMetadata();
	await pdf.destroy();
	return { pages, text: pages.join(' '), info: info as Record<string, unknown>, size: [width, height] };
}

/** How many pictures each page draws (pdfjs' paintImageXObject operations), page by page. */
export async function imageDrawsPerPage(bytes: Buffer): Promise<number[]> {
	const pdf = await openPdf(bytes);
	const counts: number[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const ops = await (await pdf.getPage(n)).getOperatorList();
		counts.push(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length);
	}
	await pdf.destroy();
	return counts;
}
