/**
 * fast-check arbitraries of valid questions for the codecs' round-trip properties, shared by the
 * unit (rows, GIFT) and integration (whole workbooks) tests.
 */
import fc from 'fast-check';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { cleanText } from '../../src/lib/domain/import/validate';
import type { NumericSettings, QuestionType } from '../../src/lib/domain/question-kinds';

export interface Profile {
	/** The kinds the format carries. */
	kinds: readonly QuestionType[];
	/** Line breaks allowed inside the question text, options, explanation and legal reference. */
	breaks: string[];
	/** Whether a topic may be any text, or only one GIFT can carry (see giftTopic). */
	topic: 'any' | 'gift';
}

/** Spreadsheet rows hold any string: CRLF and CR survive in texts (topics and tags are names: one line). */
export const TABLE: Profile = {
	kinds: ['single', 'multiple', 'true_false', 'ordering', 'numeric', 'short_text', 'poll', 'word_cloud'],
	breaks: ['\n', '\r\n', '\r'],
	topic: 'any'
};
/** Moodle XML: the spreadsheet's texts, every kind but the live-only ones (no Moodle question has them). */
export const MOODLE: Profile = {
	...TABLE,
	kinds: ['single', 'multiple', 'true_false', 'ordering', 'numeric', 'short_text']
};
/**
 * GIFT has one line-break escape, '\n': exportGift writes CRLF and CR as it (Moodle drops the
 * '\r'), so only LF breaks round-trip. Topics are constrained as giftTopic explains.
 */
export const GIFT: Profile = {
	kinds: ['single', 'multiple', 'true_false', 'numeric', 'short_text'],
	breaks: ['\n'],
	topic: 'gift'
};

const LETTERS = ['a', 'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'Đ', 'Ư', 'ế', 'ộ', 'ữ', 'Q', 'x', 'T', '1', '0'];
/** Decomposed (NFD) spellings: the arbitrary stores them NFC, as cleanText does. */
const DECOMPOSED = ['e\u0301', 'o\u0302\u0303', 'u\u031b\u0300'];
const MARKS = [' ', '  ', '\t', '"', "'", ',', ';', ':', '.', '?', '{', '}', '=', '~', '#', '\\', '/', '%', '-'];
const MORE_MARKS = ['>', '[', ']', '$', '_', '*', '&', '<'];
/** Pieces the formats give a meaning to, so that the properties meet them often. */
const TRAPS = ['//', '->', '%50%', '%-100%', '[html]', '[Plain]', '::', '####', '\\n', '_x0041_', '_x000D_', 'TRUE'];

const BASE_UNITS = [...LETTERS, ...DECOMPOSED, ...MARKS, ...MORE_MARKS, ...TRAPS];

/** NFC, trimmed, non-empty text of at most `max` units. */
function textArb(breaks: string[], max = 24): fc.Arbitrary<string> {
	const unit = fc.oneof(
		{ weight: 8, arbitrary: fc.constantFrom(...BASE_UNITS) },
		{ weight: breaks.length > 0 ? 1 : 0, arbitrary: fc.constantFrom(...breaks, ' ') }
	);
	return fc
		.string({ unit, minLength: 1, maxLength: max })
		.map(cleanText)
		.filter((s) => s !== '');
}

/** '' or a text. */
function optionalArb(breaks: string[]): fc.Arbitrary<string> {
	return fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: textArb(breaks) });
}

/**
 * What GIFT can carry in '$CATEGORY: $course$/top/<topic>' (the topic's '/' doubled, as Moodle does):
 * - one line only: the category is a single line, so exportGift turns a line break in a topic
 *   into a space (the file imports, the topic comes back changed);
 * - no leading '/': '$course$/top///a' splits as Moodle splits it, on single slashes only, so
 *   the run '///' does not separate 'top' from '/a';
 * - not a whole '$name$' segment: those are Moodle context markers ('$course$'), which are skipped.
 */
function giftTopic(topic: string): boolean {
	return !/[\r\n]/.test(topic) && !topic.startsWith('/') && !/^\$\w+\$$/.test(topic);
}

/** A name as the importers accept it: tabs (and any break) made spaces. */
function oneLine(text: string): string {
	return cleanText(text.replace(/[\t\r\n]+/g, ' '));
}

/** Two options the validator calls duplicates share this key. */
function optionKey(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ');
}

