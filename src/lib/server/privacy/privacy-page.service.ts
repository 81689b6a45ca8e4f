import { FAIR_PLAY_SIGNALS } from '../../domain/fair-play-signals';
import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import { registrationFieldsOf } from '../contests/contest-page.service';
import type { AppContext } from '../context';
import { findContestById } from '../contests/contest.repository';
import type { ContestRow } from '../db/schema';
import { listContestRequests } from './data-request.service';
import { getRetentionState } from './purge.service';

// The contest's privacy page (public): generated from what the contest is configured to collect,
// the fair-play signals, its retention period and its contact. Nothing about any person.

export async function getPrivacyPage(ctx: AppContext, contest: ContestRow) {
	const retention = await getRetentionState(ctx, contest.id);
	return {
		contest: { title: contest.title, slug: contest.slug },
		fields: registrationFieldsOf(contest),
		signals: FAIR_PLAY_SIGNALS.map((s) => ({ labelKey: s.label, descriptionKey: s.description })),
		retentionDays: contest.retention_days,
		retentionEndsAt: retention?.endsAt ?? null,
		purgedAt: retention?.purgedAt ?? null,
		contact: contest.privacy_contact
	};
}

/** The retention period and the privacy contact, from the studio's "Dữ liệu cá nhân" page. */
export async function setRetentionSettings(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	settings: { retentionDays: number; privacyContact: string | null }
): Promise<void> {
	const now = ctx.clock.now();
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('contest')
			.set({ retention_days: settings.retentionDays, privacy_contact: settings.privacyContact })
			.where('id', '=', contestId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'contest.retention',
				entity: 'contest',
				entityId: contestId,
				summary: `Thời hạn lưu trữ dữ liệu cá nhân: ${settings.retentionDays} ngày`,
				detail: settings
			},
			now
		);
	});
}

/** The studio's "Dữ liệu cá nhân" page of a contest: retention, contact and deletion requests. */
export async function getStudioPrivacyPage(ctx: AppContext, contestId: string) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const [retention, requests] = await Promise.all([
		getRetentionState(ctx, contest.id),
		listContestRequests(ctx, contest.id)
	]);
	return {
		contest: { id: contest.id, title: contest.title, slug: contest.slug, contact: contest.privacy_contact ?? '' },
		retention: retention!,
		requests
	};
}
