import { TZDate } from '@date-fns/tz';
import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import type { Difficulty } from '../../src/lib/domain/types';
import { writeXlsx } from '../../src/lib/server/questions/xlsx';
import { answerCurrent, freshPhone, logInThroughUi } from './support';

const TOPICS = ['Cải cách thể chế', 'Cải cách thủ tục hành chính', 'Cải cách chế độ công vụ'];
const local = (ms: number): string => format(new TZDate(ms, 'Asia/Ho_Chi_Minh'), "yyyy-MM-dd'T'HH:mm");

/** 50 questions in the template: topics × difficulties, single choice with four options. */
function fiftyQuestions(): ImportedQuestion[] {
	const levels: Difficulty[] = ['easy', 'medium', 'hard'];
	return Array.from({ length: 50 }, (_, i) => ({
		topic: TOPICS[i % TOPICS.length],
		type: 'single',
		difficulty: levels[Math.floor(i / TOPICS.length) % levels.length],
		text: `Câu hỏi thử nghiệm số ${i + 1} về cải cách hành chính?`,
		options: [
			{ text: `Đáp án đúng của câu ${i + 1}`, correct: true },
			{ text: 'Phương án sai thứ nhất', correct: false },
			{ text: 'Phương án sai thứ hai', correct: false },
			{ text: 'Phương án sai thứ ba', correct: false }
		],
		explanation: 'Giải thích ngắn.',
		legalReference: 'Nghị quyết 76/NQ-CP',
		tags: ['thử nghiệm']
	}));
}

