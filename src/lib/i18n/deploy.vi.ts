// Hardening of issue 11: free-text hygiene and the admin command line.
export const deployVi = {
	'error.text_unsafe_name':
		'Ô này có ký tự điều khiển hoặc ký tự đảo chiều văn bản (không nhìn thấy được). Hãy xóa và gõ lại.',
	'error.text_unsafe_long':
		'Nội dung có ký tự điều khiển hoặc ký tự đảo chiều văn bản (không nhìn thấy được). Hãy xóa và gõ lại đoạn có lỗi.',
	'game_play.refusal.nickname_unsafe':
		'Biệt danh có ký tự điều khiển hoặc ký tự đảo chiều văn bản. Hãy gõ lại biệt danh.',
	'admin_cli.created': 'Đã tạo tài khoản quản trị {phone} ({name}).',
	'admin_cli.phone_taken': 'Số điện thoại {phone} đã có tài khoản; không tạo thêm.'
} as const;
