/**
 * The spreadsheet layout shared by the Excel and CSV formats: one question per row, under a
 * header row of Vietnamese column names (matched without regard to case, diacritics or order).
 */
import { parseTypedNumber, type NumericSettings, type QuestionSettings } from '../question-kinds';
import { foldVietnamese } from '../text';
import type { QuestionType } from '../types';
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';
import {
	DIFFICULTY_LABELS,
	FALSE_TEXT,
	OPTION_LETTERS,
	TRUE_TEXT,
	TYPE_LABELS,
	cleanText,
	finalizeQuestion,
	issueAt,
	optionLetter,
	parseDifficulty,
	parseQuestionType,
	parseTruth,
	splitTags,
	toResult,
	formatNumberCell,
	type NumericField,
	type Place,
	type QuestionPlaces
} from './validate';

/**
 * The columns only a numeric question ('Số') fills, after the others so that files made before
 * them still import as they did; each may be left out of a file.
 */
export const NUMERIC_HEADERS = [
	'Sai số cho phép',
	'Đơn vị',
	'Giá trị nhỏ nhất',
	'Giá trị lớn nhất',
	'Bước',
	'Khoảng giảm điểm'
] as const;
type NumericHeader = (typeof NUMERIC_HEADERS)[number];
const NUMERIC_COLUMNS: Record<NumericField, NumericHeader> = {
	tolerance: 'Sai số cho phép',
	unit: 'Đơn vị',
	min: 'Giá trị nhỏ nhất',
	max: 'Giá trị lớn nhất',
	step: 'Bước',
	spread: 'Khoảng giảm điểm'
};

export const TEMPLATE_HEADERS = [
	'Chủ đề',
	'Loại câu hỏi',
	'Câu hỏi',
	'Phương án A',
	'Phương án B',
	'Phương án C',
	'Phương án D',
	'Phương án E',
	'Phương án F',
	'Phương án G',
	'Phương án H',
	'Đáp án',
	'Mức độ',
	'Giải thích',
	'Căn cứ pháp lý',
	'Thẻ'
] as const;
/** Every column the importer reads: the template's, and the numeric ones a file may add. */
const READ_HEADERS = [...TEMPLATE_HEADERS, ...NUMERIC_HEADERS] as const;
export type TemplateHeader = (typeof READ_HEADERS)[number];

const REQUIRED_HEADERS: readonly TemplateHeader[] = ['Câu hỏi', 'Phương án A', 'Phương án B', 'Đáp án'];
const HEADER_BY_KEY = new Map<string, TemplateHeader>(READ_HEADERS.map((h) => [foldVietnamese(h), h]));

const FIELD_COLUMNS: Record<'topic' | 'explanation' | 'legalReference' | 'tags', TemplateHeader> = {
	topic: 'Chủ đề',
	explanation: 'Giải thích',
	legalReference: 'Căn cứ pháp lý',
	tags: 'Thẻ'
};

type ColumnIndex = Map<TemplateHeader, number>;
type Cell = (header: TemplateHeader) => string;
interface RowOutcome {
	question: ImportedQuestion | null;
	issues: ImportIssue[];
}

export interface SheetOptions {
	/**
	 * Whether the cell at a row (1-based) and column (0-based) held a number rather than text: its
	 * string is then JavaScript's ("1.234" is one point two three four), not a number as typed
	 * ("1.234" is a thousand two hundred thirty-four).
	 */
	isNumberCell?: (line: number, column: number) => boolean;
}

/** Rows (the first one is the header) → questions; blank rows are skipped but keep their number. */
export function rowsToQuestions(rows: string[][], options: SheetOptions = {}): ImportResult {
	if (rows.length === 0) return toResult([], [{ line: 1, message: 'Dòng 1: tệp trống, không có dòng tiêu đề' }]);
	const header = readHeader(rows[0]);
	if (header.issues.length > 0) return toResult([], header.issues);
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	for (let i = 1; i < rows.length; i++) {
		const cell = cellReader(rows[i], header.columns);
		if (READ_HEADERS.every((h) => cell(h) === '')) continue;
		const line = i + 1;
		const numberCell = (h: TemplateHeader): boolean => {
			const column = header.columns.get(h);
			return column !== undefined && (options.isNumberCell?.(line, column) ?? false);
		};
		const outcome = rowToQuestion(cell, line, numberCell);
		if (outcome.question) questions.push(outcome.question);
		issues.push(...outcome.issues);
	}
	return toResult(questions, issues);
}