test('an organizer imports 50 questions, builds a contest with a round, tries it, publishes it, and a contestant takes it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	mkdirSync('tests/.tmp', { recursive: true });
	const file = 'tests/.tmp/mau-50-cau.xlsx';
	writeFileSync(file, await writeXlsx(fiftyQuestions()));

	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto('/studio/ngan-hang');
	await page.getByLabel('Tên ngân hàng').fill('Ngân hàng thử nghiệm E2E');
	await page.getByRole('button', { name: 'Tạo ngân hàng' }).click();
	await expect(page.getByRole('heading', { name: 'Ngân hàng thử nghiệm E2E' })).toBeVisible();

	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
	await page.getByLabel('Tệp câu hỏi').setInputFiles(file);
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisible();
	await page.getByRole('button', { name: 'Nhập 50 câu hỏi' }).click();
	await expect(page.getByText('Đã nhập 50 câu hỏi.')).toBeVisible();

	const slug = `thu-nghiem-${Date.now()}`;
	await page.goto('/studio/cuoc-thi/moi');
	await page.getByLabel('Tên cuộc thi').fill('Cuộc thi thử nghiệm E2E về cải cách hành chính');
	await page.getByLabel('Đường dẫn').fill(slug);
	await page.getByRole('button', { name: 'Tạo cuộc thi' }).click();
	await expect(page.getByRole('heading', { name: 'Cuộc thi thử nghiệm E2E về cải cách hành chính' })).toBeVisible();

	await page.getByRole('link', { name: 'Thêm đợt thi' }).click();
	await page.getByLabel('Ngân hàng câu hỏi').selectOption({ label: 'Ngân hàng thử nghiệm E2E' });
	await expect(page.getByLabel('Ngân hàng câu hỏi')).toHaveValue(/.+/);
	await page.getByLabel('Tên đợt thi').fill('Tuần thi thử nghiệm');
	const now = Date.now();
	await page.getByLabel('Mở lúc').fill(local(now - 3_600_000));
	await page.getByLabel('Đóng lúc').fill(local(now + 2 * 86_400_000));
	for (const topic of TOPICS) {
		await page.getByLabel(`Dùng chung cho mọi đối tượng · ${topic} · Dễ`).fill('2');
	}
	await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
	await expect(page.getByRole('link', { name: 'Tuần thi thử nghiệm' })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText('Đã lưu đợt thi “Tuần thi thử nghiệm”.');

	// "Thi thử": the organizer takes the round; it never counts.
	await page.getByRole('button', { name: 'Thi thử' }).click();
	await expect(page).toHaveURL(/\/lam-bai\//);
	await expect(page.getByText('Câu 1/6')).toBeVisible();
	// An answer the navigator marks as given: the page's script runs, so "Nộp bài" opens its dialog
	// (a click before hydration does nothing, which a busy machine made happen).
	await answerCurrent(page);
	await expect(page.getByRole('button', { name: 'Câu 1/6: Đã trả lời' })).toBeVisible();
	await page.getByRole('button', { name: 'Nộp bài' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Nộp bài?' });
	await dialog.getByLabel(/bao nhiêu người/).fill('3');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByRole('heading', { name: 'Kết quả thi thử' })).toBeVisible();
	// The preview says so, counts nothing, and shows each question with its key and explanation.
	await expect(
		page.getByText('Lượt thi thử của ban tổ chức: không xếp hạng, không tính vào số lượt thi.')
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Xem bảng xếp hạng' })).toHaveCount(0);
	// the time taken in words ("8 giây", "1 phút 5 giây"), never an ambiguous "00:08"
	await expect(page.locator('dl.stats dd').nth(1)).toHaveText(/^\d+ (giờ|phút|giây)( \d+ (phút|giây))*$/);
	await expect(page.getByText('Lượt thi còn lại')).toHaveCount(0);
	await expect(page.getByText('Thứ hạng trong đợt')).toHaveCount(0);
	await expect(page.getByText('Thứ hạng tạm thời', { exact: false })).toHaveCount(0);
	const review = page.locator('section', { has: page.getByRole('heading', { name: 'Câu hỏi, đáp án và lời giải' }) });
	await expect(review.locator('ol.review > li')).toHaveCount(6);
	await expect(review.getByText('Câu 1', { exact: true })).toBeVisible();
	await expect(review.locator('li.correct', { hasText: /Đáp án đúng của câu \d+ \(đáp án đúng\)/ })).toHaveCount(6);
	await expect(review.getByText('Lời giải:').first()).toBeVisible();

	await page.goto('/studio/cuoc-thi');
	await page.getByRole('link', { name: 'Cuộc thi thử nghiệm E2E về cải cách hành chính' }).click();
	await page.getByRole('button', { name: 'Công bố', exact: true }).click();
	await expect(page.getByText('Cuộc thi đã được công bố.')).toBeVisible();
	const png = 'tests/.tmp/anh-bia.png';
	writeFileSync(
		png,
		Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
			'base64'
		)
	);
	await page.getByLabel(/Ảnh PNG, JPEG hoặc WebP/).setInputFiles(png);
	await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
	await expect(page.getByText('Đã lưu ảnh bìa.')).toBeVisible();

	const contestant = await browser.newContext();
	const other = await contestant.newPage();
	await other.goto(`/cuoc-thi/${slug}`);
	const banner = other.getByRole('img', { name: 'Cuộc thi thử nghiệm E2E về cải cách hành chính' });
	await expect(banner).toBeVisible();
	expect(await banner.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	await other.goto(`/cuoc-thi/${slug}/dang-ky`);
	await other.getByLabel('Họ và tên').fill('Vũ Thị Lan');
	await other.getByLabel('Ngày sinh').fill('1990-03-15');
	await other.getByLabel('Số điện thoại').fill(freshPhone());
	await other.getByRole('combobox', { name: 'Đơn vị' }).fill('Phong Hải');
	// (other tests' fixture contests add a Xã Phong Hải of their own to the shared unit tree)
	await other.getByRole('option', { name: 'Xã Phong Hải Tỉnh Quảng Ninh', exact: true }).click();
	await other.getByLabel('Người dân').check();
	await other.getByLabel('Mật khẩu', { exact: true }).fill('matkhau123');
	await other.getByLabel('Nhập lại mật khẩu').fill('matkhau123');
	await other.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
	await other.getByRole('button', { name: 'Đăng ký' }).click();
	await other.getByRole('link', { name: 'Vào thi' }).click();
	await other.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await expect(other.getByText('Câu 1/6')).toBeVisible();
	// Every question's right answer reads "Đáp án đúng của câu N".
	for (let i = 0; i < 6; i++) {
		await other.locator('fieldset label.option', { hasText: 'Đáp án đúng' }).locator('input').check();
		await expect(other.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
		await other.getByRole('button', { name: /Câu sau|Đến câu dự đoán/ }).click();
	}
	await other
		.getByLabel(/bao nhiêu người/)
		.first()
		.fill('1');
	await other.getByRole('button', { name: 'Nộp bài' }).first().click();
	await other.getByRole('dialog', { name: 'Nộp bài?' }).getByRole('button', { name: 'Nộp bài' }).click();
	await expect(other.getByText('6/6').first()).toBeVisible();
	await expect(other.getByText('1/1').first()).toBeVisible();
	await contestant.close();

	// The round now has an attempt: timing and blueprint are locked, its name can still change.
	await page.getByRole('link', { name: 'Tuần thi thử nghiệm' }).click();
	await expect(page.getByText(/đã khóa để công bằng/)).toBeVisible();
	await expect(page.getByLabel('Mở lúc')).toBeDisabled();
	await page.getByLabel('Tên đợt thi').fill('Tuần thi thử nghiệm (đã sửa tên)');
	await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
	await expect(page.getByRole('link', { name: 'Tuần thi thử nghiệm (đã sửa tên)' })).toBeVisible();
});
