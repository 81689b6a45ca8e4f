/**
 * Questions an import leaves out instead of refusing the file: those of a type the platform does
 * not have (on the organizer's request), and the template's own example rows, which organizers
 * often leave in above their questions.
 */
import type { ImportResult, ImportedQuestion } from './types';
import { cleanText, toResult } from './validate';

export interface SkippedQuestion {
	/** the row or line of the file */
	line: number;
	/** its text or name, cut short */
	name: string;
	/** the type as the file names it ('shortanswer', 'trả lời ngắn (short answer)') */
	kind: string;
}

/** The file without its unsupported questions: ok when those were its only issues. */
export function skipUnsupported(result: ImportResult): { result: ImportResult; skipped: SkippedQuestion[] } {
	if (result.ok) return { result, skipped: [] };
	const skipped: SkippedQuestion[] = [];
	const others = result.issues.filter((issue) => {
		if (!issue.unsupported) return true;
		skipped.push({ line: issue.line, ...issue.unsupported });
		return false;
	});
	return { result: toResult(result.questions, others), skipped };
}

/** How many of the file's issues are unsupported questions (what "skip" would leave out). */
export function countUnsupported(result: ImportResult): number {
	return result.ok ? 0 : result.issues.filter((issue) => issue.unsupported).length;
}

const exampleKey = (q: Pick<ImportedQuestion, 'text'>): string => cleanText(q.text);
const EXAMPLE_KEYS = new Set<string>();

/** The file without the template's example questions (same text as an example); how many were dropped. */
export function dropTemplateExamples(result: ImportResult): { result: ImportResult; dropped: number } {
	if (EXAMPLE_KEYS.size === 0) for (const q of TEMPLATE_EXAMPLES) EXAMPLE_KEYS.add(exampleKey(q));
	const questions = result.questions.filter((q) => !EXAMPLE_KEYS.has(exampleKey(q)));
	const dropped = result.questions.length - questions.length;
	if (dropped === 0) return { result, dropped };
	return { result: toResult(questions, result.ok ? [] : result.issues), dropped };
}

/** The example questions the Excel template carries, one of each kind (also written by the template generator). */
export const TEMPLATE_EXAMPLES: ImportedQuestion[] = [
	{
		topic: 'Cải cách thủ tục hành chính',
		type: 'single',
		text: 'Cơ quan nào tiếp nhận hồ sơ thủ tục hành chính theo cơ chế một cửa tại cấp xã?',
		options: [
			{ text: 'Công an xã', correct: false },
			{ text: 'Bộ phận Tiếp nhận và Trả kết quả', correct: true },
			{ text: 'Hội đồng nhân dân xã', correct: false },
			{ text: 'Mặt trận Tổ quốc xã', correct: false }
		],
		difficulty: 'easy',
		explanation: 'Bộ phận Tiếp nhận và Trả kết quả là đầu mối tiếp nhận hồ sơ theo cơ chế một cửa.',
		legalReference: 'Nghị định 61/2018/NĐ-CP',
		tags: ['một cửa', 'cấp xã']
	},
	{
		topic: 'Chính phủ số',
		type: 'multiple',
		text: 'Những kênh nào dùng để nộp hồ sơ thủ tục hành chính trực tuyến?',
		options: [
			{ text: 'Cổng Dịch vụ công quốc gia', correct: true },
			{ text: 'Gửi thư tay', correct: false },
			{ text: 'Cổng Dịch vụ công của tỉnh', correct: true },
			{ text: 'Gọi điện thoại', correct: false }
		],
		difficulty: 'medium',
		explanation: 'Hồ sơ trực tuyến được nộp qua Cổng Dịch vụ công quốc gia hoặc của tỉnh.',
		legalReference: '',
		tags: ['dịch vụ công']
	},
	{
		topic: 'Cải cách thủ tục hành chính',
		type: 'true_false',
		text: 'Hồ sơ thủ tục hành chính có thể được nộp trực tuyến qua Cổng Dịch vụ công quốc gia.',
		options: [
			{ text: 'Đúng', correct: true },
			{ text: 'Sai', correct: false }
		],
		difficulty: 'easy',
		explanation: '',
		legalReference: '',
		tags: []
	},
	{
		topic: 'Cải cách thủ tục hành chính',
		type: 'ordering',
		text: 'Sắp xếp các bước giải quyết thủ tục hành chính theo cơ chế một cửa theo đúng thứ tự.',
		options: [
			{ text: 'Tiếp nhận hồ sơ', correct: true },
			{ text: 'Chuyển hồ sơ đến cơ quan có thẩm quyền', correct: true },
			{ text: 'Giải quyết hồ sơ', correct: true },
			{ text: 'Trả kết quả', correct: true }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: 'Nghị định 61/2018/NĐ-CP',
		tags: ['một cửa'],
		settings: { ordering: { scoring: 'all' } }
	},
	{
		topic: 'Chính phủ số',
		type: 'numeric',
		text: 'Theo bạn, tỉnh đã cung cấp bao nhiêu dịch vụ công trực tuyến toàn trình trong năm nay?',
		options: [],
		difficulty: 'hard',
		explanation: '',
		legalReference: '',
		tags: ['ước lượng'],
		settings: { numeric: { answer: 1250, tolerance: 50, scoring: 'tolerance', unit: 'dịch vụ' } }
	},
	{
		topic: 'Chính phủ số',
		type: 'short_text',
		text: 'Cổng Dịch vụ công quốc gia có địa chỉ trang web là gì?',
		options: [
			{ text: 'dichvucong.gov.vn', correct: true },
			{ text: 'https://dichvucong.gov.vn', correct: true }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: [],
		settings: { text: { ignoreDiacritics: true, ignoreCase: true } }
	},
	{
		topic: 'Chính phủ số',
		type: 'poll',
		text: 'Bạn thường nộp hồ sơ thủ tục hành chính bằng cách nào?',
		options: [
			{ text: 'Trực tuyến', correct: false },
			{ text: 'Trực tiếp tại Bộ phận một cửa', correct: false },
			{ text: 'Qua bưu chính', correct: false }
		],
		difficulty: 'easy',
		explanation: '',
		legalReference: '',
		tags: []
	},
	{
		topic: 'Chính phủ số',
		type: 'word_cloud',
		text: 'Một từ mô tả dịch vụ công trực tuyến mà bạn mong muốn?',
		options: [],
		difficulty: 'easy',
		explanation: '',
		legalReference: '',
		tags: []
	}
];
