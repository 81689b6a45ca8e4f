import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announcementSchema } from '../../src/lib/schemas/people';
import {
	EMAIL_BATCH,
	listAnnouncements,
	listAnnouncementsForUser,
	listPublicAnnouncements,
	publishAnnouncement
} from '../../src/lib/server/announcements/announcement.service';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { announceOpenedRounds } from '../../src/lib/server/announcements/automatic';
import { createMailer, type Mailer } from '../../src/lib/server/mail/mailer';
import { closeRound } from '../../src/lib/server/results/close.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, insertAdminSession, type TestContext } from '../helpers/test-context';

// Announcements (issue 15, "Notify") on a real database, both passes: shown on the contest page
// and in the accounts of the contest's contestants only, the body's HTML sanitized; e-mailed in
// Bcc batches through a real SMTP conversation with smtp-server on a random local port; a server
// that refuses is logged and counted, never thrown at the organizer.

interface Received {
	from: string;
	to: string[];
	body: string;
}

let ctx: TestContext;
let fixture: Fixture;
let organizer: SessionUser;
let smtp: SMTPServer;
let port: number;
let received: Received[];
/** recipients the receiver refuses (RCPT TO answered 550) */
let refuse: Set<string>;
let mailer: Mailer;

function input(values: Record<string, string>) {
	const parsed = announcementSchema.safeParse(values);
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

beforeEach(async () => {
	ctx = await createTestContext();
	const t0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: t0 - MINUTE, closesAt: t0 + 600 * MINUTE });
	organizer = await insertAdminSession(ctx, '0900000111');
	received = [];
	refuse = new Set();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refuse.has(address.address)) callback(new Error('550 mailbox unavailable'));
			else callback();
		},
		onData(stream, session, callback) {
			let body = '';
			stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
			stream.on('end', () => {
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					body
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	port = (smtp.server.address() as AddressInfo).port;
	mailer = createMailer(`smtp://127.0.0.1:${port}`, 'Ban tổ chức <btc@example.vn>');
});

afterEach(async () => {
	mailer.close();
	await new Promise<void>((resolve) => smtp.close(resolve));
	await ctx.dispose();
});

describe('announcements', () => {
	it('show on the contest page and in registered contestants’ accounts, sanitized', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912000001' });
		const other = await createFixtureContest(ctx, { opensAt: ctx.clock.now(), closesAt: ctx.clock.now() + MINUTE });
		const outsider = await createContestant(ctx, other, { phone: '0912000002' });
		const published = await publishAnnouncement(
			ctx,
			organizer,
			fixture.contestId,
			input({ title: 'Mở tuần thi thứ 2', body: 'Tuần thi **thứ 2** đã mở. <script>alert(1)</script>' }),
			null
		);
		expect(published.delivery).toBeNull();
		const shown = await listPublicAnnouncements(ctx, fixture.contestId);
		expect(shown).toHaveLength(1);
		expect(shown[0].html).toContain('<strong>thứ 2</strong>');
		expect(shown[0].html).not.toContain('<script');
		expect(Object.keys(shown[0]).sort()).toEqual(['createdAt', 'html', 'id', 'title']);
		expect((await listAnnouncementsForUser(ctx, userId)).map((a) => a.title)).toEqual(['Mở tuần thi thứ 2']);
		expect(await listAnnouncementsForUser(ctx, outsider)).toEqual([]);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('summary')
			.where('action', '=', 'announcement.publish')
			.execute();
		expect(audit.map((a) => a.summary)).toEqual(['Đăng thông báo "Mở tuần thi thứ 2"']);
	});

	it('refuses an empty title or body with the field’s message', () => {
		const parsed = announcementSchema.safeParse({ title: '  ', body: '' });
		expect(parsed.success).toBe(false);
		const fields = parsed.error!.issues.map((i) => [i.path[0], i.message]);
		expect(fields).toEqual([
			['title', 'error.announcement_title'],
			['body', 'error.announcement_body']
		]);
	});

	it('e-mails registered contestants with an address through SMTP, in Bcc batches', async () => {
		const count = EMAIL_BATCH + 3;
		const addresses: string[] = [];
		for (let i = 0; i < count; i++) {
			const userId = await createContestant(ctx, fixture, { phone: `0913${String(i).padStart(6, '0')}` });
			const email = `thisinh${i}@example.vn`;
			addresses.push(email);
			await ctx.db.updateTable('app_user').set({ email }).where('id', '=', userId).execute();
		}
		const noEmail = await createContestant(ctx, fixture, { phone: '0914000000' });
		await ctx.db.updateTable('app_user').set({ email: null }).where('id', '=', noEmail).execute();

		const published = await publishAnnouncement(
			ctx,
			organizer,
			fixture.contestId,
			input({ title: 'Công bố kết quả tuần 1', body: 'Xem **kết quả** trên trang cuộc thi.', email: 'on' }),
			mailer
		);
		// the organizer is answered before any mail goes out
		expect(received).toHaveLength(0);
		await published.delivery;

		expect(received).toHaveLength(2);
		expect(received.map((m) => m.to.length).sort((a, b) => a - b)).toEqual([4, EMAIL_BATCH + 1]);
		const delivered = received.flatMap((m) => m.to).filter((a) => a !== 'btc@example.vn');
		expect(delivered.sort()).toEqual([...addresses].sort());
		for (const message of received) {
			expect(message.from).toBe('btc@example.vn');
			// Bcc: no recipient's address in the message itself
			expect(message.body).not.toMatch(/thisinh\d+@example\.vn/);
			expect(message.body).toContain('Subject: =?UTF-8?');
		}
		const [row] = await listAnnouncements(ctx, fixture.contestId);
		expect(row).toMatchObject({ emailStatus: 'sent', emailSent: count, emailFailed: 0 });
	});

	it('counts the recipients the SMTP server refuses and sends to the others', async () => {
		for (const [phone, email] of [
			['0913000001', 'an@example.vn'],
			['0913000002', 'hong@example.vn']
		]) {
			const userId = await createContestant(ctx, fixture, { phone });
			await ctx.db.updateTable('app_user').set({ email }).where('id', '=', userId).execute();
		}
		refuse.add('hong@example.vn');
		const published = await publishAnnouncement(
			ctx,
			organizer,
			fixture.contestId,
			input({ title: 'Thông báo', body: 'Nội dung.', email: 'on' }),
			mailer
		);
		await published.delivery;
		expect(received.flatMap((m) => m.to).sort()).toEqual(['an@example.vn', 'btc@example.vn']);
		const [row] = await listAnnouncements(ctx, fixture.contestId);
		expect(row).toMatchObject({ emailStatus: 'failed', emailSent: 1, emailFailed: 1 });
	});

	it('logs and counts a batch the SMTP server refuses, without throwing', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0913000001' });
		await ctx.db.updateTable('app_user').set({ email: 'hong@example.vn' }).where('id', '=', userId).execute();
		refuse.add('hong@example.vn');
		refuse.add('btc@example.vn');
		const published = await publishAnnouncement(
			ctx,
			organizer,
			fixture.contestId,
			input({ title: 'Thông báo', body: 'Nội dung.', email: 'on' }),
			mailer
		);
		await expect(published.delivery).resolves.toBeUndefined();
		const [row] = await listAnnouncements(ctx, fixture.contestId);
		expect(row).toMatchObject({ emailStatus: 'failed', emailSent: 0, emailFailed: 1 });
	});

	it('without a mailer, publishes on the site only', async () => {
		const published = await publishAnnouncement(
			ctx,
			organizer,
			fixture.contestId,
			input({ title: 'Thông báo', body: 'Nội dung.', email: 'on' }),
			null
		);
		expect(published.delivery).toBeNull();
		const [row] = await listAnnouncements(ctx, fixture.contestId);
		expect(row.emailStatus).toBe('none');
	});

	it('are written by the platform once when a round opens and when its results are published', async () => {
		await ctx.db.updateTable('contest').set({ status: 'published' }).where('id', '=', fixture.contestId).execute();
		expect(await announceOpenedRounds(ctx)).toBe(1);
		expect(await announceOpenedRounds(ctx)).toBe(0);
		ctx.clock.advance(601 * MINUTE);
		expect((await closeRound(ctx, fixture.roundId, organizer.id)).ok).toBe(true);
		expect((await closeRound(ctx, fixture.roundId, organizer.id)).ok).toBe(true);
		const shown = await listPublicAnnouncements(ctx, fixture.contestId);
		expect(shown.map((a) => a.title)).toEqual(['Công bố kết quả Tuần thi thứ 1', 'Tuần thi thứ 1 đã mở']);
		expect(shown[0].html).toContain(`href="/cuoc-thi/${fixture.slug}/dot-thi/1/giai-thuong"`);
	});
});