function readHeader(row: string[]): { columns: ColumnIndex; issues: ImportIssue[] } {
	const columns: ColumnIndex = new Map();
	const issues: ImportIssue[] = [];
	row.forEach((raw, index) => {
		const header = HEADER_BY_KEY.get(foldVietnamese(raw));
		if (header === undefined) return; // extra columns (notes, ids) are allowed and ignored
		if (columns.has(header)) issues.push(issueAt({ line: 1, column: header }, 'cột này xuất hiện hai lần'));
		else columns.set(header, index);
	});
	for (const header of REQUIRED_HEADERS) {
		if (columns.has(header)) continue;
		issues.push({ line: 1, column: header, message: `Dòng 1: thiếu cột bắt buộc '${header}'` });
	}
	return { columns, issues };
}

function cellReader(row: string[], columns: ColumnIndex): Cell {
	return (header) => {
		const index = columns.get(header);
		return index === undefined ? '' : cleanText(row[index] ?? '');
	};
}

function rowToQuestion(cell: Cell, line: number, numberCell: (h: TemplateHeader) => boolean): RowOutcome {
	const at = (column: string): Place => ({ line, column });
	const places: QuestionPlaces = {
		text: at('Câu hỏi'),
		answer: at('Đáp án'),
		option: (i) => at(`Phương án ${optionLetter(i)}`),
		field: (name) => at(FIELD_COLUMNS[name]),
		setting: (name) => at(NUMERIC_COLUMNS[name])
	};
	const head: ImportIssue[] = [];
	const typeCell = cell('Loại câu hỏi');
	const declared = typeCell === '' ? null : parseQuestionType(typeCell);
	if (typeCell !== '' && declared === null) {
		head.push(issueAt(at('Loại câu hỏi'), `'${typeCell}' không phải là loại câu hỏi hợp lệ (${typeLabelList()})`));
	}
	// (a row whose type is unreadable is told so once, not once more per numeric cell)
	if (declared !== 'numeric' && head.length === 0) {
		for (const h of NUMERIC_HEADERS) {
			if (cell(h) === '') continue;
			head.push(issueAt(at(h), `cột này chỉ dùng cho câu '${TYPE_LABELS.numeric}'; hãy để trống`));
		}
	}
	if (declared && !['single', 'multiple', 'true_false'].includes(declared)) {
		return kindRow(cell, declared, places, head, numberCell);
	}
	let optionTexts = readOptionCells(cell);
	// A true/false row may leave the option cells empty: they can only be 'Đúng' and 'Sai'.
	if (declared === 'true_false' && optionTexts.length === 0) optionTexts = [TRUE_TEXT, FALSE_TEXT];
	const answers = readAnswers(cell('Đáp án'), optionTexts, places.answer);
	const difficultyCell = cell('Mức độ');
	const difficulty = difficultyCell === '' ? 'medium' : parseDifficulty(difficultyCell);
	const tail = [...answers.issues];
	if (difficulty === null) {
		tail.push(issueAt(at('Mức độ'), `'${difficultyCell}' không phải là mức độ hợp lệ (${difficultyLabelList()})`));
	}
	const draft: ImportedQuestion = {
		topic: cell('Chủ đề'),
		type: declared ?? inferType(optionTexts, answers.correct.size),
		text: cell('Câu hỏi'),
		options: optionTexts.map((text, i) => ({ text, correct: answers.correct.has(i) })),
		difficulty: difficulty ?? 'medium',
		explanation: cell('Giải thích'),
		legalReference: cell('Căn cứ pháp lý'),
		tags: splitTags(cell('Thẻ'))
	};
	const checked = finalizeQuestion(draft, places, { checkAnswers: answers.issues.length === 0 });
	const issues = [...head, ...checked.issues, ...tail];
	return { question: issues.length === 0 ? checked.question : null, issues };
}

