import { randomBytes } from 'node:crypto';
import type { DrawnItem } from '../../domain/draw';
import { keyLines } from '../../domain/attempt-answers';
import { isTypedType, settingsFromJson, type QuestionSettings } from '../../domain/question-kinds';
import type { OptionDef, QuestionType } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { drawForAttempt } from '../attempts/draw.service';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { picturesAsPng, type ExportPicture } from '../media/media.service';
import { listVersionContents } from '../questions/question.repository';
import {
	contentWidth,
	createPdf,
	drawTable,
	ensureSpace,
	finishPdf,
	numberPages,
	type PdfDoc
} from '../results/pdf-document';
import type { Actor } from './contest-access';
import { findContestById, findRound, listGroups } from './contest.repository';

// A printable question paper of one round (issue 15): one draw from the round's blueprint, made
// by the attempts' own draw (drawForAttempt) with a seed printed on the paper, so the same code
// prints the same paper while the bank is unchanged. Questions numbered, options A, B, C, D in the
// drawn order; the key on its own last page, for the organizers. Always in Vietnamese: it is
// handed to contestants in a hall.

const vi = (key: MessageKey, params?: Record<string, string | number>): string => translate('vi', key, params);

/** A4 portrait: 20 mm top and bottom, 25 mm left, 20 mm right. */
const MARGINS = { top: 57, bottom: 57, left: 71, right: 57 };
const BODY = 11;
/** An option's picture is drawn at most this wide, indented under its letter. */
const OPTION_IMAGE_WIDTH = 160;
const OPTION_IMAGE_HEIGHT = 120;
/** pixels as points at 96 dpi: a small picture is never enlarged beyond its size on screen */
const PT_PER_PX = 0.75;
const LETTERS = 'ABCDEFGHIJKLMNOP';

/** A picture as the paper prints it: its PNG, or null when it cannot be read (its description is printed). */
export interface PaperImage {
	alt: string;
	picture: ExportPicture | null;
}

export interface PaperQuestion {
	position: number;
	type: string;
	text: string;
	/** in the order printed, lettered A, B, C… (none for typed kinds: a line to write on) */
	options: OptionDef[];
	/** what the kind holds beyond its options (numeric's answer for the key) */
	settings?: QuestionSettings | null;
	/** ordering: the authored order (the key), by option key */
	rightOrder?: string[];
	/** typed kinds: the authored options (short_text's accepted answers), for the key page only */
	keyOptions?: OptionDef[];
	/** the question's picture, and its options' by option key */
	image?: PaperImage | null;
	optionImages?: Map<string, PaperImage>;
}

/** A new paper code: ten characters, upper case, easy to read back from paper. */
export function newPaperSeed(): string {
	return randomBytes(5).toString('hex').toUpperCase();
}

export type PaperResult =
	{ ok: true; pdf: Buffer; fileName: string } | { ok: false; reason: 'not_found' | 'no_questions' };

/**
 * The paper of `seed` for one group of a round, recorded on the audit log (it holds the key).
 * The caller has checked the actor manages the contest.
 */
export async function renderQuestionPaper(
	ctx: AppContext,
	actor: Actor,
	target: { contestId: string; roundId: string; groupId: string; seed: string }
): Promise<PaperResult> {
	const { db } = ctx;
	const [contest, round, groups] = await Promise.all([
		findContestById(db, target.contestId),
		findRound(db, target.roundId),
		listGroups(db, target.contestId)
	]);
	const group = groups.find((g) => g.id === target.groupId);
	if (!contest || !round || round.contest_id !== contest.id || !group) return { ok: false, reason: 'not_found' };
	const drawn = await drawForAttempt(db, round.id, group.id, target.seed);
	if (!drawn) return { ok: false, reason: 'no_questions' };
	const questions = await paperQuestions(ctx, drawn);
	const now = ctx.clock.now();

	const doc = createPdf({
		layout: 'portrait',
		margins: MARGINS,
		title: vi('season.pdf.title', { round: round.name, contest: contest.title }),
		subject: vi('season.pdf.subject', { seed: target.seed }),
		createdAt: now
	});
	const heading = {
		contest: contest.title,
		round: round.name,
		group: group.name,
		seed: target.seed,
		minutes: Math.round(round.time_limit_ms / 60_000)
	};
	drawPaperHeading(doc, heading, questions.length);
	for (const question of questions) drawQuestion(doc, question);
	doc.moveDown(0.8).font('italic').fontSize(BODY).text(vi('season.pdf.end'), { align: 'center' });
	drawKey(doc, heading, questions);
	numberPages(doc);
	const pdf = await finishPdf(doc);

	await recordAudit(
		db,
		{
			actorId: actor.id,
			action: 'round.paper',
			entity: 'round',
			entityId: round.id,
			summary: `Tải đề thi giấy đợt "${round.name}" (${group.name}), mã đề ${target.seed}`,
			detail: { groupId: group.id, seed: target.seed, questions: questions.length }
		},
		now
	);
	return { ok: true, pdf, fileName: `de-thi-dot-${round.ordinal}-${target.seed}.pdf` };
}

