// Vietnamese messages of team games (issue 16): the studio's setup, the screen and the host
// console's standings, the phone's team line.
export const gameTeamsVi = {
	// Studio
	'game_teams.studio.heading': 'Chia đội',
	'game_teams.studio.intro':
		'Điểm của đội tính từ điểm mỗi người chơi đã nhận ở từng câu hỏi. Chọn trước khi có người vào phòng chờ.',
	'game_teams.studio.mode': 'Chế độ đội',
	'game_teams.studio.mode.off': 'Không chia đội',
	'game_teams.studio.mode.unit': 'Theo đơn vị: mỗi người chơi thuộc đội của đơn vị mình',
	'game_teams.studio.mode.named': 'Các đội do ban tổ chức đặt tên: người chơi chọn đội khi vào',
	'game_teams.studio.scoring': 'Điểm của đội',
	'game_teams.studio.scoring.mean': 'Trung bình điểm các thành viên (đội đông người không có lợi thế)',
	'game_teams.studio.scoring.best': 'Điểm của thành viên cao nhất',
	'game_teams.studio.teams': 'Các đội (từ 2 đến 20 đội)',
	'game_teams.studio.team_name': 'Tên đội {n}',
	'game_teams.studio.stage': 'Thi trên sân khấu',
	'game_teams.studio.stage_hint':
		'Đánh dấu 3–6 đội thi trên sân khấu (trả lời bằng máy tính bảng). Thí sinh vào đội trên sân khấu bằng mã đội người dẫn chương trình đọc; khán giả chọn các đội còn lại và được xếp hạng riêng.',
	'game_teams.studio.add': 'Thêm đội',
	'game_teams.studio.remove': 'Xóa đội {n}',
	'game_teams.studio.save': 'Lưu cách chia đội',
	'game_teams.studio.saved': 'Đã lưu cách chia đội.',
	'game_teams.studio.code': 'Mã đội: {code}',
	'game_teams.studio.locked_players': 'Đã có người chơi vào phòng chờ: không đổi cách chia đội được nữa.',
	'game_teams.studio.locked_started': 'Trò chơi đã bắt đầu: không đổi cách chia đội được nữa.',
	'game_teams.studio.error.invalid': 'Cách chia đội không hợp lệ, vui lòng kiểm tra lại.',
	'game_teams.studio.error.game_not_found': 'Không tìm thấy trò chơi.',
	'game_teams.studio.error.forbidden': 'Bạn không có quyền sửa trò chơi này.',
	'game_teams.studio.error.not_in_lobby': 'Trò chơi đã bắt đầu: không đổi cách chia đội được nữa.',
	'game_teams.studio.error.players_joined':
		'Đã có người chơi vào phòng chờ: không đổi cách chia đội được nữa (đội là lựa chọn của người chơi khi vào).',
	'game_teams.studio.error.too_few_teams': 'Cần ít nhất 2 đội có tên.',
	'game_teams.studio.error.too_many_teams': 'Tối đa 20 đội.',
	'game_teams.studio.error.name_empty': 'Đội {n}: chưa có tên.',
	'game_teams.studio.error.name_too_long': 'Đội {n}: tên dài quá {max} ký tự.',
	'game_teams.studio.error.name_duplicate': 'Đội {n}: trùng tên với một đội khác.',
	'game_teams.studio.error.stage_count':
		'Số đội thi trên sân khấu phải từ 3 đến 6, và phải còn ít nhất một đội cho khán giả.',

	// Screen and host console
	'game_teams.stage.teams': 'Xếp hạng đội',
	'game_teams.stage.stage_teams': 'Các đội thi trên sân khấu',
	'game_teams.stage.hall_teams': 'Khán giả: xếp hạng đội',
	'game_teams.stage.hall_players': 'Khán giả: cá nhân',
	'game_teams.stage.team': 'Đội',
	'game_teams.stage.players': 'Số người',
	'game_teams.stage.score.mean': 'Điểm trung bình',
	'game_teams.stage.score.best': 'Điểm cao nhất',
	'game_teams.stage.note.mean': 'Điểm đội là trung bình điểm các thành viên.',
	'game_teams.stage.note.best': 'Điểm đội là điểm của thành viên cao nhất.',
	'game_teams.stage.podium': 'Đội dẫn đầu',
	'game_teams.stage.podium_stage': 'Các đội trên sân khấu',
	'game_teams.stage.more': 'và {n} đội khác',
	'game_teams.stage.none': 'Chưa có đội nào có người chơi',
	'game_teams.stage.codes': 'Mã đội trên sân khấu',
	'game_teams.stage.codes_hint': 'Đọc mã cho thí sinh của từng đội; màn hình trình chiếu không hiện mã này.',
	'game_teams.stage.lobby_teams': 'Các đội',

	// Phone
	'game_teams.play.team': 'Đội: {name}',
	'game_teams.play.stage': 'trên sân khấu',
	'game_teams.play.choose': 'Đội của bạn',
	'game_teams.play.choose_placeholder': '— Chọn đội —',
	'game_teams.play.code': 'Mã đội trên sân khấu (chỉ dành cho thí sinh trên sân khấu)',
	'game_teams.play.unit_team': 'Bạn thi cho đội của đơn vị mình.',
	'game_teams.play.rank': 'Đội {name} xếp thứ {rank}/{of}',
	'game_play.refusal.team_required': 'Vui lòng chọn đội của bạn.',
	'game_play.refusal.team_code_invalid':
		'Mã đội trên sân khấu không đúng. Khán giả vui lòng chọn một đội trong danh sách.'
};
