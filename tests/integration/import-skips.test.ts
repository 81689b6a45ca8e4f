import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATE_EXAMPLES } from '../../src/lib/domain/import/skips';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { checkImport, confirmImport } from '../../src/lib/server/questions/import.service';
import { createPendingImports, type PendingImports } from '../../src/lib/server/questions/pending-imports';
import { exportBank, type Actor } from '../../src/lib/server/questions/question.service';
import { writeXlsx } from '../../src/lib/server/questions/xlsx';
import { createTestBank } from '../helpers/fixtures';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

// Issue 15: an import may leave out the questions of unsupported types when asked, listing each,
// instead of refusing the whole file; the template's two example rows never land in a bank.

let ctx: TestContext;
let pending: PendingImports;
let organizer: Actor;
let bankId: string;

beforeEach(async () => {
	ctx = await createTestContext();
	pending = createPendingImports(ctx.db);
	organizer = await insertOrganizer(ctx, '0912345999');
	bankId = await createTestBank(ctx, organizer, 'Ngân hàng nhập');
});

afterEach(async () => {
	await ctx.dispose();
});

async function bankTexts(): Promise<string[]> {
	const exported = await exportBank(ctx, organizer, bankId);
	if (!exported.ok) throw new Error(exported.reason);
	return exported.questions.map((q) => q.text);
}

const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Câu một cửa</text></name>
    <questiontext format="html"><text>Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa?</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>Bộ phận Một cửa</text></answer>
    <answer fraction="0"><text>Công an xã</text></answer>
  </question>
  <question type="matching">
    <name><text>Câu ghép đôi</text></name>
    <questiontext format="html"><text>Ghép cơ quan với nhiệm vụ của nó.</text></questiontext>
    <answer fraction="100"><text>DVCTT</text></answer>
  </question>
  <question type="essay">
    <name><text>Câu tự luận</text></name>
    <questiontext format="html"><text>Trình bày ý kiến về cải cách hành chính.</text></questiontext>
  </question>
</quiz>
`;

const moodleFile = { name: 'moodle.xml', bytes: new TextEncoder().encode(MOODLE) };

describe('questions of unsupported types', () => {
	it('refuse the file by default, and the preview says how many could be skipped', async () => {
		const checked = await checkImport(ctx, pending, organizer, bankId, moodleFile, '');
		expect(checked).toMatchObject({ ok: false, reason: 'invalid_file' });
		if (checked.ok || checked.reason !== 'invalid_file') return;
		expect(checked.preview.unsupportedCount).toBe(2);
		expect(checked.preview.issues.map((i) => i.line)).toEqual([10, 15]);
		expect(checked.preview.skipped).toEqual([]);
	});

	it('are left out and listed on request, and the others import', async () => {
		const checked = await checkImport(ctx, pending, organizer, bankId, moodleFile, '', { skipUnsupported: true });
		if (!checked.ok) throw new Error(`check failed: ${checked.reason}`);
		expect(checked.preview.total).toBe(1);
		expect(checked.preview.skipped).toEqual([
			{ line: 10, name: 'Câu ghép đôi', kind: 'matching' },
			{ line: 15, name: 'Câu tự luận', kind: 'essay' }
		]);
		expect(checked.preview.unsupportedCount).toBe(0);
		const confirmed = await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates: false });
		expect(confirmed).toMatchObject({ ok: true, created: 1 });
		expect(await bankTexts()).toEqual(['Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa?']);
	});

	it('never hide another issue: a file with a broken question stays refused', async () => {
		const broken = MOODLE.replace('<answer fraction="100"><text>Bộ phận Một cửa</text></answer>', '');
		const file = { name: 'moodle.xml', bytes: new TextEncoder().encode(broken) };
		const checked = await checkImport(ctx, pending, organizer, bankId, file, '', { skipUnsupported: true });
		expect(checked).toMatchObject({ ok: false, reason: 'invalid_file' });
		if (checked.ok || checked.reason !== 'invalid_file') return;
		expect(checked.preview.skipped).toHaveLength(2);
		// what is left is the broken question's own issues, at its line
		expect(new Set(checked.preview.issues.map((i) => i.line))).toEqual(new Set([3]));
		expect(await bankTexts()).toEqual([]);
	});

	it('in GIFT too, named by their text', async () => {
		const gift = [
			'Ghép thủ đô với nước của nó.{=Hà Nội -> Việt Nam =Viêng Chăn -> Lào}',
			'',
			'Thời hạn giải quyết được tính từ khi nào?{~Từ ngày nộp đơn =Từ ngày nhận đủ hồ sơ}'
		].join('\n');
		const file = { name: 'cau-hoi.gift', bytes: new TextEncoder().encode(gift) };
		const checked = await checkImport(ctx, pending, organizer, bankId, file, 'gift', { skipUnsupported: true });
		if (!checked.ok) throw new Error(`check failed: ${checked.reason}`);
		expect(checked.preview.skipped).toEqual([
			{ line: 1, name: 'Ghép thủ đô với nước của nó.', kind: 'ghép đôi (matching)' }
		]);
	});
});

describe("the template's example rows", () => {
	const real: ImportedQuestion = {
		topic: 'Cải cách thể chế',
		type: 'single',
		text: 'Văn bản nào quy định cơ chế một cửa, một cửa liên thông?',
		options: [
			{ text: 'Nghị định 61/2018/NĐ-CP', correct: true },
			{ text: 'Luật Đất đai', correct: false }
		],
		difficulty: 'easy',
		explanation: '',
		legalReference: '',
		tags: []
	};

	it('are left out of an import with a notice, whatever the organizer added below them', async () => {
		const bytes = new Uint8Array(await writeXlsx([...TEMPLATE_EXAMPLES, real]));
		const checked = await checkImport(ctx, pending, organizer, bankId, { name: 'mau-nhap-cau-hoi.xlsx', bytes }, '');
		if (!checked.ok) throw new Error(`check failed: ${checked.reason}`);
		expect(checked.preview.examplesSkipped).toBe(TEMPLATE_EXAMPLES.length);
		expect(checked.preview.total).toBe(1);
		await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates: false });
		expect(await bankTexts()).toEqual([real.text]);
	});

	it('alone make a file with no question to import', async () => {
		const bytes = new Uint8Array(await writeXlsx(TEMPLATE_EXAMPLES));
		const checked = await checkImport(ctx, pending, organizer, bankId, { name: 'mau.xlsx', bytes }, '');
		expect(checked).toMatchObject({ ok: false, reason: 'invalid_file' });
		if (checked.ok || checked.reason !== 'invalid_file') return;
		expect(checked.preview.examplesSkipped).toBe(TEMPLATE_EXAMPLES.length);
		expect(checked.preview.issues[0].message).toBe('Tệp không có câu hỏi nào');
	});
});
