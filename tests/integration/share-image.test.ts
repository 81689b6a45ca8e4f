import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findContestById, listRounds } from '../../src/lib/server/contests/contest.repository';
import { getContestPage } from '../../src/lib/server/contests/contest-page.service';
import { closeRound } from '../../src/lib/server/results/close.service';
import { cardKey } from '../../src/lib/server/share/share-card';
import {
	clearShareImages,
	drawShareImage,
	findContestShareCard,
	findGameShareCard,
	findLeaderboardShareCard,
	findRoundShareCard,
	findWinnersShareCard
} from '../../src/lib/server/share/share-image.service';
import { cardLayout, layoutTexts } from '../../src/lib/server/share/share-layout';
import { contestShareMeta } from '../../src/lib/server/share/share-pages';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame } from '../helpers/live-game';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

// The share images of public pages (issue 17), drawn for real (satori, resvg) on a real database.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let ctx: TestContext;
let fixture: Fixture;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	clearShareImages();
});

afterEach(async () => {
	await ctx.dispose();
});

async function expectSharePng(png: Buffer): Promise<void> {
	expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
	const meta = await sharp(png).metadata();
	expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
		format: 'png',
		width: 1200,
		height: 630
	});
}

describe('share images', () => {
	it('draws a contest card as a 1200 × 630 PNG, and the same one again from the cache until the title changes', async () => {
		const card = await findContestShareCard(ctx, fixture.slug);
		if (!card) throw new Error('no card for a published contest');
		expect(card.title).toBe('Cuộc thi thử nghiệm');
		const first = await drawShareImage(ctx, card);
		await expectSharePng(first.png);

		// unchanged content: the very same buffer, not a second drawing
		const again = await drawShareImage(ctx, (await findContestShareCard(ctx, fixture.slug))!);
		expect(again.key).toBe(first.key);
		expect(again.png).toBe(first.png);

		await ctx.db
			.updateTable('contest')
			.set({ title: 'Cuộc thi tìm hiểu pháp luật' })
			.where('id', '=', fixture.contestId)
			.execute();
		const renamed = await drawShareImage(ctx, (await findContestShareCard(ctx, fixture.slug))!);
		expect(renamed.key).not.toBe(first.key);
		expect(renamed.png).not.toBe(first.png);
		expect(renamed.png.equals(first.png)).toBe(false);
		await expectSharePng(renamed.png);
	});

	it('draws the contest banner when there is one, and a new image for a new banner', async () => {
		const banner = await sharp({ create: { width: 1600, height: 400, channels: 3, background: '#c8102e' } })
			.png()
			.toBuffer();
		const plain = await drawShareImage(ctx, (await findContestShareCard(ctx, fixture.slug))!);
		await ctx.db
			.updateTable('contest')
			.set({ banner_mime: 'image/png', banner_b64: banner.toString('base64'), banner_version: 1 })
			.where('id', '=', fixture.contestId)
			.execute();
		const card = (await findContestShareCard(ctx, fixture.slug))!;
		expect(card.banner).toEqual({ contestId: fixture.contestId, version: 1 });
		const withBanner = await drawShareImage(ctx, card);
		expect(withBanner.key).not.toBe(plain.key);
		await expectSharePng(withBanner.png);
		// the banner's red shows at the top, where the plain card is the app's blue
		const { data } = await sharp(withBanner.png).extract({ left: 600, top: 10, width: 1, height: 1 }).raw().toBuffer({
			resolveWithObject: true
		});
		expect(data[0]).toBeGreaterThan(data[2]);
	});

	it('tells the round window in Vietnamese, and changes the card when the round closes', async () => {
		const open = (await findRoundShareCard(ctx, fixture.slug, 1))!;
		expect(open.title).toBe('Tuần thi thứ 1');
		expect(open.lines[0]).toMatch(/^Đang mở đến \d\d:\d\d (Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật), \d\d\/\d\d\/\d{4}$/);
		ctx.clock.advance(2 * 60 * MINUTE);
		const closed = (await findRoundShareCard(ctx, fixture.slug, 1))!;
		expect(closed.lines[0]).toMatch(/^Đã kết thúc lúc /);
		expect(cardKey(closed)).not.toBe(cardKey(open));
	});

	it('the page’s og:image names the very image its route draws', async () => {
		const contest = (await findContestById(ctx.db, fixture.contestId))!;
		const page = await getContestPage(ctx, contest, null);
		const meta = contestShareMeta('https://thi.example.gov.vn', contest, page.rounds, page.serverNow);
		const card = (await findContestShareCard(ctx, fixture.slug))!;
		expect(meta.url).toBe(`https://thi.example.gov.vn/cuoc-thi/${fixture.slug}`);
		expect(meta.image).toBe(`https://thi.example.gov.vn/cuoc-thi/${fixture.slug}/anh-chia-se.png?v=${cardKey(card)}`);
		expect(meta.description).toContain('Dùng cho kiểm thử.');
	});

	it('draws nothing for a draft contest, a missing round, or a leaderboard and winners before the round opens', async () => {
		await ctx.db
			.updateTable('round')
			.set({ opens_at: ctx.clock.now() + MINUTE })
			.where('id', '=', fixture.roundId)
			.execute();
		expect(await findLeaderboardShareCard(ctx, fixture.slug, 1)).toBeNull();
		expect(await findWinnersShareCard(ctx, fixture.slug, 1)).toBeNull();
		expect(await findRoundShareCard(ctx, fixture.slug, 2)).toBeNull();
		await ctx.db.updateTable('contest').set({ status: 'draft' }).where('id', '=', fixture.contestId).execute();
		expect(await findContestShareCard(ctx, fixture.slug)).toBeNull();
		expect(await findRoundShareCard(ctx, fixture.slug, 1)).toBeNull();
	});

	it('names winners and their units once the results are announced, and never a phone, an e-mail or a birth date', async () => {
		await ctx.db
			.updateTable('round')
			.set({ prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 1, third: 1 } }) })
			.execute();
		const people = [];
		for (let i = 0; i < 4; i++) {
			const phone = `09150000${i}${i}`;
			const userId = await createContestant(ctx, fixture, { phone, fullName: `Người Thắng ${i}` });
			await ctx.db
				.updateTable('app_user')
				.set({ email: `nguoi${i}@example.vn`, birth_date: `1985-0${i + 1}-1${i}` })
				.where('id', '=', userId)
				.execute();
			people.push({ phone, email: `nguoi${i}@example.vn`, birthDate: `1985-0${i + 1}-1${i}` });
			await finishVariedAttempt(ctx, fixture.roundId, userId, i, i);
		}

		const pending = (await findWinnersShareCard(ctx, fixture.slug, 1))!;
		expect(pending.winners).toEqual([]);
		expect(pending.lines).toEqual(['Kết quả chưa được công bố']);

		const round = (await listRounds(ctx.db, fixture.contestId))[0];
		ctx.clock.set(round.closes_at + MINUTE);
		const closed = await closeRound(ctx, fixture.roundId, null);
		expect(closed.ok).toBe(true);
		const card = (await findWinnersShareCard(ctx, fixture.slug, 1))!;
		expect(card.winners).toHaveLength(3);
		expect(card.winners.map((w) => w.prize)).toEqual(['Giải Nhất', 'Giải Nhì', 'Giải Ba']);
		for (const w of card.winners) {
			expect(w.name).toMatch(/^Người Thắng \d$/);
			expect(w.unit).toBe('Phường Hà Khánh');
		}

		// what the layout draws: names and units, nothing else personal
		const drawn = layoutTexts(cardLayout(card, null)).join('\n');
		expect(drawn).toContain(card.winners[0].name);
		expect(drawn).toContain('Phường Hà Khánh');
		for (const person of people) {
			expect(drawn).not.toContain(person.phone);
			expect(drawn).not.toContain(person.email);
			expect(drawn).not.toContain(person.birthDate);
			expect(drawn).not.toContain(person.birthDate.split('-').reverse().join('/'));
		}
		expect(drawn).not.toMatch(/0\d{9}|@/);
		await expectSharePng((await drawShareImage(ctx, card)).png);
	});

	it('draws a live game’s title and PIN while players may join, and no PIN once it has ended', async () => {
		const host = await insertOrganizer(ctx, '0900000555');
		const game = await createFixtureGame(ctx, fixture, host.id, { pin: '482913' });
		const card = (await findGameShareCard(ctx, game.gameId, 'thi.example.gov.vn/choi'))!;
		expect(card.title).toBe('Trò chơi thử nghiệm');
		expect(card.pin).toBe('482913');
		expect(layoutTexts(cardLayout(card, null))).toContain('Vào thi.example.gov.vn/choi và nhập mã PIN để tham gia');
		await expectSharePng((await drawShareImage(ctx, card)).png);

		await ctx.db.updateTable('live_game').set({ phase: 'podium' }).where('id', '=', game.gameId).execute();
		const ended = (await findGameShareCard(ctx, game.gameId, 'thi.example.gov.vn/choi'))!;
		expect(ended.pin).toBeNull();
		expect(layoutTexts(cardLayout(ended, null)).join(' ')).not.toContain('482913');
		expect(await findGameShareCard(ctx, 'khong-co-tro-choi-nay', 'thi.example.gov.vn/choi')).toBeNull();
	});
});