/** The drawn items with their texts and pictures, options in the drawn order (two queries in all). */
async function paperQuestions(ctx: AppContext, drawn: DrawnItem[]): Promise<PaperQuestion[]> {
	const rows = await listVersionContents(
		ctx.db,
		drawn.map((d) => d.versionId)
	);
	const versions = new Map(rows.map((v) => [v.id, { ...v, options: JSON.parse(v.options_json) as OptionDef[] }]));
	const pictures = await picturesAsPng(
		ctx.db,
		[...versions.values()].flatMap((v) => [
			...(v.image_media_id ? [v.image_media_id] : []),
			...v.options.flatMap((o) => (o.image ? [o.image.media] : []))
		])
	);
	const imageOf = (media: string | null | undefined, alt: string | null | undefined): PaperImage | null =>
		media ? { alt: alt ?? '', picture: pictures.get(media) ?? null } : null;
	return drawn.map((item) => {
		const version = versions.get(item.versionId);
		const options = new Map((version?.options ?? []).map((o) => [o.key, o]));
		const optionImages = new Map<string, PaperImage>();
		for (const o of options.values()) {
			const image = imageOf(o.image?.media, o.image?.alt);
			if (image) optionImages.set(o.key, image);
		}
		const typed = isTypedType((version?.type ?? 'single') as QuestionType);
		return {
			position: item.position,
			type: version?.type ?? 'single',
			text: version?.text ?? '',
			options: typed ? [] : item.optionKeys.flatMap((key) => options.get(key) ?? []),
			settings: settingsFromJson(version?.settings_json),
			rightOrder: (version?.options ?? []).map((o) => o.key),
			...(typed ? { keyOptions: version?.options ?? [] } : {}),
			image: imageOf(version?.image_media_id, version?.image_alt),
			optionImages
		};
	});
}

interface PaperHeading {
	contest: string;
	round: string;
	group: string;
	seed: string;
	minutes: number;
}

function drawPaperHeading(doc: PdfDoc, h: PaperHeading, count: number): void {
	const width = contentWidth(doc);
	const left = MARGINS.left;
	doc.fillColor('#000000').font('bold').fontSize(12).text(h.contest.toUpperCase(), left, MARGINS.top, {
		width,
		align: 'center'
	});
	doc.font('semibold').fontSize(12).text(h.round, { width, align: 'center' });
	doc.moveDown(0.5).font('bold').fontSize(16).text(vi('season.pdf.heading'), { width, align: 'center' });
	doc
		.font('regular')
		.fontSize(BODY)
		.text(
			[
				vi('season.pdf.group', { group: h.group }),
				vi('season.pdf.code', { seed: h.seed }),
				vi('season.pdf.time', { minutes: h.minutes }),
				vi('season.pdf.count', { n: count })
			].join('   ·   '),
			{ width, align: 'center' }
		);
	doc.moveDown(0.8).text(vi('season.pdf.name_line'), left).moveDown(0.3).text(vi('season.pdf.unit_line'), left);
	doc.moveDown(1);
}

function drawQuestion(doc: PdfDoc, q: PaperQuestion): void {
	const left = MARGINS.left;
	const width = contentWidth(doc);
	doc.font('regular').fontSize(BODY);
	// keep a question's first lines, its picture and its first options (or the first's picture) on one page
	const picture = q.image?.picture ? questionPictureSize(doc, q.image.picture).height + 6 : 0;
	const firstPicture = q.options[0] && q.optionImages?.get(q.options[0].key)?.picture;
	const firstOptions = firstPicture
		? 16 + fitPicture(firstPicture, OPTION_IMAGE_WIDTH, OPTION_IMAGE_HEIGHT).height + 6
		: Math.min(q.options.length, 2) * 16;
	ensureSpace(doc, doc.heightOfString(q.text, { width }) + picture + firstOptions + 8);
	doc
		.font('bold')
		.text(`${vi('season.pdf.question', { n: q.position })} `, left, doc.y, { width, continued: true })
		.font('regular')
		.text(q.text);
	if (q.type === 'multiple') doc.font('italic').text(vi('season.pdf.choose_many'), left, doc.y, { width });
	if (q.type === 'ordering') doc.font('italic').text(vi('kinds.pdf_order_hint'), left, doc.y, { width });
	if (q.image) drawQuestionImage(doc, q.image);
	doc.font('regular').fontSize(BODY);
	q.options.forEach((option, i) => {
		const image = q.optionImages?.get(option.key);
		// ordering: a box before each item for the contestant's number
		const mark = q.type === 'ordering' ? `[    ] ${LETTERS[i]}.` : `${LETTERS[i]}.`;
		const line = [mark, option.text, image && !image.picture ? missingPicture(image) : ''].filter(Boolean).join(' ');
		const lineHeight = doc.heightOfString(line, { width: width - 18 });
		const size = image?.picture ? fitPicture(image.picture, OPTION_IMAGE_WIDTH, OPTION_IMAGE_HEIGHT) : null;
		// an option's letter and its picture stay on one page
		ensureSpace(doc, lineHeight + (size ? size.height + 6 : 0));
		doc.text(line, left + 18, doc.y, { width: width - 18 });
		if (image?.picture && size) drawPicture(doc, image, left + 36, size);
	});
	if (isTypedType(q.type as QuestionType)) {
		// a line to write the answer on, the unit after it
		const unit = q.settings?.numeric?.unit ? ` ${q.settings.numeric.unit}` : '';
		ensureSpace(doc, 20);
		doc.moveDown(0.3).text(`${vi('kinds.pdf_answer_line')} ${'.'.repeat(60)}${unit}`, left + 18, doc.y, {
			width: width - 18
		});
	}
	doc.x = left;
	doc.moveDown(0.6);
}

