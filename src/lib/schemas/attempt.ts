import { z } from 'zod';
import type { PublicSettings } from '../domain/question-kinds';

// The wire contract of an attempt, shared by the server and the attempt page. Nothing here can
// carry an answer key: options are opaque per-attempt ids with their text.

/** A picture as a page shows it: its URL names its content (a hash), never a question or option. */
export interface PictureView {
	src: string;
	alt: string;
}

export interface AttemptOptionView {
	id: string;
	text: string;
	image?: PictureView;
}

export interface AttemptItemView {
	position: number;
	/** the kinds an online round draws (poll and word cloud are live-only) */
	type: 'single' | 'multiple' | 'true_false' | 'ordering' | 'numeric' | 'short_text';
	text: string;
	/** what the player may see of the kind's settings (a numeric input's bounds and unit), never the key */
	settings?: PublicSettings;
	image?: PictureView;
	/** the question read aloud, a URL */
	audio?: string;
	/** choice kinds: the options; ordering: the items in the order first shown; typed kinds: none */
	options: AttemptOptionView[];
	/**
	 * The stored answer, as last stored by the server: the option ids chosen, every item's id in
	 * the contestant's order (ordering), or the one typed string (numeric, short_text).
	 */
	chosen: string[];
	/** Revision of the stored answer; the client sends a higher one with each change. */
	rev: number;
}

export interface AttemptView {
	id: string;
	status: 'in_progress' | 'finished';
	roundId: string;
	roundName: string;
	contestSlug: string;
	contestTitle: string;
	predictionQuestion: string;
	prediction: number | null;
	/** ms since epoch, server clock */
	startedAt: number;
	/** ms since epoch, server clock */
	deadline: number;
	/** the server's clock when this payload was made, for the client's offset */
	serverNow: number;
	items: AttemptItemView[];
}

/**
 * One answer save. `optionIds` carries the answer as every kind stores it (see AttemptItemView's
 * `chosen`): for numeric and short_text, the typed string (checked per kind by the service:
 * at most TYPED_ANSWER_MAX characters, no control characters).
 */
export const saveAnswerSchema = z.object({
	position: z.number().int().min(1).max(500),
	optionIds: z.array(z.string().min(1).max(400)).max(8),
	rev: z.number().int().min(1).max(1_000_000_000)
});
export type SaveAnswerRequest = z.infer<typeof saveAnswerSchema>;

export const predictionSchema = z.coerce
	.number({ message: 'error.prediction_invalid' })
	.int('error.prediction_invalid')
	.min(0, 'error.prediction_invalid')
	.max(100_000_000, 'error.prediction_invalid');

export const savePredictionSchema = z.object({ prediction: predictionSchema.nullable() });

/** A manual submit carries the prediction; the automatic submit at time-out may have none. */
export const submitSchema = z.object({ prediction: predictionSchema.nullable() });

export type SaveResponse =
	{ ok: true; serverNow: number; rev: number } | { ok: false; reason: string; message: string; serverNow: number };

/** One attempt in a contestant's history, as the result and round pages show it. */
export interface AttemptSummary {
	id: string;
	ordinal: number;
	status: 'in_progress' | 'finished';
	score: number | null;
	maxScore: number;
	durationMs: number | null;
	duration: string | null;
	/** ms since epoch */
	startedAt: number;
	/** ms since epoch */
	submittedAt: number | null;
	finishReason: 'submitted' | 'timeout' | null;
	prediction: number | null;
	isBest: boolean;
	/** the reason an organizer gave for disqualifying the attempt; null when it counts */
	disqualifiedReason: string | null;
}

/**
 * A report of the attempt page's fair-play events (issue 14). The shape only: kinds and positions
 * are checked against the attempt (checkReportedEvents) so a refusal can say which entry is wrong.
 * No client time is taken: the server stamps its own clock on receipt.
 */
export const reportEventsSchema = z.object({
	events: z
		.array(
			z.object({
				kind: z.string().min(1).max(20),
				position: z.number().int().min(-1_000_000).max(1_000_000).nullable().optional()
			})
		)
		.min(1)
		.max(1000)
});
export type ReportEventsRequest = z.infer<typeof reportEventsSchema>;