/** What a row of a kind beyond choices holds in the 'Đáp án' column and the numeric columns. */
function kindRow(
	cell: Cell,
	type: QuestionType,
	places: QuestionPlaces,
	head: ImportIssue[],
	numberCell: (h: TemplateHeader) => boolean
): RowOutcome {
	const optionTexts = readOptionCells(cell);
	const answerCell = cell('Đáp án');
	const tail: ImportIssue[] = [];
	const difficultyCell = cell('Mức độ');
	const difficulty = difficultyCell === '' ? 'medium' : parseDifficulty(difficultyCell);
	if (difficulty === null) {
		const place = { line: places.text.line, column: 'Mức độ' };
		tail.push(issueAt(place, `'${difficultyCell}' không phải là mức độ hợp lệ (${difficultyLabelList()})`));
	}
	const label = TYPE_LABELS[type];
	let settings: QuestionSettings | null = null;
	if (type === 'ordering') {
		const scoring = parseOrderScoring(answerCell);
		if (scoring === null) {
			const detail = `câu '${label}' ghi các mục theo đúng thứ tự ở các cột Phương án A, B, C…; cột Đáp án để trống (đúng cả thứ tự mới được điểm) hoặc ghi '${PAIRS_LABEL}' (điểm theo từng cặp liền nhau đúng thứ tự), không ghi '${answerCell}'`;
			tail.push(issueAt(places.answer, detail));
		} else settings = { ordering: { scoring } };
	} else if (type === 'short_text') {
		const text = parseTextFlags(answerCell);
		if ('unknown' in text) {
			const detail = `câu '${label}' ghi các đáp án được chấp nhận ở các cột Phương án; cột Đáp án để trống hoặc ghi '${NO_DIACRITICS_LABEL}' (chấp nhận cả khi gõ không dấu) và/hoặc '${CASE_LABEL}', không ghi '${text.unknown}'`;
			tail.push(issueAt(places.answer, detail));
		} else settings = { text };
	} else if (type === 'numeric') {
		const numeric = readNumeric(cell, places, numberCell, tail);
		if (numeric) settings = { numeric };
	} else if (answerCell !== '') {
		const detail =
			type === 'poll'
				? `câu '${label}' không có đáp án đúng (chỉ thăm dò ý kiến); hãy để trống cột Đáp án`
				: `câu '${label}' không có đáp án (người chơi tự gõ); hãy để trống cột Đáp án`;
		tail.push(issueAt(places.answer, detail));
	}
	const draft: ImportedQuestion = {
		topic: cell('Chủ đề'),
		type,
		text: cell('Câu hỏi'),
		options: optionTexts.map((text) => ({ text, correct: false })),
		difficulty: difficulty ?? 'medium',
		explanation: cell('Giải thích'),
		legalReference: cell('Căn cứ pháp lý'),
		tags: splitTags(cell('Thẻ')),
		...(settings ? { settings } : {})
	};
	// a numeric row whose number was already reported has no settings: no second issue for it
	if (type === 'numeric' && !settings) return { question: null, issues: [...head, ...tail] };
	const checked = finalizeQuestion(draft, places);
	const issues = [...head, ...checked.issues, ...tail];
	return { question: issues.length === 0 ? checked.question : null, issues };
}

/** Ordering's 'Đáp án' cell: how it is scored. */
export const PAIRS_LABEL = 'Từng cặp';
const ALL_KEYS = new Set(['', 'tat ca', 'ca thu tu', 'toan bo', 'dung ca thu tu']);
const PAIRS_KEYS = new Set(['tung cap', 'theo cap', 'cap']);

function parseOrderScoring(raw: string): 'all' | 'pairs' | null {
	const key = foldVietnamese(raw);
	if (ALL_KEYS.has(key)) return 'all';
	if (PAIRS_KEYS.has(key)) return 'pairs';
	return null;
}

/** short_text's 'Đáp án' cell: how typed answers are compared (question-kinds.ts DEFAULT_TEXT_MATCH when empty). */
export const NO_DIACRITICS_LABEL = 'không dấu';
export const CASE_LABEL = 'phân biệt hoa thường';

function parseTextFlags(raw: string): { ignoreDiacritics: boolean; ignoreCase: boolean } | { unknown: string } {
	const flags = { ignoreDiacritics: false, ignoreCase: true };
	for (const token of raw
		.split(/[,;\n]+/)
		.map((t) => t.trim())
		.filter((t) => t !== '')) {
		const key = foldVietnamese(token);
		if (key === 'khong dau' || key === 'bo qua dau' || key === 'khong can dau') flags.ignoreDiacritics = true;
		else if (key === 'co dau' || key === 'dung dau') flags.ignoreDiacritics = false;
		else if (key === 'phan biet hoa thuong' || key === 'dung hoa thuong') flags.ignoreCase = false;
		else if (key === 'khong phan biet hoa thuong') flags.ignoreCase = true;
		else return { unknown: token };
	}
	return flags;
}

/** The number of a cell: exact when the sheet held a number, else as Vietnamese types it ("12,5", "1.000"). */
function readNumberCell(cell: Cell, header: TemplateHeader, numberCell: (h: TemplateHeader) => boolean): number | null {
	const raw = cell(header);
	if (numberCell(header)) {
		const value = Number(raw);
		return Number.isFinite(value) ? value : null;
	}
	return parseTypedNumber(raw);
}

