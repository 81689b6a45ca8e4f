import { expect, test } from '@playwright/test';
import { DEMO_SLUG, logInThroughUi, openServerDatabase } from './support';

// The fair-play review of the demo's closed round: a scripted-fast attempt and two accounts on one
// device are planted in the server's database; the organizer runs the analysis, clears the device
// pair's first account with a note and disqualifies the fast one with a reason; the contestant
// sees the reason on their result page.

test('an organizer clears one flagged attempt and disqualifies another; the contestant sees the reason', async ({
	page
}) => {
	test.setTimeout(120_000);
	const ctx = openServerDatabase();
	const round = await ctx.db
		.selectFrom('round')
		.innerJoin('contest', 'contest.id', 'round.contest_id')
		.select(['round.id', 'round.contest_id'])
		.where('contest.slug', '=', DEMO_SLUG)
		.where('round.ordinal', '=', 1)
		.executeTakeFirstOrThrow();
	const attemptOf = async (phone: string) =>
		await ctx.db
			.selectFrom('attempt')
			.innerJoin('app_user', 'app_user.id', 'attempt.user_id')
			.select(['attempt.id', 'app_user.full_name'])
			.where('attempt.round_id', '=', round.id)
			.where('app_user.phone', '=', phone)
			.where('attempt.status', '=', 'finished')
			.executeTakeFirstOrThrow();
	// contestants no other browser test signs in as: this test disqualifies one of them
	const fast = await attemptOf('0912000110');
	const [shareA, shareB] = [await attemptOf('0912000108'), await attemptOf('0912000109')];
	// every answer right in 3 seconds: a script
	await ctx.db.updateTable('attempt_item').set({ is_correct: 1 }).where('attempt_id', '=', fast.id).execute();
	await ctx.db.updateTable('attempt').set({ duration_ms: 3000 }).where('id', '=', fast.id).execute();
	await ctx.db
		.updateTable('attempt')
		.set({ device_id: 'e2e-shared-device' })
		.where('id', 'in', [shareA.id, shareB.id])
		.execute();

	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio');
	await page.goto(`/studio/cuoc-thi/${round.contest_id}/dot-thi/${round.id}`);
	await page.getByRole('link', { name: 'Rà soát gian lận' }).click();
	await expect(page.getByRole('heading', { name: /^Rà soát gian lận: / })).toBeVisible();
	await page.getByRole('button', { name: 'Phân tích ngay' }).click();
	await expect(page.getByRole('status')).toContainText('Đã phân tích');

	const queue = page.locator('table').first();
	await expect(queue.getByRole('row', { name: new RegExp(fast.full_name) })).toContainText('Làm bài quá nhanh');
	await expect(queue.getByRole('row', { name: new RegExp(shareA.full_name) })).toContainText(
		'Nhiều tài khoản một thiết bị'
	);

	// the filter by signal leaves the device pair only
	await page.getByLabel('Dấu hiệu').selectOption('shared_device');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.locator('table').first().locator('tbody tr')).toHaveCount(2);

	// clear the first account of the pair, with the other shown beside it
	await page.getByRole('link', { name: `Xem bằng chứng: ${shareA.full_name}` }).click();
	const evidence = page.locator('section', {
		has: page.getByRole('heading', { name: `Bằng chứng: ${shareA.full_name}` })
	});
	await expect(evidence.getByRole('columnheader', { name: shareB.full_name })).toBeVisible();
	await evidence
		.getByLabel('Ghi chú (vì sao không vi phạm)')
		.fill('Hai người trong một gia đình dùng chung điện thoại');
	await evidence.getByRole('button', { name: 'Xác nhận không vi phạm' }).click();
	await expect(page.getByRole('status')).toContainText('Đã ghi quyết định');

	// disqualify the scripted one, with the reason the contestant will read
	const reason = 'Hoàn thành toàn bộ câu hỏi trong 3 giây';
	await page.goto(`/studio/cuoc-thi/${round.contest_id}/dot-thi/${round.id}/ra-soat?luot=${fast.id}`);
	const fastEvidence = page.locator('section', {
		has: page.getByRole('heading', { name: `Bằng chứng: ${fast.full_name}` })
	});
	await fastEvidence.getByLabel('Lý do loại (thí sinh sẽ thấy lý do này)').fill(reason);
	await fastEvidence.getByRole('button', { name: 'Loại lượt thi' }).click();
	await expect(page.getByRole('status')).toContainText('Đã ghi quyết định');
	await expect(
		page
			.locator('table')
			.first()
			.getByRole('row', { name: new RegExp(fast.full_name) })
	).toContainText(`Đã loại: ${reason}`);

	const actions = await ctx.db
		.selectFrom('audit_log')
		.select(['action', 'entity_id'])
		.where('action', 'in', ['fair_play.clear', 'fair_play.disqualify', 'attempt.disqualify'])
		.execute();
	expect(actions).toEqual(
		expect.arrayContaining([
			{ action: 'fair_play.clear', entity_id: shareA.id },
			{ action: 'fair_play.disqualify', entity_id: fast.id },
			{ action: 'attempt.disqualify', entity_id: fast.id }
		])
	);
	await ctx.db.destroy();

	await page.context().clearCookies();
	await logInThroughUi(page, '0912000110', 'thisinh2026');
	await page.goto(`/ket-qua/${fast.id}`);
	await expect(page.getByRole('alert')).toContainText('Lượt thi này đã bị Ban Tổ chức loại');
	await expect(page.getByRole('alert')).toContainText(`Lý do: ${reason}`);
});
