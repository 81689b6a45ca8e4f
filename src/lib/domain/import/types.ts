/** The normalized shape every question-bank importer produces, whatever the file format. */
import type { QuestionSettings } from '../question-kinds';
import type { Difficulty, QuestionType } from '../types';

export interface ImportedQuestion {
	/** Topic name as written (trimmed, NFC); '' when the format has none. */
	topic: string;
	type: QuestionType;
	text: string;
	/**
	 * The options in authored order (A..H): 2..8 for choice kinds (a true_false question always has
	 * ['Đúng', 'Sai']) and polls (none correct); ordering's 3..6 items in the right order and
	 * short_text's 1..10 accepted answers, all `correct`; none for numeric and word_cloud.
	 */
	options: { text: string; correct: boolean; image?: ImportedImage }[];
	/** 'medium' when the format has none. */
	difficulty: Difficulty;
	/** '' when none. */
	explanation: string;
	/** '' when none. */
	legalReference: string;
	tags: string[];
	/** the question's picture, when the file carries one */
	image?: ImportedImage;
	/** ordering's scoring, the number and tolerance, text matching (question-kinds.ts); none for choice kinds */
	settings?: QuestionSettings | null;
}

/**
 * A picture an imported question carries: its file's name and alt text, its bytes (base64) as the
 * file holds them until the server has re-encoded and stored them, then the stored file's id.
 */
export interface ImportedImage {
	name: string;
	alt: string;
	/** base64, before the server stores it */
	data?: string;
	/** the stored file's id (its content hash), after */
	media?: string;
	/** where the picture is in the file (row or line), for an issue about it */
	line: number;
}

/**
 * One problem found in an imported file. `line` is the 1-based row (Excel/CSV, the header is
 * row 1) or line (text formats); `message` is the full Vietnamese sentence, place included
 * ("Dòng 12, cột Đáp án: …"), ready to show as is.
 */
export interface ImportIssue {
	line: number;
	column?: string;
	message: string;
	/** Set when the issue is a question of a type the platform does not have: such a question may be skipped on request. */
	unsupported?: { kind: string; name: string };
}

/** All-or-nothing: any issue makes the whole import fail; `questions` then holds the valid ones for preview counts. */
export type ImportResult = (
	{ ok: true; questions: ImportedQuestion[] } | { ok: false; issues: ImportIssue[]; questions: ImportedQuestion[] }
) & {
	/**
	 * What the import left out of questions it kept, for the organizer to know (a Moodle answer
	 * worth part of the points, a unit beside the first): shown in the preview, never refusing the file.
	 */
	notices?: ImportIssue[];
};
