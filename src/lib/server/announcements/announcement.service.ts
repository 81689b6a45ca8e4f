import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import { findContestById } from '../contests/contest.repository';
import type { AppContext } from '../context';
import { newId } from '../ids';
import { log } from '../logger';
import type { Mailer } from '../mail/mailer';
import { renderMarkdown } from '../markdown';
import {
	findAnnouncement,
	insertAnnouncement,
	listContestAnnouncements,
	listRecipientChunk,
	listUserAnnouncements,
	updateAnnouncementEmail
} from './announcement.repository';

// Announcements (issue 15, "Notify"): an organizer writes a title and a Markdown body; it shows
// on the public contest page and in the accounts of the contest's contestants; with SMTP
// configured it is also e-mailed to the registered contestants who gave an address. Sending runs
// after the request has been answered, in Bcc batches; a batch the server refuses is logged and
// counted, never thrown at the organizer. The caller has checked that the actor manages the contest.

/** Recipients per message (Bcc): SMTP servers commonly accept 50–100 per message. */
export const EMAIL_BATCH = 50;

export interface AnnouncementInput {
	title: string;
	body: string;
	/** e-mail it too (only when a mailer is configured) */
	email: boolean;
}

export interface Published {
	id: string;
	/** settles once every batch has been tried; null when nothing is e-mailed */
	delivery: Promise<void> | null;
}

export async function publishAnnouncement(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	input: AnnouncementInput,
	mailer: Mailer | null
): Promise<Published> {
	const id = newId();
	const emailing = input.email && mailer !== null;
	await ctx.db.transaction().execute(async (trx) => {
		await insertAnnouncement(trx, {
			id,
			contest_id: contestId,
			round_id: null,
			kind: 'manual',
			title: input.title,
			body_md: input.body,
			created_by: actor.id,
			created_at: ctx.clock.now(),
			email_status: emailing ? 'queued' : 'none'
		});
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'announcement.publish',
				entity: 'contest',
				entityId: contestId,
				summary: `Đăng thông báo "${input.title}"${emailing ? ' và gửi thư điện tử' : ''}`,
				detail: { announcementId: id, email: emailing }
			},
			ctx.clock.now()
		);
	});
	if (!emailing) return { id, delivery: null };
	// off the request path: the page answers first, the batches go out after
	const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
		deliverAnnouncement(ctx, mailer, id).catch((error: unknown) =>
			log.error(`Announcement ${id}: e-mail delivery stopped`, error)
		)
	);
	return { id, delivery };
}

/** Sends one announcement to its contest's contestants, batch by batch, counting as it goes. */
export async function deliverAnnouncement(ctx: AppContext, mailer: Mailer, id: string): Promise<void> {
	const announcement = await findAnnouncement(ctx.db, id);
	if (!announcement) return;
	const html = renderMarkdown(announcement.body_md);
	let sent = 0;
	let failed = 0;
	for (let after = ''; ;) {
		const chunk = await listRecipientChunk(ctx.db, announcement.contest_id, after, EMAIL_BATCH);
		if (chunk.length === 0) break;
		const bcc = chunk.map((r) => r.email!);
		try {
			const { rejected } = await mailer.send({ bcc, subject: announcement.title, text: announcement.body_md, html });
			sent += bcc.length - rejected.length;
			failed += rejected.length;
			if (rejected.length > 0) log.warn(`Announcement ${id}: ${rejected.length} recipients refused by the SMTP server`);
		} catch (error) {
			failed += bcc.length;
			log.warn(`Announcement ${id}: a batch of ${bcc.length} e-mails was refused`, String(error));
		}
		await updateAnnouncementEmail(ctx.db, id, { email_status: 'queued', email_sent: sent, email_failed: failed });
		after = chunk[chunk.length - 1].id;
		if (chunk.length < EMAIL_BATCH) break;
	}
	await updateAnnouncementEmail(ctx.db, id, {
		email_status: failed > 0 ? 'failed' : 'sent',
		email_sent: sent,
		email_failed: failed
	});
}

function rendered<T extends { bodyMd: string; createdAt: number | string }>(rows: T[]) {
	return rows.map(({ bodyMd, ...row }) => ({ ...row, createdAt: Number(row.createdAt), html: renderMarkdown(bodyMd) }));
}

/** A contest's announcements, newest first, with their e-mail progress: the studio's list. */
export async function listAnnouncements(ctx: AppContext, contestId: string, limit = 20) {
	return rendered(await listContestAnnouncements(ctx.db, contestId, limit));
}

/** The public contest page's announcements: title, text and date only. */
export async function listPublicAnnouncements(ctx: AppContext, contestId: string, limit = 5) {
	return (await listAnnouncements(ctx, contestId, limit)).map(({ id, title, html, createdAt }) => ({
		id,
		title,
		html,
		createdAt
	}));
}

/** What a contestant's account page shows: the announcements of the contests they registered for. */
export async function listAnnouncementsForUser(ctx: AppContext, userId: string, limit = 10) {
	return rendered(await listUserAnnouncements(ctx.db, userId, limit)).map(
		({ id, title, html, createdAt, contestTitle, contestSlug }) => ({
			id,
			title,
			html,
			createdAt,
			contestTitle,
			contestSlug
		})
	);
}

/** The studio's "Thông báo" page: the contest, whether e-mail is configured, what was published. */
export async function getAnnouncementsPage(ctx: AppContext, contestId: string, emailConfigured: boolean) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	return {
		contest: { id: contest.id, title: contest.title, slug: contest.slug },
		emailConfigured,
		announcements: await listAnnouncements(ctx, contest.id, 50)
	};
}
