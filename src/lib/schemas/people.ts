import { z } from 'zod';
import { longText, nameText } from './text';

// Forms of the studio's people pages (issue 15): a contestant's unit or group changed with a
// reason, and an announcement to a contest's contestants. Messages are catalogue keys.

export const placementSchema = z.object({
	unitId: z.string().min(1, 'error.registration_unit').max(64, 'error.registration_unit'),
	groupId: z.string().min(1, 'error.registration_group').max(64, 'error.registration_group'),
	reason: longText({ min: 1, max: 1000, message: 'error.invalid', shortMessage: 'error.reason_required' })
});

export const announcementSchema = z.object({
	title: nameText({ min: 1, max: 200, message: 'error.announcement_title' }),
	body: longText({ min: 1, max: 10_000, message: 'error.announcement_body' }),
	email: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on')
});
