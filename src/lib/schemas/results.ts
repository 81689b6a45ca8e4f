import { z } from 'zod';

// The studio's results page of a round (/studio/cuoc-thi/…/dot-thi/…/ket-qua). Messages are catalogue keys.

export const disqualifySchema = z.object({
	attemptId: z.string().min(1).max(64),
	reason: z.string().trim().min(3, 'closing.error.reason').max(300, 'closing.error.reason')
});
export const requalifySchema = z.object({ attemptId: z.string().min(1).max(64) });
