import { z } from 'zod';
import { nameText } from './text';

// The fair-play review's forms (studio): a decision on a flagged attempt, and the round's floor.

export const reviewDecisionSchema = z.object({
	attemptId: z.string().min(1).max(64),
	decision: z.enum(['cleared', 'disqualified']),
	// one line of free text: the reason shown to a disqualified contestant, or why it was cleared
	note: nameText({ min: 3, max: 300, message: 'fairplay.error.note' })
});

/** Seconds per question, blank for the round's own default. */
export const fastFloorSchema = z.object({
	floorSeconds: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : Number(v.replace(',', '.'))))
		.refine((v) => v === null || (Number.isFinite(v) && v >= 0.5 && v <= 600), { message: 'fairplay.error.floor' })
});

export const SIGNAL_VALUES = ['too_fast', 'shared_device', 'shared_address', 'copying', 'focus_loss'] as const;
export const signalFilterSchema = z.enum(SIGNAL_VALUES).nullable().catch(null);
