import { durationText } from '../../i18n';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { AppContext } from '../context';
import { findContestById, findRound } from '../contests/contest.repository';
import type { ContestRow, RoundRow } from '../db/schema';
import { findIssuingPlace, getRoundAwards, type RoundAwards } from './awards.service';
import { collectiveRuleOf } from './close.service';
import {
	contentWidth,
	createPdf,
	drawSignatureBlock,
	drawTable,
	ensureSpace,
	finishPdf,
	numberPages,
	officialDate,
	organizerLine,
	rule,
	signerOf,
	tableStartHeight,
	vi,
	type PdfDoc
} from './pdf-document';

// The results notice of a closed round, laid out as a Vietnamese administrative notice (thông
// báo, Decree 30/2020/NĐ-CP): issuer and national motto side by side, number and date, title,
// body, the prize tables, then recipients and the signature block. It is an official Vietnamese
// document, so its texts come from the Vietnamese catalogue whatever the reader's language. The
// superior body, the number and the signer come from the round's settings (migration 0023).

/** A4 portrait margins: 20 mm top and bottom, 30 mm left (binding), 20 mm right. */
const MARGINS = { top: 57, bottom: 57, left: 85, right: 57 };
const BODY = 11.5;

const rateFormat = new Intl.NumberFormat('vi-VN', {
	style: 'percent',
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});

export function formatRate(rate: number | null): string {
	return rate === null ? '—' : rateFormat.format(rate);
}

/** The notice of a closed round's results as a PDF; null when the round is unknown or not closed. */
export async function renderAnnouncement(ctx: AppContext, roundId: string): Promise<Buffer | null> {
	const round = await findRound(ctx.db, roundId);
	if (!round) return null;
	const [contest, awards, place] = await Promise.all([
		findContestById(ctx.db, round.contest_id),
		getRoundAwards(ctx, round),
		findIssuingPlace(ctx)
	]);
	if (!contest || !awards) return null;

	const doc = createPdf({
		layout: 'portrait',
		margins: MARGINS,
		title: vi('results.pdf.notice_title', { round: round.name, contest: contest.title }),
		subject: vi('results.pdf.notice_subject', { round: round.name, contest: contest.title }),
		createdAt: awards.close.computedAt
	});
	drawHeading(doc, round, contest, awards.close.computedAt, place);
	drawTitle(doc, round, contest);
	drawBody(doc, round, contest, awards);
	drawIndividualPrizes(doc, awards);
	drawCollectivePrizes(doc, round, awards);
	drawSignature(doc, round);
	numberPages(doc);
	return finishPdf(doc);
}

/**
 * Issuer (left: the superior body, if set, above the organizer named after its contest) and the
 * national motto (right), then the notice's number and its place and date.
 */
function drawHeading(
	doc: PdfDoc,
	round: RoundRow,
	contest: ContestRow,
	computedAt: number,
	place: string | null
): void {
	const left = MARGINS.left;
	const top = MARGINS.top;
	const leftWidth = contentWidth(doc) * 0.42;
	const rightX = left + leftWidth + 6;
	const rightWidth = contentWidth(doc) - leftWidth - 6;

	doc.fillColor('#000000');
	if (round.notice_superior) {
		doc.font('regular').fontSize(11);
		doc.text(round.notice_superior.toLocaleUpperCase('vi'), left, top, {
			width: leftWidth,
			align: 'center',
			height: doc.currentLineHeight(true) * 2,
			ellipsis: true
		});
	}
	doc.font('bold').fontSize(11);
	doc.text(organizerLine(contest.title), left, round.notice_superior ? doc.y : top, {
		width: leftWidth,
		align: 'center',
		// a long title stays short: at most four lines
		height: doc.currentLineHeight(true) * 4,
		ellipsis: true
	});
	const leftRuleY = doc.y + 3;
	rule(doc, left + leftWidth / 2, leftRuleY, leftWidth / 3);

	const country = vi('results.pdf.country');
	doc.font('bold').fontSize(11.5);
	const countrySize = Math.min(11.5, (11.5 * rightWidth) / doc.widthOfString(country));
	doc.fontSize(countrySize).text(country, rightX, top, { width: rightWidth, align: 'center', lineBreak: false });
	const motto = vi('results.pdf.motto');
	doc.fontSize(12);
	const mottoY = top + doc.currentLineHeight(true) + 1;
	doc.text(motto, rightX, mottoY, { width: rightWidth, align: 'center', lineBreak: false });
	const mottoWidth = doc.widthOfString(motto);
	const rightRuleY = mottoY + doc.currentLineHeight(true) + 1;
	rule(doc, rightX + rightWidth / 2, rightRuleY, mottoWidth);

	const lineY = Math.max(leftRuleY, rightRuleY) + 8;
	const number = round.notice_number ? vi('results.pdf.notice_number_of', { number: round.notice_number }) : null;
	doc
		.font('regular')
		.fontSize(BODY)
		.text(number ?? vi('results.pdf.notice_number'), left, lineY, {
			width: leftWidth,
			align: 'center'
		});
	const date = officialDate(computedAt);
	doc
		.font('italic')
		.text(vi('results.pdf.date_line', { place: place ?? vi('results.pdf.no_place'), ...date }), rightX, lineY, {
			width: rightWidth,
			align: 'center'
		});
	doc.x = left;
	doc.y = Math.max(doc.y, lineY + doc.currentLineHeight(true)) + 22;
}