/** A numeric row's settings, or null with the issues of the cells that are no numbers. */
function readNumeric(
	cell: Cell,
	places: QuestionPlaces,
	numberCell: (h: TemplateHeader) => boolean,
	issues: ImportIssue[]
): NumericSettings | null {
	const label = TYPE_LABELS.numeric;
	const answerCell = cell('Đáp án');
	const answer = readNumberCell(cell, 'Đáp án', numberCell);
	if (answer === null) {
		const given = answerCell === '' ? 'cột này đang trống' : `'${answerCell}' không phải là số`;
		issues.push(issueAt(places.answer, `câu '${label}' cần một số, ví dụ 12,5 hoặc 1.000 (${given})`));
	}
	const optional = (field: NumericField): number | undefined | null => {
		const header = NUMERIC_COLUMNS[field];
		if (cell(header) === '') return undefined;
		const value = readNumberCell(cell, header, numberCell);
		if (value === null) {
			issues.push(issueAt(places.setting!(field), `'${cell(header)}' không phải là số; hãy ghi một số, ví dụ 0,5`));
		}
		return value;
	};
	const tolerance = optional('tolerance');
	const min = optional('min');
	const max = optional('max');
	const step = optional('step');
	const spread = optional('spread');
	if (answer === null || [tolerance, min, max, step, spread].includes(null)) return null;
	const n: NumericSettings = {
		answer,
		tolerance: tolerance ?? 0,
		scoring: spread === undefined ? 'tolerance' : 'distance'
	};
	if (spread !== undefined) n.spread = spread!;
	if (min !== undefined) n.min = min!;
	if (max !== undefined) n.max = max!;
	if (step !== undefined) n.step = step!;
	const unit = cell('Đơn vị');
	if (unit !== '') n.unit = unit;
	return n;
}

/** Option cells A..H up to the last filled one; empty cells before it stay, to be reported. */
function readOptionCells(cell: Cell): string[] {
	const texts = OPTION_LETTERS.map((letter) => cell(`Phương án ${letter}` as TemplateHeader));
	while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
	return texts;
}

/** 'B', 'A,C', 'a; c', 'A C' → option indexes; 'Đúng'/'Sai' also name the option with that text. */
function readAnswers(
	raw: string,
	optionTexts: string[],
	place: Place
): { correct: Set<number>; issues: ImportIssue[] } {
	const correct = new Set<number>();
	const issues: ImportIssue[] = [];
	for (const token of raw.split(/[\s,;]+/).filter((t) => t !== '')) {
		const index = answerIndex(token, optionTexts);
		if (index !== null && index >= 0) correct.add(index);
		else if (index === null) {
			issues.push(issueAt(place, `'${token}' không phải là chữ cái của phương án; hãy ghi đáp án như 'B' hoặc 'A,C'`));
		} else issues.push(issueAt(place, `'${token}' không phải là một phương án của câu hỏi này`));
	}
	return { correct, issues };
}

/** Index of the option a token names; -1 when it names no existing option; null when it is no letter at all. */
function answerIndex(token: string, optionTexts: string[]): number | null {
	if (/^[a-z]$/i.test(token)) {
		const index = token.toUpperCase().charCodeAt(0) - 65;
		return index < optionTexts.length && optionTexts[index] !== '' ? index : -1;
	}
	const truth = parseTruth(token);
	if (truth === null) return null;
	return optionTexts.findIndex((text) => parseTruth(text) === truth);
}

/** Type of a row that leaves 'Loại câu hỏi' empty. */
function inferType(optionTexts: string[], correctCount: number): QuestionType {
	const truths = optionTexts.map(parseTruth);
	if (truths.length === 2 && truths.includes(true) && truths.includes(false)) return 'true_false';
	return correctCount >= 2 ? 'multiple' : 'single';
}

function typeLabelList(): string {
	return Object.values(TYPE_LABELS).join(', ');
}

function difficultyLabelList(): string {
	return Object.values(DIFFICULTY_LABELS).join(', ');
}

/**
 * Questions → rows under the template header, in the labels the importer reads back; the numeric
 * columns only when some question is numeric, the pictures' descriptions only when some question
 * has a picture.
 */
export function questionsToRows(questions: ImportedQuestion[]): string[][] {
	return [exportHeaders(questions), ...questions.map((q) => questionToRow(q, questions))];
}

/** The header row questionsToRows writes for these questions. */
export function exportHeaders(questions: readonly ImportedQuestion[]): string[] {
	return [
		...TEMPLATE_HEADERS,
		...(questions.some((q) => q.type === 'numeric') ? NUMERIC_HEADERS : []),
		...(questions.some((q) => q.image) ? [IMAGE_ALT_HEADER] : [])
	];
}

