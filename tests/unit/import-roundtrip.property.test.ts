/**
 * Property-based round trips of the question codecs: any valid question written by an exporter
 * reads back as the same question (GIFT: minus its documented losses). The arbitrary is copied in
 * tests/integration/xlsx-roundtrip.property.test.ts; keep the two in step.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportGift, importGift } from '../../src/lib/domain/import/gift';
import { questionsToRows, rowsToQuestions } from '../../src/lib/domain/import/template';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { cleanText } from '../../src/lib/domain/import/validate';

interface Profile {
	/** Line breaks allowed inside the question text, options, explanation and legal reference. */
	breaks: string[];
	/** Whether a topic may be any text, or only one GIFT can carry (see giftTopic). */
	topic: 'any' | 'gift';
}

/** Spreadsheet rows hold any string: CRLF and CR survive, and so does a line break in a topic. */
const TABLE: Profile = { breaks: ['\n', '\r\n', '\r'], topic: 'any' };
/**
 * GIFT has one line-break escape, '\n': exportGift writes CRLF and CR as it (Moodle drops the
 * '\r'), so only LF breaks round-trip. Topics are constrained as giftTopic explains.
 */
const GIFT: Profile = { breaks: ['\n'], topic: 'gift' };

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
 * - one line only: the category is a single line, and exportGift writes a line break in a topic
 *   raw, which ends the category line and breaks the file;
 * - no leading '/': '$course$/top///a' splits as Moodle splits it, on single slashes only, so
 *   the run '///' does not separate 'top' from '/a';
 * - not a whole '$name$' segment: those are Moodle context markers ('$course$'), which are skipped.
 */
function giftTopic(topic: string): boolean {
	return !/[\r\n]/.test(topic) && !topic.startsWith('/') && !/^\$\w+\$$/.test(topic);
}

/** Two options the validator calls duplicates share this key. */
function optionKey(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ');
}

/** A question every importer accepts as is. */
function questionArb(profile: Profile): fc.Arbitrary<ImportedQuestion> {
	const topicBreaks = profile.topic === 'any' ? profile.breaks : [];
	const topic = optionalArb(topicBreaks).filter((t) => profile.topic === 'any' || giftTopic(t));
	const tag = textArb(profile.breaks, 10)
		.map((t) => cleanText(t.replace(/[,;]/g, ' ')))
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
	return fc.oneof(single, multiple, trueFalse);
}

/** A question with the defaults of every field not under test. */
function question(q: Partial<ImportedQuestion> & Pick<ImportedQuestion, 'type' | 'options'>): ImportedQuestion {
	return { topic: '', text: 'Câu hỏi?', difficulty: 'medium', explanation: '', legalReference: '', tags: [], ...q };
}

function single(...texts: string[]): Pick<ImportedQuestion, 'type' | 'options'> {
	return { type: 'single', options: texts.map((text, i) => ({ text, correct: i === 0 })) };
}

/** What importGift gives back for an exported question: GIFT has no difficulty, legal reference or tags. */
function afterGift(q: ImportedQuestion): ImportedQuestion {
	return { ...q, difficulty: 'medium', legalReference: '', tags: [] };
}

describe('questionsToRows / rowsToQuestions (property)', () => {
	it('reads back every valid question exactly', () => {
		fc.assert(
			fc.property(fc.array(questionArb(TABLE), { minLength: 1, maxLength: 6 }), (questions) => {
				expect(rowsToQuestions(questionsToRows(questions))).toEqual({ ok: true, questions });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('exportGift / importGift (property)', () => {
	/** Counterexamples the property found once; checked on every run. */
	const FOUND: ImportedQuestion[][] = [
		// An option with '->' was taken for a matching question.
		[question(single('->a', 'a'))],
		// An option starting with '%50%' lost it as a weight (wrong option: and became correct).
		[question(single('a', '%50%b'))],
		[question(single('%50%a', 'b'))],
		// A text starting with '//' was read as a comment, one starting with '[html]' lost it as a format.
		[question({ ...single('a', 'b'), text: '// a' })],
		[question({ ...single('a', 'b'), text: '[html]a' })]
	];

	it('reads back every valid question, less difficulty, legal reference and tags', () => {
		fc.assert(
			fc.property(fc.array(questionArb(GIFT), { minLength: 1, maxLength: 6 }), (questions) => {
				expect(importGift(exportGift(questions))).toEqual({ ok: true, questions: questions.map(afterGift) });
			}),
			{ numRuns: 200, examples: FOUND.map((questions) => [questions]) }
		);
	});
});