function drawTitle(doc: PdfDoc, round: RoundRow, contest: ContestRow): void {
	const width = contentWidth(doc);
	doc.font('bold').fontSize(14).text(vi('results.pdf.notice'), MARGINS.left, doc.y, { width, align: 'center' });
	doc
		.fontSize(12.5)
		.text(vi('results.pdf.notice_subject', { round: round.name, contest: contest.title }), MARGINS.left + 30, doc.y, {
			width: width - 60,
			align: 'center'
		});
	rule(doc, MARGINS.left + width / 2, doc.y + 4, 90);
	doc.x = MARGINS.left;
	doc.y += 18;
}

function paragraph(doc: PdfDoc, text: string): void {
	doc
		.font('regular')
		.fontSize(BODY)
		.text(text, MARGINS.left, doc.y, {
			width: contentWidth(doc),
			align: 'justify',
			indent: 28,
			lineGap: 2,
			paragraphGap: 5
		});
}

function heading(doc: PdfDoc, text: string, size = BODY, font: 'bold' | 'semibold' = 'bold'): void {
	doc
		.font(font)
		.fontSize(size)
		.text(text, MARGINS.left, doc.y, { width: contentWidth(doc), paragraphGap: 4 });
}

function drawBody(doc: PdfDoc, round: RoundRow, contest: ContestRow, awards: RoundAwards): void {
	paragraph(
		doc,
		vi('results.pdf.intro', {
			contest: contest.title,
			round: round.name,
			from: formatDateTime(round.opens_at),
			to: formatDateTime(round.closes_at)
		})
	);
	paragraph(
		doc,
		vi('results.pdf.facts', {
			participants: formatNumber(awards.close.participants),
			question: round.prediction_question,
			actual: formatNumber(awards.close.actualValue),
			computed: formatDateTime(awards.close.computedAt)
		})
	);
	doc.moveDown(0.4);
}

function drawIndividualPrizes(doc: PdfDoc, awards: RoundAwards): void {
	ensureSpace(doc, 40 + tableStartHeight(doc));
	heading(doc, vi('results.pdf.individual'));
	awards.groups.forEach((group, i) => {
		ensureSpace(doc, 20 + tableStartHeight(doc));
		heading(doc, vi('results.pdf.group', { n: i + 1, group: group.name }), BODY - 0.5, 'semibold');
		if (group.winners.length === 0) {
			doc
				.font('italic')
				.fontSize(BODY - 0.5)
				.text(vi('results.no_winners'), { paragraphGap: 8 });
			return;
		}
		drawTable(
			doc,
			[
				{ header: vi('results.col_no'), share: 6, align: 'center' },
				{ header: vi('results.col_name'), share: 25 },
				{ header: vi('results.col_unit'), share: 26 },
				{ header: vi('results.col_prize'), share: 21 },
				{ header: vi('results.col_score'), share: 9, align: 'center' },
				{ header: vi('results.col_duration'), share: 12, align: 'center' }
			],
			group.winners.map((w, n) => [
				String(n + 1),
				w.fullName,
				w.unitName,
				vi(`results.prize.${w.prize}`),
				`${w.score}/${w.maxScore}`,
				durationText(w.durationMs, 'vi')
			])
		);
		doc.moveDown(0.8);
	});
}

function drawCollectivePrizes(doc: PdfDoc, round: RoundRow, awards: RoundAwards): void {
	ensureSpace(doc, 60 + tableStartHeight(doc));
	heading(doc, vi('results.pdf.collective'));
	const basis = collectiveRuleOf(round);
	const minimum = basis.minRate > 0 ? ` ${vi('results.min_rate', { rate: formatRate(basis.minRate) })}` : '';
	paragraph(doc, vi(`results.collective_by.${basis.by}`) + minimum);
	if (awards.collective.length === 0) {
		doc
			.font('italic')
			.fontSize(BODY - 0.5)
			.text(vi('results.no_collective'), { paragraphGap: 8 });
		return;
	}
	drawTable(
		doc,
		[
			{ header: vi('results.col_no'), share: 6, align: 'center' },
			{ header: vi('results.col_unit'), share: 40 },
			{ header: vi('results.col_prize'), share: 18 },
			{ header: vi('results.col_participants'), share: 18, align: 'center' },
			{ header: vi('results.col_rate'), share: 18, align: 'center' }
		],
		awards.collective.map((u, n) => [
			String(n + 1),
			u.unitName,
			vi(`results.prize.${u.tier}`),
			u.headcount > 0 ? `${formatNumber(u.participants)}/${formatNumber(u.headcount)}` : formatNumber(u.participants),
			formatRate(u.rate)
		])
	);
	doc.moveDown(0.8);
}

/** Closing line, then recipients (left) and the organizers' signature block (right), kept together. */
function drawSignature(doc: PdfDoc, round: RoundRow): void {
	// the closing sentence travels with the signature block to a new page if need be
	ensureSpace(doc, 185);
	paragraph(doc, vi('results.pdf.closing'));
	const y = doc.y + 8;
	const width = contentWidth(doc);
	const leftWidth = width * 0.45;
	doc.font('boldItalic').fontSize(10.5).text(vi('results.pdf.recipients'), MARGINS.left, y, { width: leftWidth });
	doc.font('regular').fontSize(9.5).text(vi('results.pdf.recipients_list'), { width: leftWidth });
	drawSignatureBlock(doc, { x: MARGINS.left + width * 0.48, y, width: width * 0.52 }, signerOf(round), BODY);
	doc.x = MARGINS.left;
}
