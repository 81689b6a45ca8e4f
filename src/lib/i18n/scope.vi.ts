// Organizers scoped to their contests: banks belong to contests, the unit tree is the admins',
// a contest uses one subtree of units.
export const scopeVi = {
	'scope.bank_contest': 'Thuộc cuộc thi',
	'scope.bank_contest_hint': 'Ban tổ chức của cuộc thi này dùng được ngân hàng; ban tổ chức cuộc thi khác không thấy.',
	'scope.bank_contest_none': 'Không thuộc cuộc thi nào (chỉ quản trị viên và ban tổ chức mọi cuộc thi thấy)',
	'scope.bank_contests': 'Các cuộc thi dùng ngân hàng này',
	'scope.bank_contests_none': 'Chưa thuộc cuộc thi nào.',
	'scope.share_contest': 'Cho cuộc thi khác dùng ngân hàng này',
	'scope.share': 'Cho dùng',
	'scope.shared': 'Đã cho cuộc thi dùng ngân hàng.',
	'scope.units_read_only':
		'Cây đơn vị dùng chung cho mọi cuộc thi nên chỉ quản trị viên được sửa. Bạn xem được cây đơn vị.',
	'scope.units_summary_read_only': '{n} đơn vị.',
	'scope.root_unit': 'Phạm vi đơn vị',
	'scope.root_unit_hint':
		'Thí sinh chỉ chọn được đơn vị này và các đơn vị trực thuộc; bảng xếp hạng đơn vị cũng chỉ gồm các đơn vị đó.',
	'scope.root_unit_all': 'Toàn bộ cây đơn vị',
	'error.contest_required': 'Hãy chọn cuộc thi mà ngân hàng này thuộc về.',
	'error.round.bank_forbidden': 'Ngân hàng câu hỏi đã chọn không thuộc cuộc thi của bạn; hãy chọn ngân hàng khác.',
	'error.bank_forbidden': 'Ngân hàng câu hỏi này không thuộc cuộc thi của bạn.',
	'error.root_unit_unknown': 'Đơn vị đã chọn làm phạm vi không tồn tại; vui lòng chọn lại.',
	'error.unit_outside_contest':
		'Đơn vị đã chọn không thuộc phạm vi của cuộc thi này; vui lòng chọn đơn vị trong danh sách.',
	'units.error.forbidden': 'Chỉ quản trị viên được sửa cây đơn vị dùng chung.'
} as const;
