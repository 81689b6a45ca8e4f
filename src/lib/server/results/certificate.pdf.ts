import type { AppContext } from '../context';
import { findContestById, findRound } from '../contests/contest.repository';
import type { ContestRow, RoundRow } from '../db/schema';
import { findCertificateHolder, findIssuingPlace, type CertificateHolder } from './awards.service';
import { findCloseRecord } from './results.service';
import {
	createPdf,
	drawSignatureBlock,
	finishPdf,
	officialDate,
	organizerLine,
	rule,
	signerOf,
	vi,
	type FontName,
	type PdfDoc,
	type Signer
} from './pdf-document';

// A winner's certificate (giấy chứng nhận): A4 landscape inside a double frame, the national
// motto, the organizer, the person, their unit and prize, the round, the date and the signature
// block. Like the notice, it is a Vietnamese document whatever the reader's language.

const RED = '#9b1b1b';
const GOLD = '#b8892b';
const NAVY = '#0b3a6e';

/** The certificate of a contestant's individual prize in a closed round; null when they won none. */
export async function renderCertificate(ctx: AppContext, roundId: string, userId: string): Promise<Buffer | null> {
	const [round, holder, close] = await Promise.all([
		findRound(ctx.db, roundId),
		findCertificateHolder(ctx, roundId, userId),
		findCloseRecord(ctx.db, roundId)
	]);
	if (!round || !holder || !close) return null;
	const [contest, place] = await Promise.all([findContestById(ctx.db, round.contest_id), findIssuingPlace(ctx)]);
	if (!contest) return null;

	const doc = createPdf({
		layout: 'landscape',
		margins: MARGINS,
		title: vi('results.pdf.certificate_title', { name: holder.fullName, round: round.name }),
		subject: vi('results.pdf.in_round', { round: round.name, contest: contest.title }),
		createdAt: close.computedAt
	});
	drawCertificate(doc, { round, contest, computedAt: close.computedAt, place, signer: signerOf(round) }, holder);
	return finishPdf(doc);
}

const MARGINS = { top: 40, bottom: 40, left: 40, right: 40 };

/** What every certificate of one round shares. */
export interface CertificateIssue {
	round: Pick<RoundRow, 'name'>;
	contest: Pick<ContestRow, 'title'>;
	/** ms since epoch: the close, the date the certificates carry */
	computedAt: number;
	place: string | null;
	signer: Signer;
}

/**
 * Every winner's certificate of a closed round in one PDF, a page each, group by group in the
 * order of the notice, for printing in one go. Pages are not buffered: the document streams out
 * as it is drawn. The caller reads `doc` (a Readable) and must end it.
 */
export function createCertificateBook(issue: CertificateIssue, title: string): PdfDoc {
	return createPdf(
		{
			layout: 'landscape',
			margins: MARGINS,
			title,
			subject: vi('results.pdf.in_round', { round: issue.round.name, contest: issue.contest.title }),
			createdAt: issue.computedAt
		},
		{ bufferPages: false }
	);
}

