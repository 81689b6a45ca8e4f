// Vietnamese messages of the import preview for the kinds beyond choices (issue 16): the key of
// each ordering, numeric, short-text, poll and word-cloud question, and the import's notices.
export const importKindsVi = {
	'import.notices_title': 'Lưu ý khi nhập: {n}',
	'import.notices_hint': 'Tệp vẫn nhập được; các phần dưới đây không được đưa vào câu hỏi.',
	'import.kinds_title': 'Câu sắp xếp, số, điền từ, thăm dò, đám mây từ: {n}',
	'import.kinds_hint': 'Kiểm tra đáp án của các câu này trước khi nhập.',
	'import.kind_order': 'Thứ tự đúng:',
	'import.kind_scoring_all': 'Chấm điểm: phải đúng cả thứ tự.',
	'import.kind_scoring_pairs': 'Chấm điểm: theo từng cặp liền nhau đúng thứ tự.',
	'import.kind_numeric': 'Đáp án: {value}',
	'import.kind_exact': 'phải đúng tuyệt đối',
	'import.kind_range': 'Người chơi nhập từ {min} đến {max}.',
	'import.kind_step': 'Bước: {step}.',
	'import.kind_distance': 'Trong trò chơi trực tiếp, điểm giảm dần tới 0 khi lệch thêm {spread}.',
	'import.kind_accepted': 'Đáp án được chấp nhận:',
	'import.kind_match_default': 'Không phân biệt chữ hoa, chữ thường; phải đúng dấu.',
	'import.kind_match_no_diacritics': 'Không phân biệt chữ hoa, chữ thường; chấp nhận gõ không dấu.',
	'import.kind_match_case': 'Phân biệt chữ hoa, chữ thường; phải đúng dấu.',
	'import.kind_match_case_no_diacritics': 'Phân biệt chữ hoa, chữ thường; chấp nhận gõ không dấu.',
	'import.kind_poll': 'Các phương án (không tính điểm):',
	'import.kind_word_cloud': 'Người chơi tự gõ một từ hoặc cụm từ (không tính điểm).',
	'import.more_kinds': 'Và {n} câu khác.'
};