/** A question every importer accepts as is. */
export function questionArb(profile: Profile): fc.Arbitrary<ImportedQuestion> {
	// Topics and tags are names: one line, no tab (the importers refuse control characters in them).
	const topic = optionalArb([])
		.map(oneLine)
		.filter((t) => profile.topic === 'any' || giftTopic(t));
	const tag = textArb([], 10)
		.map((t) => oneLine(t.replace(/[,;]/g, ' ')))
		.filter((t) => t !== '');
	const common = {
		topic,
		text: textArb(profile.breaks, 40),
		difficulty: fc.constantFrom('easy' as const, 'medium' as const, 'hard' as const),
		explanation: optionalArb(profile.breaks),
		legalReference: optionalArb(profile.breaks),
		// splitTags drops repeated tags, so a valid list has none.
		tags: fc.uniqueArray(tag, { maxLength: 3 })
	};
	const texts = fc.uniqueArray(textArb(profile.breaks), { minLength: 2, maxLength: 8, selector: optionKey });
	const single = fc.record({
		...common,
		type: fc.constant('single' as const),
		options: texts.chain((ts) =>
			fc.nat({ max: ts.length - 1 }).map((right) => ts.map((text, i) => ({ text, correct: i === right })))
		)
	});
	const multiple = fc.record({
		...common,
		type: fc.constant('multiple' as const),
		options: texts.chain((ts) =>
			fc
				.shuffledSubarray([...ts.keys()], { minLength: 2 })
				.map((right) => ts.map((text, i) => ({ text, correct: right.includes(i) })))
		)
	});
	const trueFalse = fc.record({
		...common,
		type: fc.constant('true_false' as const),
		options: fc.boolean().map((truth) => [
			{ text: 'Đúng', correct: truth },
			{ text: 'Sai', correct: !truth }
		])
	});
	const ordering = fc.record({
		...common,
		type: fc.constant('ordering' as const),
		options: fc
			.uniqueArray(textArb(profile.breaks), { minLength: 3, maxLength: 6, selector: optionKey })
			.map((ts) => ts.map((text) => ({ text, correct: true }))),
		settings: fc.constantFrom('all' as const, 'pairs' as const).map((scoring) => ({ ordering: { scoring } }))
	});
	const numeric = fc.record({
		...common,
		type: fc.constant('numeric' as const),
		options: fc.constant([] as ImportedQuestion['options']),
		settings: numericArb(profile).map((n) => ({ numeric: n }))
	});
	// A typed answer: at most 80 characters; in GIFT no '->' (an answer list without '~' holding one is matching).
	const typed = textArb(profile.breaks).filter(
		(t) => t.length <= 80 && (profile.topic !== 'gift' || !t.includes('->'))
	);
	const shortText = fc.record({
		...common,
		type: fc.constant('short_text' as const),
		options: fc
			.uniqueArray(typed, { minLength: 1, maxLength: 8, selector: optionKey })
			.map((ts) => ts.map((text) => ({ text, correct: true }))),
		settings: fc.record({ ignoreDiacritics: fc.boolean(), ignoreCase: fc.boolean() }).map((text) => ({ text }))
	});
	const poll = fc.record({
		...common,
		type: fc.constant('poll' as const),
		options: texts.map((ts) => ts.map((text) => ({ text, correct: false })))
	});
	const wordCloud = fc.record({
		...common,
		type: fc.constant('word_cloud' as const),
		options: fc.constant([] as ImportedQuestion['options'])
	});
	const byKind: Record<QuestionType, fc.Arbitrary<ImportedQuestion>> = {
		single,
		multiple,
		true_false: trueFalse,
		ordering,
		numeric,
		short_text: shortText,
		poll,
		word_cloud: wordCloud
	};
	return fc.oneof(...profile.kinds.map((k) => byKind[k]));
}

/** A number as organizers write them: up to three decimals, within ±10 million. */
const decimalArb = (min: number, max: number): fc.Arbitrary<number> =>
	fc.integer({ min: min * 1000, max: max * 1000 }).map((n) => n / 1000);

/**
 * Valid numeric settings: a tolerance, and in the spreadsheet (which has a column for each) a unit,
 * bounds around the answer, a step and distance scoring; GIFT keeps the answer and tolerance only.
 */
function numericArb(profile: Profile): fc.Arbitrary<NumericSettings> {
	const answer = decimalArb(-10_000_000, 10_000_000);
	const tolerance = fc.oneof(fc.constant(0), decimalArb(0, 1000));
	if (profile.topic === 'gift') return fc.record({ answer, tolerance, scoring: fc.constant('tolerance' as const) });
	const unit = textArb([], 6)
		.map(oneLine)
		.filter((u) => u !== '' && u.length <= 20);
	return fc
		.record({
			answer,
			tolerance,
			below: fc.option(decimalArb(0, 1000), { nil: undefined }),
			above: fc.option(decimalArb(0, 1000), { nil: undefined }),
			step: fc.option(
				decimalArb(0, 100).filter((s) => s > 0),
				{ nil: undefined }
			),
			spread: fc.option(
				decimalArb(0, 1000).filter((s) => s > 0),
				{ nil: undefined }
			),
			unit: fc.option(unit, { nil: undefined })
		})
		.map(({ answer, tolerance, below, above, step, spread, unit }) => {
			const n: NumericSettings = { answer, tolerance, scoring: spread === undefined ? 'tolerance' : 'distance' };
			if (spread !== undefined) n.spread = spread;
			// bounds strictly apart, the answer between them (a number parsed back exactly)
			if (below !== undefined) n.min = Number((answer - below - 1).toFixed(3));
			if (above !== undefined) n.max = Number((answer + above + 1).toFixed(3));
			if (step !== undefined) n.step = step;
			if (unit !== undefined) n.unit = unit;
			return n;
		});
}
