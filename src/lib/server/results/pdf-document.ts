import { TZDate } from '@date-fns/tz';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { translate, type MessageKey } from '../../i18n';
import { TIME_ZONE } from '../../i18n/format';
import type { RoundRow } from '../db/schema';

// What both PDFs share: Be Vietnam Pro embedded (every Vietnamese glyph; PDFKit's built-in
// Helvetica has none), metadata, the official date line, and a table that breaks across pages.

export type PdfDoc = PDFKit.PDFDocument;

/** Our PDFs are Vietnamese documents whatever the reader's language: their texts come from the Vietnamese catalogue. */
export const vi = (key: MessageKey, params?: Record<string, string | number>): string => translate('vi', key, params);
export type FontName = 'regular' | 'italic' | 'semibold' | 'bold' | 'boldItalic';

const FONT_FILES: Record<FontName, string> = {
	regular: '400Regular/BeVietnamPro_400Regular.ttf',
	italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
	semibold: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
	bold: '700Bold/BeVietnamPro_700Bold.ttf',
	boldItalic: '700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf'
};

// Note: resolved from node_modules at run time; adapter-node keeps dependencies external, so the
// built server finds them the same way the dev server does.
const require = createRequire(import.meta.url);
let fontData: Record<FontName, Buffer> | null = null;

function fontPath(name: FontName): string {
	return require.resolve(`@expo-google-fonts/be-vietnam-pro/${FONT_FILES[name]}`);
}

function loadFonts(): Record<FontName, Buffer> {
	fontData ??= Object.fromEntries(
		(Object.keys(FONT_FILES) as FontName[]).map((name) => [name, readFileSync(fontPath(name))])
	) as Record<FontName, Buffer>;
	return fontData;
}

export interface PdfSetup {
	layout: 'portrait' | 'landscape';
	margins: { top: number; bottom: number; left: number; right: number };
	title: string;
	subject: string;
	/** ms since epoch: the document's creation date, so a re-render gives the same metadata */
	createdAt: number;
}

/**
 * A new A4 document with our fonts. Pages are buffered by default (page numbers are drawn at the
 * end); `bufferPages: false` lets a long document stream out page by page instead.
 */
export function createPdf(setup: PdfSetup, options: { bufferPages?: boolean } = {}): PdfDoc {
	const fonts = loadFonts();
	const created = new Date(setup.createdAt);
	const doc = new PDFDocument({
		size: 'A4',
		layout: setup.layout,
		margins: setup.margins,
		// The first font set is the default; naming ours keeps PDFKit from loading Helvetica.
		font: fontPath('regular'),
		bufferPages: options.bufferPages ?? true,
		lang: 'vi-VN',
		displayTitle: true,
		info: {
			Title: setup.title,
			Author: 'CuộcThi',
			Subject: setup.subject,
			Creator: 'CuộcThi',
			CreationDate: created,
			ModDate: created
		}
	});
	for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name]);
	doc.font('regular');
	return doc;
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: PdfDoc): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

/**
 * Day, month and year as Vietnamese official documents write them (Decree 30/2020/NĐ-CP): a day
 * below 10 and the months 1 and 2 take a leading zero, in Vietnam's time zone.
 */
export function officialDate(ms: number): { day: string; month: string; year: string } {
	const date = new TZDate(ms, TIME_ZONE);
	const day = date.getDate();
	const month = date.getMonth() + 1;
	return {
		day: String(day).padStart(2, '0'),
		month: month <= 2 ? `0${month}` : String(month),
		year: String(date.getFullYear())
	};
}

