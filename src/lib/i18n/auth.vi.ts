// Messages of the login, registration and PIN throttles and of unreadable form posts.
export const authVi = {
	'error.form_unreadable':
		'Máy chủ không đọc được dữ liệu biểu mẫu gửi lên (nội dung bị hỏng hoặc không đúng định dạng). Hãy tải lại trang và gửi lại.'
};
