import { z } from 'zod';
import { nameText } from './text';

// The round results page's forms (studio): disqualifying an attempt and taking that back.

export const disqualifySchema = z.object({
	attemptId: z.string().min(1).max(64),
	// one line of free text, shown on the results page and written into the exports
	reason: nameText({ min: 3, max: 300, message: 'closing.error.reason' })
});

export const requalifySchema = z.object({ attemptId: z.string().min(1).max(64) });