export function contentWidth(doc: PdfDoc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: PdfDoc): number {
	return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: PdfDoc, height: number): void {
	if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/** Draws a horizontal line of `width` centred on `centerX`. */
export function rule(doc: PdfDoc, centerX: number, y: number, width: number, lineWidth = 0.8): void {
	doc
		.save()
		.lineWidth(lineWidth)
		.moveTo(centerX - width / 2, y)
		.lineTo(centerX + width / 2, y)
		.stroke('#000000')
		.restore();
}

export interface TableColumn {
	header: string;
	/** share of the content width */
	share: number;
	align?: 'left' | 'center' | 'right';
}

const PAD_X = 4;
const PAD_Y = 3.5;

/**
 * A ruled table from the cursor down, a row never split; when a row does not fit, a new page
 * starts with the header drawn again. Leaves the cursor below the table.
 */
export function drawTable(doc: PdfDoc, columns: TableColumn[], rows: string[][], fontSize = 9.5): void {
	const left = doc.page.margins.left;
	const total = columns.reduce((sum, c) => sum + c.share, 0);
	const widths = columns.map((c) => (c.share / total) * contentWidth(doc));
	const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));

	const rowHeight = (cells: string[], font: FontName): number => {
		doc.font(font).fontSize(fontSize);
		return (
			Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i] - 2 * PAD_X }))) + 2 * PAD_Y
		);
	};
	const drawRow = (cells: string[], font: FontName, y: number, height: number, fill?: string): void => {
		cells.forEach((text, i) => {
			if (fill) doc.rect(xs[i], y, widths[i], height).fill(fill);
			doc.lineWidth(0.6).rect(xs[i], y, widths[i], height).stroke('#000000');
			doc
				.fillColor('#000000')
				.font(font)
				.fontSize(fontSize)
				.text(text, xs[i] + PAD_X, y + PAD_Y, {
					width: widths[i] - 2 * PAD_X,
					align: columns[i].align ?? 'left',
					lineBreak: true
				});
		});
	};
	const headers = columns.map((c) => c.header);
	const headerHeight = rowHeight(headers, 'bold');
	const drawHeader = (): number => {
		const y = doc.y;
		drawRow(headers, 'bold', y, headerHeight, '#ececec');
		return y + headerHeight;
	};

	let y = drawHeader();
	for (const cells of rows) {
		const height = rowHeight(cells, 'regular');
		if (y + height > bottomLimit(doc)) {
			doc.addPage();
			y = drawHeader();
		}
		drawRow(cells, 'regular', y, height);
		y += height;
	}
	doc.x = left;
	doc.y = y;
}

/** Height of a table's header and first row, to keep a heading on the same page as its table. */
export function tableStartHeight(doc: PdfDoc, fontSize = 9.5): number {
	doc.font('bold').fontSize(fontSize);
	return 2 * (doc.currentLineHeight(true) * 2 + 2 * PAD_Y);
}

/** Page numbers at the top centre from the second page on, as official documents number them. */
export function numberPages(doc: PdfDoc): void {
	const { start, count } = doc.bufferedPageRange();
	for (let i = start + 1; i < start + count; i++) {
		doc.switchToPage(i);
		const top = doc.page.margins.top;
		doc.page.margins.top = 0;
		doc
			.font('regular')
			.fontSize(10)
			.fillColor('#000000')
			.text(String(i - start + 1), doc.page.margins.left, top / 2 - 5, {
				width: contentWidth(doc),
				align: 'center',
				lineBreak: false
			});
		doc.page.margins.top = top;
	}
}

/**
 * The organizing committee named after its contest, as its documents head them: "BAN TỔ CHỨC
 * CUỘC THI TÌM HIỂU CẢI CÁCH HÀNH CHÍNH …" (a title that starts with "Cuộc thi" is not doubled).
 */
export function organizerLine(contestTitle: string): string {
	const contest = contestTitle.trim().replace(/^cuộc thi\s+/iu, '');
	return vi('results.pdf.organizer_of', { contest }).toLocaleUpperCase('vi');
}

/** Who signs a round's notice and certificates (the round's settings, migration 0023). */
export interface Signer {
	title: string;
	/** null: room to sign, no printed name */
	name: string | null;
}

export function signerOf(round: Pick<RoundRow, 'notice_signer_title' | 'notice_signer_name'>): Signer {
	return {
		title: (round.notice_signer_title ?? vi('results.pdf.sign_title')).toLocaleUpperCase('vi'),
		name: round.notice_signer_name
	};
}

/**
 * "TM. BAN TỔ CHỨC", the signer's title, room to sign (`gap` points) and the signer's name,
 * centred in a column.
 */
export function drawSignatureBlock(
	doc: PdfDoc,
	at: { x: number; y: number; width: number },
	signer: Signer,
	size: number,
	gap = 58
): void {
	const { x, y, width } = at;
	doc
		.font('bold')
		.fontSize(size)
		.fillColor('#000000')
		.text(vi('results.pdf.sign_for'), x, y, { width, align: 'center' })
		.text(signer.title, { width, align: 'center' });
	if (signer.name) doc.text(signer.name, x, doc.y + gap, { width, align: 'center' });
}