/** One certificate on the current page (the first page, or one added with doc.addPage()). */
export function drawCertificate(doc: PdfDoc, issue: CertificateIssue, holder: CertificateHolder): void {
	const { round, contest } = issue;
	drawFrame(doc);
	const width = doc.page.width;
	const textWidth = width - 200;
	const x = 100;

	let y = 60;
	doc.font('bold').fontSize(12).fillColor('#000000');
	doc.text(vi('results.pdf.country'), 0, y, { width, align: 'center', lineBreak: false });
	y += doc.currentLineHeight(true) + 1;
	const motto = vi('results.pdf.motto');
	doc.fontSize(12.5).text(motto, 0, y, { width, align: 'center', lineBreak: false });
	y += doc.currentLineHeight(true) + 1;
	rule(doc, width / 2, y, doc.widthOfString(motto));

	y += 22;
	y = centered(doc, organizerLine(contest.title), y, {
		font: 'bold',
		size: 12,
		color: NAVY,
		x,
		width: textWidth,
		maxLines: 2
	});

	y += 26;
	doc.font('bold').fontSize(38).fillColor(RED);
	doc.text(vi('results.pdf.certificate'), 0, y, { width, align: 'center', lineBreak: false });
	y += doc.currentLineHeight(true) + 8;

	y = centered(doc, vi('results.pdf.certifies'), y, {
		font: 'italic',
		size: 14,
		color: '#000000',
		x,
		width: textWidth
	});
	y += 10;
	y = centered(doc, holder.fullName, y, {
		font: 'bold',
		size: fitSize(doc, holder.fullName, 'bold', 30, textWidth),
		color: NAVY,
		x,
		width: textWidth,
		maxLines: 1
	});
	y += 6;
	y = centered(doc, vi('results.pdf.unit', { unit: holder.unitName }), y, {
		font: 'regular',
		size: 15,
		color: '#000000',
		x,
		width: textWidth,
		maxLines: 2
	});
	y = centered(doc, vi('results.pdf.group_of', { group: holder.groupName }), y + 2, {
		font: 'regular',
		size: 12.5,
		color: '#333333',
		x,
		width: textWidth,
		maxLines: 1
	});
	y += 14;
	y = centered(doc, vi('results.pdf.achieved', { prize: vi(`results.prize.${holder.prize}`) }), y, {
		font: 'bold',
		size: 22,
		color: RED,
		x,
		width: textWidth
	});
	y += 6;
	centered(doc, vi('results.pdf.in_round', { round: round.name, contest: contest.title }), y, {
		font: 'semibold',
		size: 14,
		color: '#000000',
		x,
		width: textWidth,
		maxLines: 2
	});

	drawSignature(doc, issue);
}

interface Line {
	font: FontName;
	size: number;
	color: string;
	x: number;
	width: number;
	maxLines?: number;
}

/** Centred text from `y`; returns the y below it. */
function centered(doc: PdfDoc, text: string, y: number, line: Line): number {
	doc.font(line.font).fontSize(line.size).fillColor(line.color);
	const height = line.maxLines ? doc.currentLineHeight(true) * line.maxLines : undefined;
	doc.text(text, line.x, y, { width: line.width, align: 'center', height, ellipsis: height ? true : undefined });
	return doc.y;
}

/** The largest size up to `max` at which `text` fits on one line of `width`. */
function fitSize(doc: PdfDoc, text: string, font: FontName, max: number, width: number): number {
	doc.font(font).fontSize(max);
	const natural = doc.widthOfString(text);
	return natural <= width ? max : Math.max(14, Math.floor((max * width) / natural));
}

/** A thick red frame, a thin gold one inside it, and gold diamonds and corner brackets. */
function drawFrame(doc: PdfDoc): void {
	const { width, height } = doc.page;
	doc.save();
	doc
		.lineWidth(5)
		.rect(16, 16, width - 32, height - 32)
		.stroke(RED);
	doc
		.lineWidth(1.2)
		.rect(26, 26, width - 52, height - 52)
		.stroke(GOLD);
	const inset = 34;
	const arm = 46;
	const corners: [number, number, number, number][] = [
		[inset, inset, 1, 1],
		[width - inset, inset, -1, 1],
		[inset, height - inset, 1, -1],
		[width - inset, height - inset, -1, -1]
	];
	for (const [cx, cy, dx, dy] of corners) {
		doc
			.lineWidth(2)
			.moveTo(cx, cy + dy * arm)
			.lineTo(cx, cy)
			.lineTo(cx + dx * arm, cy)
			.stroke(GOLD);
		const d = 5;
		const ox = cx + dx * 10;
		const oy = cy + dy * 10;
		doc
			.moveTo(ox, oy - d)
			.lineTo(ox + d, oy)
			.lineTo(ox, oy + d)
			.lineTo(ox - d, oy)
			.closePath()
			.fill(RED);
	}
	doc.restore();
}

/** Place and date, then "TM. BAN TỔ CHỨC", the signer's title and room to sign, in the lower right. */
function drawSignature(doc: PdfDoc, issue: CertificateIssue): void {
	const width = 300;
	const x = doc.page.width - 80 - width;
	const y = doc.page.height - (issue.signer.name ? 165 : 150);
	const date = officialDate(issue.computedAt);
	doc
		.font('italic')
		.fontSize(12)
		.fillColor('#000000')
		.text(vi('results.pdf.date_line', { place: issue.place ?? vi('results.pdf.no_place'), ...date }), x, y, {
			width,
			align: 'center'
		});
	drawSignatureBlock(doc, { x, y: doc.y + 2, width }, issue.signer, 12, 40);
}
