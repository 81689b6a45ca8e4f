// Vietnamese messages of the question import's duplicate check and caps, and of the statistics'
// check of how the answer keys are spread.
export const importVi = {
	'import.duplicates_title': 'Câu có thể trùng: {n}',
	'import.duplicates_hint':
		'Các câu dưới đây giống hoặc gần giống một câu đã có trong ngân hàng, hoặc một câu đứng trước trong cùng tệp.',
	'import.question_number': 'Câu {n}',
	'import.duplicate_of_bank': 'Giống {percent}% một câu trong ngân hàng:',
	'import.duplicate_of_row': 'Giống {percent}% câu {n} của tệp:',
	'import.more_duplicates': 'Và {n} câu khác có thể trùng.',
	'import.skip_duplicates': 'Bỏ qua câu trùng',
	'import.skip_duplicates_hint': 'Không nhập {n} câu có thể trùng; các câu khác vẫn được nhập.',
	'import.skipped': 'Đã bỏ qua {n} câu trùng.',
	'error.import_busy': 'Máy chủ đang giữ quá nhiều lượt nhập chưa xác nhận. Hãy thử lại sau ít phút.',
	'error.banner_dimensions':
		'Ảnh có kích thước quá lớn (tối đa 8192 điểm ảnh mỗi cạnh và 20 triệu điểm ảnh); hãy thu nhỏ ảnh rồi tải lại.',

	'stats.keys_title': 'Phân bố đáp án đúng',
	'stats.keys_hint':
		'Vị trí của đáp án đúng trong các câu đã bốc, theo thứ tự thí sinh thấy. Nếu đáp án đúng dồn về một phía, thí sinh đoán mò một phía cũng được điểm.',
	'stats.keys_true_false': 'Câu Đúng/Sai',
	'stats.keys_single': 'Câu một đáp án, {n} phương án',
	'stats.keys_position': 'Phương án {letter}',
	'stats.keys_true': 'Đúng',
	'stats.keys_false': 'Sai',
	'stats.keys_drawn': 'Số câu đã bốc',
	'stats.keys_lopsided':
		'Lệch: {share}% số câu có đáp án đúng là "{side}". Nên cân bằng lại đáp án trong ngân hàng hoặc bật đảo phương án.',
	'stats.keys_balanced': 'Cân đối',
	'stats.keys_too_few': 'Chưa đủ số câu để đánh giá'
};
