// Vietnamese messages of the question bank's bulk actions, their undo, merging topics, and the
// import's skipped questions (unsupported types, the template's example rows).
export const bulkVi = {
	'bulk.title': 'Thao tác hàng loạt',
	'bulk.scope': 'Áp dụng cho',
	'bulk.scope_ticked': 'Các câu đã chọn trên trang này ({n})',
	'bulk.scope_all': 'Tất cả {n} câu khớp bộ lọc',
	'bulk.action': 'Thao tác',
	'bulk.action.retire': 'Ngừng sử dụng',
	'bulk.action.restore': 'Dùng lại',
	'bulk.action.topic': 'Chuyển sang chủ đề',
	'bulk.action.difficulty': 'Đặt mức độ',
	'bulk.action.tag_add': 'Thêm thẻ',
	'bulk.action.tag_remove': 'Bỏ thẻ',
	'bulk.action.move': 'Chuyển sang ngân hàng khác',
	'bulk.action.copy': 'Sao chép sang ngân hàng khác',
	'bulk.target_topic': 'Chủ đề đích',
	'bulk.target_bank': 'Ngân hàng đích',
	'bulk.no_other_bank': 'Bạn chưa có ngân hàng nào khác để chuyển hoặc sao chép tới.',
	'bulk.move_hint': 'Câu hỏi vào chủ đề cùng tên ở ngân hàng đích (tạo mới nếu chưa có).',
	'bulk.tag': 'Thẻ',
	'bulk.apply': 'Áp dụng',
	'bulk.select_page': 'Chọn tất cả câu trên trang',
	'bulk.select_question': 'Chọn câu: {text}',
	'bulk.done': 'Đã áp dụng cho {n} câu hỏi.',
	'bulk.done_none': 'Không có câu nào cần thay đổi.',
	'bulk.undone': 'Đã hoàn tác cho {n} câu hỏi.',
	'bulk.last': 'Thao tác hàng loạt gần nhất của bạn: {action}, {n} câu hỏi, lúc {at}.',
	'bulk.undo': 'Hoàn tác',
	'bulk.shortfall':
		'Đợt thi "{round}" cần {needed} câu mức {difficulty} của chủ đề "{topic}", sau thao tác này chỉ còn {available}. Hãy giảm số câu trong cơ cấu đề hoặc chọn ít câu hơn.',
	'bulk.merge_title': 'Gộp chủ đề',
	'bulk.merge_sources': 'Các chủ đề sẽ gộp',
	'bulk.merge_target': 'Gộp vào chủ đề',
	'bulk.merge_button': 'Gộp chủ đề',
	'bulk.merge_hint':
		'Câu hỏi và cơ cấu đề của các chủ đề được chọn chuyển sang chủ đề được giữ lại; các chủ đề được chọn bị xóa.',
	'bulk.merged': 'Đã gộp chủ đề, chuyển {n} câu hỏi.',
	'error.nothing_selected':
		'Chưa chọn câu hỏi nào: hãy đánh dấu câu hỏi trong bảng hoặc chọn "Tất cả câu khớp bộ lọc".',
	'error.same_bank': 'Ngân hàng đích phải khác ngân hàng này.',
	'error.blueprint_short': 'Không thể thực hiện: một đợt thi chưa kết thúc sẽ không đủ câu hỏi để bốc đề.',
	'error.nothing_to_undo': 'Không có thao tác hàng loạt nào để hoàn tác.',
	'error.bulk_changed_since':
		'Không thể hoàn tác: {n} câu hỏi đã thay đổi sau thao tác này (được sửa hoặc thao tác khác).',
	'error.bulk_used_since':
		'Không thể hoàn tác: phiên bản câu hỏi do thao tác này tạo ra đã xuất hiện trong lượt thi hoặc trò chơi trực tiếp.',
	'error.bulk_topic_required': 'Hãy chọn chủ đề đích.',
	'error.bulk_tag_required': 'Hãy nhập thẻ (tối đa 100 ký tự).',
	'error.bulk_bank_required': 'Hãy chọn ngân hàng đích.',
	'error.merge_needs_topics': 'Hãy chọn ít nhất một chủ đề để gộp, khác với chủ đề được giữ lại.',
	'error.merge_open_round':
		'Không thể gộp: đợt thi "{round}" đang mở và có cơ cấu đề trên nhiều chủ đề được gộp; gộp lúc này sẽ đổi cách bốc đề.',
	'import.skip_unsupported': 'Bỏ qua các câu hỏi thuộc loại chưa hỗ trợ',
	'import.unsupported_found':
		'Tệp có {n} câu hỏi thuộc loại chưa hỗ trợ. Có thể bỏ qua các câu này và nhập những câu còn lại.',
	'import.skipped_title': 'Các câu sẽ bị bỏ qua: {n}',
	'import.skipped_unsupported': 'Dòng {line}: {name} (loại {kind})',
	'import.examples_skipped': 'Đã bỏ qua {n} câu ví dụ của tệp mẫu (giống hệt câu ví dụ có sẵn trong tệp mẫu).'
} as const;