/**
 * The optional column that describes the picture of a row's question (its alt text). The picture
 * itself is embedded in the sheet, anchored in the question's row.
 */
export const IMAGE_ALT_HEADER = 'Mô tả ảnh';

/** A picture embedded in a worksheet: the row its top-left corner sits in (1-based) and its bytes. */
export interface RowImage {
	row: number;
	name: string;
	/** base64 */
	data: string;
}

/**
 * Gives each question of a checked sheet the picture anchored in its row, described by the row's
 * 'Mô tả ảnh' cell. A picture in a row without a question, a second picture in a row, or a picture
 * without a description is an issue at its row. A result with issues is returned as it is.
 */
export function attachRowImages(rows: string[][], result: ImportResult, images: readonly RowImage[]): ImportResult {
	if (!result.ok || images.length === 0 || rows.length === 0) return result;
	const { columns } = readHeader(rows[0]);
	const altColumn = rows[0].findIndex((h) => foldVietnamese(h) === foldVietnamese(IMAGE_ALT_HEADER));
	// the question of each row, in the order rowsToQuestions made them
	const questionOfRow = new Map<number, number>();
	for (let i = 1; i < rows.length; i++) {
		const cell = cellReader(rows[i], columns);
		if (READ_HEADERS.every((h) => cell(h) === '')) continue;
		questionOfRow.set(i + 1, questionOfRow.size);
	}
	const questions = result.questions.slice();
	const issues: ImportIssue[] = [];
	for (const image of [...images].sort((a, b) => a.row - b.row)) {
		const index = questionOfRow.get(image.row);
		if (index === undefined) {
			issues.push(issueAt({ line: image.row }, `có ảnh '${image.name}' nhưng dòng này không có câu hỏi`));
			continue;
		}
		if (questions[index].image) {
			issues.push(issueAt({ line: image.row }, 'có hai ảnh; mỗi câu hỏi chỉ có một ảnh'));
			continue;
		}
		const alt = altColumn < 0 ? '' : cleanText(rows[image.row - 1][altColumn] ?? '');
		if (alt === '') {
			issues.push(
				issueAt(
					{ line: image.row, column: IMAGE_ALT_HEADER },
					`ảnh của câu hỏi chưa có mô tả; hãy điền cột '${IMAGE_ALT_HEADER}'`
				)
			);
			continue;
		}
		questions[index] = { ...questions[index], image: { name: image.name, alt, data: image.data, line: image.row } };
	}
	return issues.length ? { ok: false, issues, questions } : { ok: true, questions };
}

function questionToRow(q: ImportedQuestion, all: readonly ImportedQuestion[]): string[] {
	const options = OPTION_LETTERS.map((_, i) => q.options[i]?.text ?? '');
	const numeric = q.type === 'numeric' ? q.settings?.numeric : undefined;
	const number = (value: number | undefined): string => (value === undefined ? '' : formatNumberCell(value));
	return [
		q.topic,
		TYPE_LABELS[q.type],
		q.text,
		...options,
		answerCell(q),
		DIFFICULTY_LABELS[q.difficulty],
		q.explanation,
		q.legalReference,
		q.tags.join(', '),
		...(all.some((o) => o.type === 'numeric')
			? [
					// a tolerance of 0 is written, so that the column reads as "exactly"
					number(numeric?.tolerance),
					numeric?.unit ?? '',
					number(numeric?.min),
					number(numeric?.max),
					number(numeric?.step),
					numeric?.scoring === 'distance' ? number(numeric.spread) : ''
				]
			: []),
		...(all.some((o) => o.image) ? [q.image?.alt ?? ''] : [])
	];
}

/** The 'Đáp án' cell of each kind: letters, ordering's scoring, the number, short_text's matching. */
function answerCell(q: ImportedQuestion): string {
	switch (q.type) {
		case 'ordering':
			return q.settings?.ordering?.scoring === 'pairs' ? PAIRS_LABEL : '';
		case 'numeric':
			return q.settings?.numeric ? formatNumberCell(q.settings.numeric.answer) : '';
		case 'short_text': {
			const text = q.settings?.text;
			const flags = [
				...(text?.ignoreDiacritics ? [NO_DIACRITICS_LABEL] : []),
				...(text && !text.ignoreCase ? [CASE_LABEL] : [])
			];
			return flags.join(', ');
		}
		case 'poll':
		case 'word_cloud':
			return '';
		default:
			return q.options.flatMap((o, i) => (o.correct ? [optionLetter(i)] : [])).join(',');
	}
}
