// Reaching contestants on their phones (issue 17): the in-app browser hint beside downloads,
// "Nhắc tôi" calendar events, the account page's rounds still to take.
export const reachVi = {
	'reach.inapp.download':
		'Trình duyệt trong {app} không tải được tệp. Hãy mở trang này bằng trình duyệt của điện thoại.',
	'reach.inapp.open_chrome': 'Mở bằng trình duyệt Chrome',
	'reach.inapp.steps_android':
		'Nếu nút trên không mở được: nhấn nút ba chấm (…) ở góc trên, rồi chọn “Mở bằng trình duyệt”.',
	'reach.inapp.steps_ios':
		'Nhấn nút ba chấm (…) ở góc màn hình, rồi chọn “Mở bằng trình duyệt” (hoặc “Mở trong Safari”).',
	'reach.inapp.link_label': 'Liên kết của trang này',
	'reach.inapp.copy': 'Chép liên kết',
	'reach.inapp.copied': 'Đã chép. Dán liên kết vào Chrome hoặc Safari để mở trang.',
	'reach.inapp.copy_failed': 'Không chép được. Hãy giữ ngón tay lên liên kết để chép.',
	'reach.remind': 'Nhắc tôi',
	'reach.remind_opening': 'Nhắc tôi khi {round} mở ({time})',
	'reach.remind_hint': 'Tải về một sự kiện lịch: điện thoại sẽ nhắc trước 1 giờ.',
	'reach.pending_title': 'Đợt thi bạn chưa thi',
	'reach.pending_none': 'Không có đợt thi nào đang mở hoặc sắp mở mà bạn chưa thi.',
	'reach.pending_opens': 'Mở lúc {time}',
	'reach.pending_closes': 'Đang mở đến {time}',
	'reach.enter': 'Vào thi',
	'reach.ics.opening_summary': '{round} mở: {contest}',
	'reach.ics.closing_summary': '{round} sắp đóng: {contest}',
	'reach.ics.opening_description': '{round} của {contest} mở lúc {opens} và đóng lúc {closes}.',
	'reach.ics.closing_description': '{round} của {contest} đóng lúc {closes}. Bạn chưa thi đợt này.',
	'reach.ics.link': 'Vào thi: {url}'
} as const;