/** The largest size within `maxWidth` × `maxHeight` (points) keeping the aspect ratio, never enlarged. */
function fitPicture(p: ExportPicture, maxWidth: number, maxHeight: number): { width: number; height: number } {
	const scale = Math.min(PT_PER_PX, maxWidth / p.width, maxHeight / p.height);
	return { width: p.width * scale, height: p.height * scale };
}

function missingPicture(image: PaperImage): string {
	return vi('season.pdf.picture_missing', { alt: image.alt });
}

/** Draws a picture at `x` below the cursor (space ensured by the caller), or its description when pdfkit refuses it. */
function drawPicture(doc: PdfDoc, image: PaperImage, x: number, size: { width: number; height: number }): void {
	const top = doc.y + 3;
	try {
		doc.image(image.picture!.png, x, top, size);
		doc.x = MARGINS.left;
		doc.y = top + size.height + 3;
	} catch {
		doc.font('italic').text(missingPicture(image), x, doc.y).font('regular');
	}
}

/** A question's picture fits the content width and a third of the page's height. */
function questionPictureSize(doc: PdfDoc, picture: ExportPicture): { width: number; height: number } {
	return fitPicture(picture, contentWidth(doc), (doc.page.height - MARGINS.top - MARGINS.bottom) / 3);
}

/** A question's picture, centred below its text: within the content width and a third of the page. */
function drawQuestionImage(doc: PdfDoc, image: PaperImage): void {
	const width = contentWidth(doc);
	if (!image.picture) {
		ensureSpace(doc, doc.heightOfString(missingPicture(image), { width }));
		doc.font('italic').text(missingPicture(image), MARGINS.left, doc.y, { width }).font('regular');
		return;
	}
	const size = questionPictureSize(doc, image.picture);
	ensureSpace(doc, size.height + 6);
	drawPicture(doc, image, MARGINS.left + (width - size.width) / 2, size);
}

/**
 * The key of a question as the key page prints it: the letters of its correct options; for
 * ordering the printed letters in the right order ("C – A – B"); for typed kinds the answer
 * written out (the number ± tolerance, the accepted answers).
 */
export function answerLetters(q: PaperQuestion): string {
	if (q.type === 'ordering') {
		const letterOf = new Map(q.options.map((o, i) => [o.key, LETTERS[i]]));
		return (q.rightOrder ?? []).map((key) => letterOf.get(key) ?? '?').join(' – ');
	}
	if (isTypedType(q.type as QuestionType)) {
		return keyLines(q.type as QuestionType, q.keyOptions ?? [], q.settings ?? null).join(' / ');
	}
	return q.options
		.map((o, i) => (o.correct ? LETTERS[i] : ''))
		.filter(Boolean)
		.join(', ');
}

function drawKey(doc: PdfDoc, h: PaperHeading, questions: PaperQuestion[]): void {
	doc.addPage();
	const width = contentWidth(doc);
	doc.font('bold').fontSize(13).text(vi('season.pdf.key_title'), MARGINS.left, MARGINS.top, { width, align: 'center' });
	doc
		.moveDown(0.3)
		.font('italic')
		.fontSize(10)
		.text(vi('season.pdf.key_note', { seed: h.seed, round: h.round, group: h.group }), { width, align: 'center' });
	doc.moveDown(0.8);
	// five pairs of columns a row: a 50-question key fits in ten rows
	const PAIRS = 5;
	const columns = Array.from({ length: PAIRS }, () => [
		{ header: vi('season.pdf.key_question'), share: 1, align: 'center' as const },
		{ header: vi('season.pdf.key_answer'), share: 1.4, align: 'center' as const }
	]).flat();
	const rows: string[][] = [];
	for (let i = 0; i < questions.length; i += PAIRS) {
		rows.push(
			Array.from({ length: PAIRS }, (_, j) => questions[i + j]).flatMap((q) =>
				q ? [String(q.position), answerLetters(q)] : ['', '']
			)
		);
	}
	drawTable(doc, columns, rows, 10);
}
