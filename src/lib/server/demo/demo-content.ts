/**
 * Demo content for the contest “Tìm hiểu cải cách hành chính tỉnh Quảng Ninh năm 2026”:
 * a unit tree, the six areas of the state administrative reform master programme
 * (Nghị quyết 76/NQ-CP) as topics, a question bank, the contest texts and a few contestants.
 * Data only: no I/O. The unit tree is demo data and does not claim to mirror the official
 * list of wards and communes after the 2025 reorganisation.
 */
import type { Difficulty, QuestionType } from '../../domain/types';

export interface DemoUnit {
	code: string;
	name: string;
	parentCode: string | null;
	kind: 'province' | 'department' | 'commune' | 'ward' | 'office';
	headcount: number;
}

export const demoUnits: DemoUnit[] = [
	{ code: 'QN', name: 'Tỉnh Quảng Ninh', parentCode: null, kind: 'province', headcount: 400 },
	{ code: 'QN-VP', name: 'Văn phòng UBND tỉnh', parentCode: 'QN', kind: 'department', headcount: 120 },
	{ code: 'QN-SNV', name: 'Sở Nội vụ', parentCode: 'QN', kind: 'department', headcount: 180 },
	{ code: 'QN-STP', name: 'Sở Tư pháp', parentCode: 'QN', kind: 'department', headcount: 90 },
	{ code: 'QN-STC', name: 'Sở Tài chính', parentCode: 'QN', kind: 'department', headcount: 220 },
	{ code: 'QN-SKHCN', name: 'Sở Khoa học và Công nghệ', parentCode: 'QN', kind: 'department', headcount: 150 },
	{ code: 'QN-SXD', name: 'Sở Xây dựng', parentCode: 'QN', kind: 'department', headcount: 160 },
	{
		code: 'QN-TTHCC',
		name: 'Trung tâm Phục vụ hành chính công tỉnh',
		parentCode: 'QN-VP',
		kind: 'office',
		headcount: 85
	},
	{ code: 'QN-TTCDS', name: 'Trung tâm Chuyển đổi số tỉnh', parentCode: 'QN-SKHCN', kind: 'office', headcount: 40 },
	{ code: 'QN-HK', name: 'Phường Hà Khánh', parentCode: 'QN', kind: 'ward', headcount: 110 },
	{ code: 'QN-BC', name: 'Phường Bãi Cháy', parentCode: 'QN', kind: 'ward', headcount: 130 },
	{ code: 'QN-CP', name: 'Phường Cẩm Phả', parentCode: 'QN', kind: 'ward', headcount: 120 },
	{ code: 'QN-PH', name: 'Xã Phong Hải', parentCode: 'QN', kind: 'commune', headcount: 80 },
	{ code: 'QN-TY', name: 'Xã Tiên Yên', parentCode: 'QN', kind: 'commune', headcount: 90 },
	{
		code: 'QN-HK-VP',
		name: 'Văn phòng HĐND và UBND phường Hà Khánh',
		parentCode: 'QN-HK',
		kind: 'office',
		headcount: 35
	},
	{
		code: 'QN-HK-TTHCC',
		name: 'Trung tâm Phục vụ hành chính công phường Hà Khánh',
		parentCode: 'QN-HK',
		kind: 'office',
		headcount: 30
	},
	{
		code: 'QN-BC-TTHCC',
		name: 'Trung tâm Phục vụ hành chính công phường Bãi Cháy',
		parentCode: 'QN-BC',
		kind: 'office',
		headcount: 32
	},
	{
		code: 'QN-PH-VP',
		name: 'Văn phòng HĐND và UBND xã Phong Hải',
		parentCode: 'QN-PH',
		kind: 'office',
		headcount: 30
	}
];

export interface DemoTopic {
	code: string;
	name: string;
}

export const demoTopics: DemoTopic[] = [
	{ code: 'the-che', name: 'Cải cách thể chế' },
	{ code: 'tthc', name: 'Cải cách thủ tục hành chính' },
	{ code: 'bo-may', name: 'Cải cách tổ chức bộ máy hành chính nhà nước' },
	{ code: 'cong-vu', name: 'Cải cách chế độ công vụ' },
	{ code: 'tai-chinh-cong', name: 'Cải cách tài chính công' },
	{ code: 'chinh-phu-so', name: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số' }
];

export interface DemoQuestion {
	topic: string;
	type: QuestionType;
	difficulty: Difficulty;
	text: string;
	options: { text: string; correct: boolean }[];
	explanation: string;
	legalReference: string | null;
	tags: string[];
}

/** The two options of a true/false question, always in the order “Đúng”, “Sai”. */
function trueFalse(statementIsTrue: boolean): { text: string; correct: boolean }[] {
	return [
		{ text: 'Đúng', correct: statementIsTrue },
		{ text: 'Sai', correct: !statementIsTrue }
	];
}

const NQ76 = 'Nghị quyết 76/NQ-CP ngày 15/7/2021';

const theChe: DemoQuestion[] = [
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'easy',
		text: 'Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 được Chính phủ ban hành kèm theo văn bản nào?',
		options: [
			{ text: 'Nghị quyết 76/NQ-CP ngày 15/7/2021', correct: true },
			{ text: 'Nghị quyết 30c/NQ-CP ngày 08/11/2011', correct: false },
			{ text: 'Quyết định 06/QĐ-TTg ngày 06/01/2022', correct: false },
			{ text: 'Nghị định 61/2018/NĐ-CP ngày 23/4/2018', correct: false }
		],
		explanation:
			'Nghị quyết 76/NQ-CP ngày 15/7/2021 ban hành Chương trình tổng thể cải cách hành chính nhà nước cho cả giai đoạn 2021–2030.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'chương trình tổng thể']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'easy',
		text: 'Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 gồm bao nhiêu nội dung cải cách?',
		options: [
			{ text: '4 nội dung', correct: false },
			{ text: '5 nội dung', correct: false },
			{ text: '6 nội dung', correct: true },
			{ text: '7 nội dung', correct: false }
		],
		explanation:
			'Chương trình có 6 nội dung: thể chế; thủ tục hành chính; tổ chức bộ máy; chế độ công vụ; tài chính công; Chính phủ điện tử, Chính phủ số.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'chương trình tổng thể']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'easy',
		text: 'Nội dung nào sau đây KHÔNG nằm trong sáu nội dung của Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030?',
		options: [
			{ text: 'Cải cách thể chế', correct: false },
			{ text: 'Cải cách tài chính công', correct: false },
			{ text: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', correct: false },
			{ text: 'Cải cách tư pháp', correct: true }
		],
		explanation:
			'Cải cách tư pháp là một chủ trương riêng, không thuộc Chương trình tổng thể cải cách hành chính nhà nước theo Nghị quyết 76/NQ-CP.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'chương trình tổng thể']
	},
	{
		topic: 'the-che',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011–2020 được ban hành kèm theo Nghị quyết 76/NQ-CP của Chính phủ.',
		options: trueFalse(false),
		explanation:
			'Sai: giai đoạn 2011–2020 do Nghị quyết 30c/NQ-CP ngày 08/11/2011 ban hành; Nghị quyết 76/NQ-CP ngày 15/7/2021 ban hành chương trình cho giai đoạn 2021–2030.',
		legalReference: 'Nghị quyết 30c/NQ-CP ngày 08/11/2011',
		tags: ['chương trình tổng thể', 'lịch sử']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'easy',
		text: 'Theo Hiến pháp năm 2013, cơ quan nào thực hiện quyền lập hiến, quyền lập pháp?',
		options: [
			{ text: 'Quốc hội', correct: true },
			{ text: 'Chính phủ', correct: false },
			{ text: 'Thủ tướng Chính phủ', correct: false },
			{ text: 'Bộ Tư pháp', correct: false }
		],
		explanation: 'Quốc hội là cơ quan duy nhất làm Hiến pháp và làm luật; Chính phủ thực hiện quyền hành pháp.',
		legalReference: 'Hiến pháp năm 2013',
		tags: ['Hiến pháp', 'lập pháp']
	},
	{
		topic: 'the-che',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Những nội dung nào sau đây thuộc Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030? (chọn nhiều đáp án)',
		options: [
			{ text: 'Cải cách chế độ công vụ', correct: true },
			{ text: 'Cải cách chế độ bầu cử', correct: false },
			{ text: 'Cải cách thủ tục hành chính', correct: true },
			{ text: 'Cải cách chương trình giáo dục phổ thông', correct: false },
			{ text: 'Cải cách tài chính công', correct: true }
		],
		explanation:
			'Công vụ, thủ tục hành chính và tài chính công đều nằm trong sáu nội dung của Nghị quyết 76/NQ-CP; bầu cử và giáo dục phổ thông thì không.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'chương trình tổng thể']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'medium',
		text: 'Văn bản nào sau đây KHÔNG phải là văn bản quy phạm pháp luật?',
		options: [
			{ text: 'Nghị định của Chính phủ', correct: false },
			{ text: 'Thông tư của Bộ trưởng', correct: false },
			{ text: 'Nghị quyết của Hội đồng nhân dân tỉnh', correct: false },
			{ text: 'Kế hoạch tuyên truyền cải cách hành chính năm của UBND xã', correct: true }
		],
		explanation:
			'Kế hoạch tuyên truyền (như kế hoạch CCHC hằng năm của một xã) là văn bản hành chính để tổ chức công việc, không chứa quy phạm pháp luật.',
		legalReference: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15',
		tags: ['văn bản quy phạm pháp luật']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'medium',
		text: 'Chính phủ ban hành văn bản quy phạm pháp luật để quy định chi tiết luật dưới hình thức nào sau đây?',
		options: [
			{ text: 'Pháp lệnh', correct: false },
			{ text: 'Nghị định', correct: true },
			{ text: 'Thông tư', correct: false },
			{ text: 'Chỉ thị', correct: false }
		],
		explanation:
			'Nghị định là văn bản của Chính phủ; pháp lệnh do Ủy ban Thường vụ Quốc hội ban hành, thông tư do Bộ trưởng, Thủ trưởng cơ quan ngang bộ ban hành.',
		legalReference: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15',
		tags: ['văn bản quy phạm pháp luật', 'Chính phủ']
	},
	{
		topic: 'the-che',
		type: 'true_false',
		difficulty: 'medium',
		text: 'Thông tư là hình thức văn bản quy phạm pháp luật do Bộ trưởng, Thủ trưởng cơ quan ngang bộ ban hành.',
		options: trueFalse(true),
		explanation:
			'Bộ trưởng, Thủ trưởng cơ quan ngang bộ ban hành thông tư để quy định các vấn đề thuộc ngành, lĩnh vực mình quản lý.',
		legalReference: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15',
		tags: ['văn bản quy phạm pháp luật']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'hard',
		text: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 có hiệu lực thi hành từ ngày nào?',
		options: [
			{ text: '01/01/2025', correct: false },
			{ text: '01/4/2025', correct: true },
			{ text: '01/7/2025', correct: false },
			{ text: '01/01/2026', correct: false }
		],
		explanation:
			'Luật được Quốc hội thông qua ngày 19/02/2025 và có hiệu lực từ 01/4/2025, thay thế Luật Ban hành văn bản quy phạm pháp luật năm 2015.',
		legalReference: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15',
		tags: ['văn bản quy phạm pháp luật', 'hiệu lực']
	},
	{
		topic: 'the-che',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Theo Nghị quyết 76/NQ-CP, những nội dung nào là trọng tâm cải cách hành chính giai đoạn 2021–2030? (chọn nhiều đáp án)',
		options: [
			{ text: 'Cải cách thể chế', correct: true },
			{ text: 'Tăng số lượng đơn vị hành chính cấp huyện', correct: false },
			{
				text: 'Xây dựng đội ngũ cán bộ, công chức, viên chức chuyên nghiệp, có năng lực, phẩm chất',
				correct: true
			},
			{ text: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', correct: true },
			{ text: 'Mở rộng biên chế khối hành chính', correct: false }
		],
		explanation:
			'Nghị quyết 76/NQ-CP xác định ba trọng tâm: thể chế, đội ngũ cán bộ, công chức, viên chức và Chính phủ điện tử, Chính phủ số.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'trọng tâm']
	},
	{
		topic: 'the-che',
		type: 'single',
		difficulty: 'hard',
		text: 'Cơ quan nào là cơ quan thường trực giúp Chính phủ theo dõi, đôn đốc, hướng dẫn việc thực hiện Chương trình tổng thể cải cách hành chính nhà nước?',
		options: [
			{ text: 'Văn phòng Chính phủ', correct: false },
			{ text: 'Bộ Tư pháp', correct: false },
			{ text: 'Bộ Nội vụ', correct: true },
			{ text: 'Bộ Tài chính', correct: false }
		],
		explanation:
			'Bộ Nội vụ là cơ quan thường trực về cải cách hành chính; Văn phòng Chính phủ phụ trách mảng kiểm soát thủ tục hành chính.',
		legalReference: NQ76,
		tags: ['Nghị quyết 76', 'tổ chức thực hiện']
	}
];

const tthc: DemoQuestion[] = [
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'easy',
		text: 'Địa chỉ truy cập Cổng Dịch vụ công quốc gia là gì?',
		options: [
			{ text: 'dichvucong.gov.vn', correct: true },
			{ text: 'dichvucong.com.vn', correct: false },
			{ text: 'congdichvu.net', correct: false },
			{ text: 'hanhchinhcong.vn', correct: false }
		],
		explanation:
			'Cổng Dịch vụ công quốc gia dùng tên miền chính thức dichvucong.gov.vn; tên miền .gov.vn dành cho cơ quan nhà nước.',
		legalReference: null,
		tags: ['Cổng Dịch vụ công quốc gia']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'easy',
		text: 'Từ ngày 01/01/2023, cơ quan nhà nước không được yêu cầu người dân xuất trình loại giấy tờ nào khi giải quyết thủ tục hành chính, vì giấy tờ đó đã hết giá trị sử dụng?',
		options: [
			{ text: 'Giấy chứng nhận quyền sử dụng đất', correct: false },
			{ text: 'Sổ hộ khẩu, sổ tạm trú bằng giấy', correct: true },
			{ text: 'Giấy phép lái xe', correct: false },
			{ text: 'Thẻ bảo hiểm y tế', correct: false }
		],
		explanation:
			'Theo Luật Cư trú năm 2020, sổ hộ khẩu và sổ tạm trú chỉ được sử dụng đến hết ngày 31/12/2022; thông tin cư trú được khai thác từ cơ sở dữ liệu.',
		legalReference: 'Luật Cư trú năm 2020',
		tags: ['giấy tờ công dân', 'cư trú']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'easy',
		text: 'Ở cấp tỉnh, Bộ phận Một cửa tiếp nhận và trả kết quả giải quyết thủ tục hành chính tập trung có tên gọi là gì?',
		options: [
			{ text: 'Ban Tiếp công dân tỉnh', correct: false },
			{ text: 'Trung tâm Phục vụ hành chính công tỉnh', correct: true },
			{ text: 'Văn phòng Đoàn đại biểu Quốc hội tỉnh', correct: false },
			{ text: 'Trung tâm Lưu trữ lịch sử tỉnh', correct: false }
		],
		explanation:
			'Trung tâm Phục vụ hành chính công là Bộ phận Một cửa cấp tỉnh, nơi tiếp nhận hồ sơ và trả kết quả của nhiều sở, ngành.',
		legalReference: 'Nghị định 61/2018/NĐ-CP ngày 23/4/2018',
		tags: ['một cửa']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'easy',
		text: 'Chỉ số SIPAS đo lường nội dung nào?',
		options: [
			{
				text: 'Sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước',
				correct: true
			},
			{ text: 'Năng lực cạnh tranh cấp tỉnh', correct: false },
			{ text: 'Tốc độ tăng trưởng kinh tế của địa phương', correct: false },
			{ text: 'Tỷ lệ giải ngân vốn đầu tư công', correct: false }
		],
		explanation:
			'SIPAS là chỉ số hài lòng về sự phục vụ hành chính, được đo lường hằng năm cùng với Chỉ số cải cách hành chính (PAR Index).',
		legalReference: null,
		tags: ['SIPAS', 'chỉ số']
	},
	{
		topic: 'tthc',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Năm 2023, các “Điểm hỗ trợ thực hiện thủ tục hành chính 24h” của huyện Thanh Trì (Hà Nội) được đặt tại nhà văn hóa thôn, tổ dân phố.',
		options: trueFalse(true),
		explanation:
			'Năm 2023, Thanh Trì có 23 điểm hỗ trợ đặt tại nhà văn hóa thôn, tổ dân phố, giúp người dân được hướng dẫn cả ngoài giờ hành chính.',
		legalReference: null,
		tags: ['mô hình hay', 'hỗ trợ người dân']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'medium',
		text: 'Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính được sửa đổi, bổ sung bởi nghị định nào?',
		options: [
			{ text: 'Nghị định 45/2020/NĐ-CP', correct: false },
			{ text: 'Nghị định 107/2021/NĐ-CP', correct: true },
			{ text: 'Nghị định 42/2022/NĐ-CP', correct: false },
			{ text: 'Nghị định 63/2010/NĐ-CP', correct: false }
		],
		explanation:
			'Nghị định 107/2021/NĐ-CP ngày 06/12/2021 sửa đổi, bổ sung một số điều của Nghị định 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông.',
		legalReference: 'Nghị định 107/2021/NĐ-CP ngày 06/12/2021',
		tags: ['một cửa']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'medium',
		text: 'Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến được phân thành những loại nào?',
		options: [
			{ text: 'Mức độ 1, mức độ 2, mức độ 3 và mức độ 4', correct: false },
			{ text: 'Dịch vụ công trực tuyến toàn trình và dịch vụ công trực tuyến một phần', correct: true },
			{ text: 'Dịch vụ công cơ bản và dịch vụ công nâng cao', correct: false },
			{ text: 'Dịch vụ công cấp tỉnh và dịch vụ công cấp xã', correct: false }
		],
		explanation:
			'Nghị định 42/2022/NĐ-CP thay cách chia mức độ 1–4 trước đây bằng hai loại: toàn trình (làm trực tuyến từ nộp hồ sơ đến nhận kết quả) và một phần.',
		legalReference: 'Nghị định 42/2022/NĐ-CP',
		tags: ['dịch vụ công trực tuyến']
	},
	{
		topic: 'tthc',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Khi hồ sơ thủ tục hành chính bị giải quyết quá hạn do lỗi của cơ quan, cơ quan đó phải làm gì? (chọn nhiều đáp án)',
		options: [
			{ text: 'Gửi văn bản xin lỗi tổ chức, cá nhân', correct: true },
			{ text: 'Hẹn lại thời gian trả kết quả', correct: true },
			{ text: 'Yêu cầu người dân nộp lại toàn bộ hồ sơ mới', correct: false },
			{ text: 'Thu thêm phí để giải quyết nhanh', correct: false }
		],
		explanation:
			'Theo quy định về cơ chế một cửa, hồ sơ quá hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả; không được bắt nộp lại hay thu thêm tiền.',
		legalReference: 'Nghị định 61/2018/NĐ-CP ngày 23/4/2018',
		tags: ['một cửa', 'trách nhiệm giải trình']
	},
	{
		topic: 'tthc',
		type: 'true_false',
		difficulty: 'medium',
		text: 'Nghị định 63/2010/NĐ-CP là nghị định của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.',
		options: trueFalse(false),
		explanation:
			'Sai: Nghị định 63/2010/NĐ-CP ngày 08/6/2010 quy định việc kiểm soát thủ tục hành chính; cơ chế một cửa, một cửa liên thông do Nghị định 61/2018/NĐ-CP quy định.',
		legalReference: 'Nghị định 63/2010/NĐ-CP ngày 08/6/2010',
		tags: ['kiểm soát thủ tục hành chính']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'hard',
		text: 'Nghị định nào của Chính phủ, ban hành ngày 09/6/2025, quy định việc thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia?',
		options: [
			{ text: 'Nghị định 118/2025/NĐ-CP', correct: true },
			{ text: 'Nghị định 107/2021/NĐ-CP', correct: false },
			{ text: 'Nghị định 61/2018/NĐ-CP', correct: false },
			{ text: 'Nghị định 42/2022/NĐ-CP', correct: false }
		],
		explanation:
			'Nghị định 118/2025/NĐ-CP có hiệu lực từ 01/7/2025, cùng thời điểm chính quyền địa phương hai cấp đi vào hoạt động.',
		legalReference: 'Nghị định 118/2025/NĐ-CP ngày 09/6/2025',
		tags: ['một cửa', 'Cổng Dịch vụ công quốc gia']
	},
	{
		topic: 'tthc',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Những phát biểu nào sau đây về Cổng Dịch vụ công quốc gia là đúng? (chọn nhiều đáp án)',
		options: [
			{ text: 'Cổng chính thức khai trương tháng 12/2019', correct: true },
			{ text: 'Cổng chỉ dành cho doanh nghiệp, người dân không sử dụng được', correct: false },
			{ text: 'Người dùng có thể tra cứu tình trạng xử lý hồ sơ đã nộp', correct: true },
			{ text: 'Cổng đã thay thế hoàn toàn việc nộp hồ sơ trực tiếp tại Bộ phận Một cửa', correct: false },
			{ text: 'Hồ sơ nộp qua dịch vụ công toàn trình vẫn phải nộp thêm bản giấy mới được giải quyết', correct: false }
		],
		explanation:
			'Cổng khai trương ngày 09/12/2019, phục vụ cả người dân và doanh nghiệp, cho tra cứu tiến độ hồ sơ; việc nộp trực tiếp tại Bộ phận Một cửa vẫn được duy trì.',
		legalReference: null,
		tags: ['Cổng Dịch vụ công quốc gia']
	},
	{
		topic: 'tthc',
		type: 'single',
		difficulty: 'hard',
		text: 'Nghị định 20/2008/NĐ-CP quy định về nội dung nào?',
		options: [
			{ text: 'Kiểm soát thủ tục hành chính', correct: false },
			{
				text: 'Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính',
				correct: true
			},
			{ text: 'Thực hiện thủ tục hành chính trên môi trường điện tử', correct: false },
			{ text: 'Chế độ tự chủ tài chính của đơn vị sự nghiệp công lập', correct: false }
		],
		explanation:
			'Nghị định 20/2008/NĐ-CP là căn cứ để người dân, doanh nghiệp phản ánh những quy định hành chính không hợp lý, không hợp pháp hoặc gây phiền hà.',
		legalReference: 'Nghị định 20/2008/NĐ-CP',
		tags: ['phản ánh, kiến nghị']
	}
];

const boMay: DemoQuestion[] = [
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'easy',
		text: 'Từ ngày 01/7/2025, chính quyền địa phương ở nước ta được tổ chức theo mô hình nào?',
		options: [
			{ text: 'Ba cấp: tỉnh, huyện, xã', correct: false },
			{ text: 'Hai cấp: tỉnh và huyện', correct: false },
			{ text: 'Hai cấp: tỉnh và xã', correct: true },
			{ text: 'Một cấp: tỉnh', correct: false }
		],
		explanation:
			'Từ 01/7/2025, chính quyền địa phương gồm cấp tỉnh và cấp xã; cấp huyện không còn tổ chức chính quyền.',
		legalReference: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
		tags: ['chính quyền hai cấp', 'sắp xếp 2025']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'easy',
		text: 'Sau khi sắp xếp đơn vị hành chính năm 2025, cả nước có bao nhiêu tỉnh, thành phố trực thuộc Trung ương?',
		options: [
			{ text: '28', correct: false },
			{ text: '34', correct: true },
			{ text: '45', correct: false },
			{ text: '63', correct: false }
		],
		explanation: 'Theo Nghị quyết 202/2025/QH15, từ 63 tỉnh, thành phố, cả nước còn 34 đơn vị hành chính cấp tỉnh.',
		legalReference: 'Nghị quyết 202/2025/QH15',
		tags: ['sắp xếp 2025', 'đơn vị hành chính']
	},
	{
		topic: 'bo-may',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Từ ngày 01/7/2025, cấp huyện (quận, huyện, thị xã, thành phố thuộc tỉnh) không còn là một cấp chính quyền địa phương.',
		options: trueFalse(true),
		explanation:
			'Khi chuyển sang mô hình hai cấp, cấp huyện kết thúc hoạt động; nhiệm vụ của cấp huyện được chuyển lên cấp tỉnh hoặc xuống cấp xã.',
		legalReference: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
		tags: ['chính quyền hai cấp', 'sắp xếp 2025']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'easy',
		text: 'Trong đợt sắp xếp đơn vị hành chính cấp tỉnh năm 2025, tỉnh Quảng Ninh thuộc trường hợp nào?',
		options: [
			{ text: 'Giữ nguyên, không hợp nhất với tỉnh, thành phố khác', correct: true },
			{ text: 'Hợp nhất với thành phố Hải Phòng', correct: false },
			{ text: 'Hợp nhất với tỉnh Lạng Sơn', correct: false },
			{ text: 'Hợp nhất với tỉnh Bắc Giang', correct: false }
		],
		explanation:
			'Quảng Ninh là một trong 11 tỉnh, thành phố giữ nguyên đơn vị hành chính cấp tỉnh; việc sắp xếp trong tỉnh diễn ra ở cấp xã.',
		legalReference: 'Nghị quyết 202/2025/QH15',
		tags: ['sắp xếp 2025', 'Quảng Ninh']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'easy',
		text: 'Theo Hiến pháp năm 2013, Ủy ban nhân dân ở mỗi cấp chính quyền địa phương do ai bầu?',
		options: [
			{ text: 'Nhân dân địa phương bầu trực tiếp', correct: false },
			{ text: 'Hội đồng nhân dân cùng cấp', correct: true },
			{ text: 'Thủ tướng Chính phủ bổ nhiệm', correct: false },
			{ text: 'Ủy ban Mặt trận Tổ quốc cùng cấp', correct: false }
		],
		explanation:
			'Ủy ban nhân dân do Hội đồng nhân dân cùng cấp bầu, là cơ quan chấp hành của Hội đồng nhân dân và cơ quan hành chính nhà nước ở địa phương.',
		legalReference: 'Hiến pháp năm 2013',
		tags: ['Hiến pháp', 'chính quyền địa phương']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'medium',
		text: 'Sau khi sắp xếp năm 2025, cả nước có bao nhiêu đơn vị hành chính cấp xã?',
		options: [
			{ text: '1.653', correct: false },
			{ text: '3.321', correct: true },
			{ text: '6.210', correct: false },
			{ text: '10.598', correct: false }
		],
		explanation: 'Từ 01/7/2025, cả nước có 3.321 đơn vị hành chính cấp xã, gồm xã, phường và đặc khu.',
		legalReference: null,
		tags: ['sắp xếp 2025', 'đơn vị hành chính']
	},
	{
		topic: 'bo-may',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Từ ngày 01/7/2025, đơn vị hành chính cấp xã gồm những loại nào? (chọn nhiều đáp án)',
		options: [
			{ text: 'Xã', correct: true },
			{ text: 'Thị trấn', correct: false },
			{ text: 'Phường', correct: true },
			{ text: 'Quận', correct: false },
			{ text: 'Đặc khu', correct: true }
		],
		explanation:
			'Cấp xã gồm xã, phường và đặc khu (như đặc khu Vân Đồn, Cô Tô của Quảng Ninh); thị trấn không còn, quận thuộc cấp huyện cũ.',
		legalReference: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
		tags: ['chính quyền hai cấp', 'đơn vị hành chính']
	},
	{
		topic: 'bo-may',
		type: 'true_false',
		difficulty: 'medium',
		text: 'Theo Hiến pháp năm 2013, Chính phủ là cơ quan quyền lực nhà nước cao nhất của nước Cộng hòa xã hội chủ nghĩa Việt Nam.',
		options: trueFalse(false),
		explanation:
			'Sai: Quốc hội là cơ quan quyền lực nhà nước cao nhất; Chính phủ là cơ quan hành chính nhà nước cao nhất, thực hiện quyền hành pháp và là cơ quan chấp hành của Quốc hội.',
		legalReference: 'Hiến pháp năm 2013',
		tags: ['Hiến pháp', 'Chính phủ']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'medium',
		text: 'Nghị quyết số 18-NQ/TW ngày 25/10/2017 (Hội nghị Trung ương 6 khóa XII) bàn về vấn đề nào?',
		options: [
			{ text: 'Cải cách chính sách tiền lương', correct: false },
			{
				text: 'Tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả',
				correct: true
			},
			{ text: 'Đột phá phát triển khoa học, công nghệ và chuyển đổi số', correct: false },
			{ text: 'Phát triển kinh tế tư nhân', correct: false }
		],
		explanation:
			'Nghị quyết 18-NQ/TW là nền tảng của việc tinh gọn bộ máy; các đợt sắp xếp năm 2025 tiếp tục tổng kết và thực hiện nghị quyết này.',
		legalReference: 'Nghị quyết 18-NQ/TW ngày 25/10/2017',
		tags: ['tinh gọn bộ máy']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'hard',
		text: '34 đơn vị hành chính cấp tỉnh sau sắp xếp năm 2025 gồm những loại nào?',
		options: [
			{ text: '28 tỉnh và 6 thành phố trực thuộc Trung ương', correct: true },
			{ text: '29 tỉnh và 5 thành phố trực thuộc Trung ương', correct: false },
			{ text: '30 tỉnh và 4 thành phố trực thuộc Trung ương', correct: false },
			{ text: '27 tỉnh và 7 thành phố trực thuộc Trung ương', correct: false }
		],
		explanation:
			'Sau sắp xếp có 6 thành phố trực thuộc Trung ương và 28 tỉnh, tổng cộng 34 đơn vị hành chính cấp tỉnh.',
		legalReference: 'Nghị quyết 202/2025/QH15',
		tags: ['sắp xếp 2025', 'đơn vị hành chính']
	},
	{
		topic: 'bo-may',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Trong việc sắp xếp cơ cấu tổ chức của Chính phủ năm 2025, những việc hợp nhất nào sau đây đã được thực hiện? (chọn nhiều đáp án)',
		options: [
			{ text: 'Bộ Kế hoạch và Đầu tư hợp nhất vào Bộ Tài chính', correct: true },
			{ text: 'Bộ Tư pháp hợp nhất vào Bộ Công an', correct: false },
			{ text: 'Bộ Thông tin và Truyền thông hợp nhất vào Bộ Khoa học và Công nghệ', correct: true },
			{ text: 'Bộ Y tế hợp nhất với Bộ Giáo dục và Đào tạo', correct: false },
			{ text: 'Bộ Giao thông vận tải hợp nhất vào Bộ Xây dựng', correct: true }
		],
		explanation:
			'Năm 2025, các bộ có chức năng gần nhau được hợp nhất (Tài chính, Khoa học và Công nghệ, Xây dựng...); Bộ Tư pháp, Bộ Y tế, Bộ Giáo dục và Đào tạo vẫn giữ nguyên.',
		legalReference: null,
		tags: ['tinh gọn bộ máy', 'Chính phủ']
	},
	{
		topic: 'bo-may',
		type: 'single',
		difficulty: 'hard',
		text: 'Sau khi sắp xếp năm 2025, Chính phủ có bao nhiêu bộ, cơ quan ngang bộ?',
		options: [
			{ text: '22 (18 bộ và 4 cơ quan ngang bộ)', correct: false },
			{ text: '17 (14 bộ và 3 cơ quan ngang bộ)', correct: true },
			{ text: '18 (15 bộ và 3 cơ quan ngang bộ)', correct: false },
			{ text: '15 (12 bộ và 3 cơ quan ngang bộ)', correct: false }
		],
		explanation:
			'Từ 22 bộ, cơ quan ngang bộ, Chính phủ còn 14 bộ và 3 cơ quan ngang bộ (Văn phòng Chính phủ, Thanh tra Chính phủ, Ngân hàng Nhà nước Việt Nam).',
		legalReference: null,
		tags: ['tinh gọn bộ máy', 'Chính phủ']
	}
];

const congVu: DemoQuestion[] = [
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'easy',
		text: 'Người làm việc tại đơn vị sự nghiệp công lập theo chế độ hợp đồng làm việc, hưởng lương từ quỹ lương của đơn vị, được gọi là gì?',
		options: [
			{ text: 'Cán bộ', correct: false },
			{ text: 'Công chức', correct: false },
			{ text: 'Viên chức', correct: true },
			{ text: 'Người hoạt động không chuyên trách', correct: false }
		],
		explanation:
			'Viên chức làm việc ở đơn vị sự nghiệp công lập (trường học, bệnh viện...) theo hợp đồng làm việc, khác với công chức làm việc trong cơ quan nhà nước.',
		legalReference: 'Luật Viên chức',
		tags: ['viên chức', 'khái niệm']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'easy',
		text: 'Hành vi nào sau đây cán bộ, công chức KHÔNG được làm khi giải quyết công việc của người dân?',
		options: [
			{ text: 'Hướng dẫn người dân nộp hồ sơ trực tuyến', correct: false },
			{ text: 'Cửa quyền, hách dịch, gây khó khăn, phiền hà', correct: true },
			{ text: 'Giải quyết hồ sơ trước thời hạn', correct: false },
			{ text: 'Tiếp nhận góp ý của người dân về thái độ phục vụ', correct: false }
		],
		explanation:
			'Trong giao tiếp với Nhân dân, cán bộ, công chức phải lịch sự, tận tình; cửa quyền, hách dịch, gây phiền hà là hành vi bị cấm.',
		legalReference: 'Luật Cán bộ, công chức',
		tags: ['đạo đức công vụ', 'văn hóa giao tiếp']
	},
	{
		topic: 'cong-vu',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Cán bộ, công chức, viên chức phải đeo thẻ khi thực hiện nhiệm vụ tại công sở.',
		options: trueFalse(true),
		explanation:
			'Quy chế văn hóa công sở yêu cầu đeo thẻ khi làm nhiệm vụ để người dân biết tên, chức danh của người đang phục vụ mình.',
		legalReference: 'Quyết định 129/2007/QĐ-TTg (Quy chế văn hóa công sở)',
		tags: ['văn hóa công sở']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'easy',
		text: 'Phường Hà Khánh dùng phiếu khảo sát để hỏi ý kiến người dân sau khi họ làm thủ tục hành chính. Mục đích chính của việc này là gì?',
		options: [
			{ text: 'Thu thêm phí dịch vụ', correct: false },
			{ text: 'Đo mức độ hài lòng của người dân về sự phục vụ để cải tiến', correct: true },
			{ text: 'Kiểm tra lý lịch người nộp hồ sơ', correct: false },
			{ text: 'Thay thế thành phần hồ sơ còn thiếu', correct: false }
		],
		explanation:
			'Phiếu lấy ý kiến giúp đo sự hài lòng của người dân, qua đó phát hiện điểm cần cải thiện và nhân rộng cách làm tốt.',
		legalReference: null,
		tags: ['mức độ hài lòng', 'Hà Khánh']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'easy',
		text: 'Khi gặp công chức sách nhiễu, gây phiền hà trong giải quyết thủ tục hành chính, người dân nên làm gì?',
		options: [
			{ text: 'Đưa thêm tiền để được giải quyết nhanh', correct: false },
			{
				text: 'Phản ánh, kiến nghị đến cơ quan có thẩm quyền qua đường dây nóng, hòm thư góp ý hoặc cổng dịch vụ công',
				correct: true
			},
			{ text: 'Bỏ hồ sơ và không thông báo cho ai', correct: false },
			{ text: 'Đăng thông tin cá nhân của công chức lên mạng xã hội', correct: false }
		],
		explanation:
			'Phản ánh đúng kênh giúp cơ quan xử lý vi phạm và bảo vệ quyền lợi của người dân; đưa tiền là tiếp tay cho tiêu cực.',
		legalReference: null,
		tags: ['phản ánh, kiến nghị', 'đạo đức công vụ']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'medium',
		text: 'Theo Nghị định 90/2020/NĐ-CP, việc đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức được thực hiện theo chu kỳ nào?',
		options: [
			{ text: 'Hằng năm', correct: true },
			{ text: '5 năm một lần', correct: false },
			{ text: 'Chỉ khi nâng ngạch, thăng hạng', correct: false },
			{ text: 'Chỉ khi kết thúc nhiệm kỳ', correct: false }
		],
		explanation:
			'Đánh giá, xếp loại chất lượng được thực hiện hằng năm và là căn cứ để bố trí, sử dụng, khen thưởng, kỷ luật.',
		legalReference: 'Nghị định 90/2020/NĐ-CP',
		tags: ['đánh giá, xếp loại']
	},
	{
		topic: 'cong-vu',
		type: 'true_false',
		difficulty: 'medium',
		text: 'Luật Cán bộ, công chức số 80/2025/QH15 có hiệu lực thi hành từ ngày 01/01/2026.',
		options: trueFalse(false),
		explanation:
			'Sai: Luật được Quốc hội thông qua ngày 24/6/2025 và có hiệu lực từ 01/7/2025, cùng thời điểm vận hành chính quyền địa phương hai cấp.',
		legalReference: 'Luật Cán bộ, công chức số 80/2025/QH15',
		tags: ['Luật Cán bộ, công chức', 'hiệu lực']
	},
	{
		topic: 'cong-vu',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Những việc nào sau đây cán bộ, công chức KHÔNG được làm? (chọn nhiều đáp án)',
		options: [
			{ text: 'Trốn tránh trách nhiệm, thoái thác nhiệm vụ được giao', correct: true },
			{ text: 'Tham gia lớp bồi dưỡng nâng cao trình độ', correct: false },
			{ text: 'Lợi dụng, lạm dụng nhiệm vụ, quyền hạn để vụ lợi', correct: true },
			{ text: 'Đề xuất sáng kiến cải tiến quy trình giải quyết công việc', correct: false }
		],
		explanation:
			'Trốn tránh trách nhiệm và lợi dụng chức vụ để vụ lợi là những việc bị cấm; học tập, đề xuất sáng kiến là việc được khuyến khích.',
		legalReference: 'Luật Cán bộ, công chức',
		tags: ['đạo đức công vụ']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'medium',
		text: 'Theo Luật Cán bộ, công chức, cán bộ là người được bầu cử, phê chuẩn, bổ nhiệm giữ chức vụ, chức danh theo:',
		options: [
			{ text: 'Nhiệm kỳ', correct: true },
			{ text: 'Hợp đồng làm việc', correct: false },
			{ text: 'Hợp đồng lao động thời vụ', correct: false },
			{ text: 'Thỏa thuận với người dân địa phương', correct: false }
		],
		explanation:
			'Cán bộ giữ chức vụ, chức danh theo nhiệm kỳ trong cơ quan của Đảng, Nhà nước, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội.',
		legalReference: 'Luật Cán bộ, công chức',
		tags: ['cán bộ', 'khái niệm']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'hard',
		text: 'Đề án “Văn hóa công vụ” được Thủ tướng Chính phủ phê duyệt tại văn bản nào?',
		options: [
			{ text: 'Quyết định 129/2007/QĐ-TTg', correct: false },
			{ text: 'Quyết định 1847/QĐ-TTg ngày 27/12/2018', correct: true },
			{ text: 'Nghị định 90/2020/NĐ-CP', correct: false },
			{ text: 'Quyết định 06/QĐ-TTg ngày 06/01/2022', correct: false }
		],
		explanation:
			'Quyết định 1847/QĐ-TTg phê duyệt Đề án văn hóa công vụ; Quyết định 129/2007/QĐ-TTg là Quy chế văn hóa công sở, một văn bản khác.',
		legalReference: 'Quyết định 1847/QĐ-TTg ngày 27/12/2018',
		tags: ['văn hóa công vụ']
	},
	{
		topic: 'cong-vu',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Theo Nghị định 90/2020/NĐ-CP, những mức nào dưới đây là mức xếp loại chất lượng cán bộ, công chức, viên chức? (chọn nhiều đáp án)',
		options: [
			{ text: 'Hoàn thành xuất sắc nhiệm vụ', correct: true },
			{ text: 'Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực', correct: false },
			{ text: 'Hoàn thành tốt nhiệm vụ', correct: true },
			{ text: 'Hoàn thành vượt kế hoạch', correct: false },
			{ text: 'Không hoàn thành nhiệm vụ', correct: true }
		],
		explanation:
			'Nghị định 90/2020/NĐ-CP có 4 mức: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành nhiệm vụ; mức “còn hạn chế về năng lực” của quy định cũ đã bị bỏ.',
		legalReference: 'Nghị định 90/2020/NĐ-CP',
		tags: ['đánh giá, xếp loại']
	},
	{
		topic: 'cong-vu',
		type: 'single',
		difficulty: 'hard',
		text: 'Nghị định 62/2020/NĐ-CP của Chính phủ quy định về nội dung nào?',
		options: [
			{ text: 'Vị trí việc làm và biên chế công chức', correct: true },
			{ text: 'Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức', correct: false },
			{ text: 'Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập', correct: false },
			{ text: 'Thực hiện thủ tục hành chính trên môi trường điện tử', correct: false }
		],
		explanation:
			'Nghị định 62/2020/NĐ-CP là căn cứ để xác định vị trí việc làm và quản lý biên chế công chức trong cơ quan hành chính.',
		legalReference: 'Nghị định 62/2020/NĐ-CP',
		tags: ['vị trí việc làm', 'biên chế']
	}
];

const taiChinhCong: DemoQuestion[] = [
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'easy',
		text: 'Năm ngân sách của Việt Nam được tính như thế nào?',
		options: [
			{ text: 'Từ ngày 01/01 đến ngày 31/12 năm dương lịch', correct: true },
			{ text: 'Từ ngày 01/4 năm trước đến ngày 31/3 năm sau', correct: false },
			{ text: 'Từ ngày 01/7 năm trước đến ngày 30/6 năm sau', correct: false },
			{ text: 'Từ ngày 01/10 năm trước đến ngày 30/9 năm sau', correct: false }
		],
		explanation: 'Năm ngân sách trùng với năm dương lịch, bắt đầu ngày 01/01 và kết thúc ngày 31/12.',
		legalReference: 'Luật Ngân sách nhà nước',
		tags: ['ngân sách nhà nước']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'easy',
		text: 'Ngân sách nhà nước gồm những bộ phận nào?',
		options: [
			{ text: 'Ngân sách trung ương và ngân sách địa phương', correct: true },
			{ text: 'Ngân sách của các bộ và ngân sách của doanh nghiệp nhà nước', correct: false },
			{ text: 'Ngân sách của Quốc hội và ngân sách của Chính phủ', correct: false },
			{ text: 'Chỉ có ngân sách trung ương', correct: false }
		],
		explanation:
			'Ngân sách nhà nước gồm ngân sách trung ương và ngân sách địa phương (ngân sách của các cấp chính quyền địa phương).',
		legalReference: 'Luật Ngân sách nhà nước',
		tags: ['ngân sách nhà nước']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'easy',
		text: 'Cơ quan chuyên môn nào giúp UBND tỉnh quản lý nhà nước về tài chính, ngân sách trên địa bàn tỉnh?',
		options: [
			{ text: 'Sở Nội vụ', correct: false },
			{ text: 'Sở Tư pháp', correct: false },
			{ text: 'Sở Tài chính', correct: true },
			{ text: 'Văn phòng UBND tỉnh', correct: false }
		],
		explanation: 'Sở Tài chính là cơ quan chuyên môn tham mưu cho UBND tỉnh về tài chính, ngân sách.',
		legalReference: null,
		tags: ['Sở Tài chính']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Người dân có thể thanh toán trực tuyến phí, lệ phí khi nộp hồ sơ thủ tục hành chính qua Cổng Dịch vụ công quốc gia.',
		options: trueFalse(true),
		explanation:
			'Cổng Dịch vụ công quốc gia có chức năng thanh toán trực tuyến nghĩa vụ tài chính, giúp người dân không phải nộp tiền mặt tại quầy.',
		legalReference: null,
		tags: ['thanh toán trực tuyến', 'phí, lệ phí']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'easy',
		text: 'Khoản tiền được ấn định mà tổ chức, cá nhân phải nộp khi được cơ quan nhà nước cung cấp dịch vụ công, phục vụ công việc quản lý nhà nước (ví dụ khi đăng ký, cấp giấy tờ) gọi là gì?',
		options: [
			{ text: 'Lệ phí', correct: true },
			{ text: 'Tiền phạt vi phạm hành chính', correct: false },
			{ text: 'Thuế thu nhập cá nhân', correct: false },
			{ text: 'Tiền đặt cọc', correct: false }
		],
		explanation:
			'Theo Luật Phí và lệ phí, lệ phí là khoản tiền được ấn định phải nộp khi được cơ quan nhà nước phục vụ công việc quản lý nhà nước.',
		legalReference: 'Luật Phí và lệ phí năm 2015',
		tags: ['phí, lệ phí']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'medium',
		text: 'Theo Hiến pháp năm 2013, cơ quan nào quyết định dự toán ngân sách nhà nước và phân bổ ngân sách trung ương?',
		options: [
			{ text: 'Chính phủ', correct: false },
			{ text: 'Bộ Tài chính', correct: false },
			{ text: 'Quốc hội', correct: true },
			{ text: 'Kiểm toán nhà nước', correct: false }
		],
		explanation:
			'Chính phủ lập và trình dự toán; Quốc hội là cơ quan quyết định dự toán ngân sách nhà nước và phân bổ ngân sách trung ương.',
		legalReference: 'Hiến pháp năm 2013',
		tags: ['ngân sách nhà nước', 'Quốc hội']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'medium',
		text: 'Cơ quan nào quyết định dự toán thu, chi ngân sách địa phương của tỉnh?',
		options: [
			{ text: 'Hội đồng nhân dân tỉnh', correct: true },
			{ text: 'Ủy ban nhân dân tỉnh', correct: false },
			{ text: 'Sở Tài chính', correct: false },
			{ text: 'Kho bạc Nhà nước', correct: false }
		],
		explanation:
			'UBND tỉnh lập dự toán và trình; Hội đồng nhân dân tỉnh là cơ quan quyết định dự toán ngân sách địa phương.',
		legalReference: 'Luật Ngân sách nhà nước',
		tags: ['ngân sách địa phương', 'Hội đồng nhân dân']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'medium',
		text: 'Nghị định 60/2021/NĐ-CP quy định về nội dung nào?',
		options: [
			{ text: 'Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập', correct: true },
			{ text: 'Cơ chế một cửa, một cửa liên thông', correct: false },
			{ text: 'Vị trí việc làm và biên chế công chức', correct: false },
			{ text: 'Định danh và xác thực điện tử', correct: false }
		],
		explanation:
			'Nghị định 60/2021/NĐ-CP quy định cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập như trường học, bệnh viện công.',
		legalReference: 'Nghị định 60/2021/NĐ-CP',
		tags: ['tự chủ tài chính', 'đơn vị sự nghiệp công lập']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Những khoản nào sau đây là nguồn thu của ngân sách nhà nước? (chọn nhiều đáp án)',
		options: [
			{ text: 'Các khoản thuế', correct: true },
			{ text: 'Tiền gửi tiết kiệm của người dân tại ngân hàng thương mại', correct: false },
			{ text: 'Lệ phí', correct: true },
			{ text: 'Lợi nhuận giữ lại của doanh nghiệp tư nhân', correct: false }
		],
		explanation:
			'Thuế và lệ phí là nguồn thu của ngân sách nhà nước; tiền gửi của dân và lợi nhuận của doanh nghiệp tư nhân không phải nguồn thu ngân sách.',
		legalReference: 'Luật Ngân sách nhà nước',
		tags: ['thu ngân sách']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'single',
		difficulty: 'hard',
		text: 'Nghị định 130/2005/NĐ-CP quy định chế độ tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí quản lý hành chính đối với đối tượng nào?',
		options: [
			{ text: 'Doanh nghiệp nhà nước', correct: false },
			{ text: 'Cơ quan nhà nước', correct: true },
			{ text: 'Tổ chức phi chính phủ nước ngoài', correct: false },
			{ text: 'Hợp tác xã', correct: false }
		],
		explanation:
			'Nghị định 130/2005/NĐ-CP áp dụng cho cơ quan nhà nước; đơn vị sự nghiệp công lập có cơ chế tự chủ riêng.',
		legalReference: 'Nghị định 130/2005/NĐ-CP',
		tags: ['tự chủ tài chính', 'cơ quan hành chính']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Theo Nghị định 60/2021/NĐ-CP, những nhóm nào dưới đây là nhóm phân loại mức tự chủ tài chính của đơn vị sự nghiệp công lập? (chọn nhiều đáp án)',
		options: [
			{ text: 'Đơn vị tự bảo đảm chi thường xuyên và chi đầu tư', correct: true },
			{ text: 'Đơn vị tự bảo đảm chi thường xuyên', correct: true },
			{ text: 'Đơn vị được miễn toàn bộ nghĩa vụ công khai tài chính', correct: false },
			{ text: 'Đơn vị tự bảo đảm một phần chi thường xuyên', correct: true },
			{ text: 'Đơn vị tự quyết định mức lương không giới hạn cho viên chức', correct: false }
		],
		explanation:
			'Nghị định 60/2021/NĐ-CP chia 4 nhóm: tự bảo đảm chi thường xuyên và chi đầu tư; tự bảo đảm chi thường xuyên; tự bảo đảm một phần; do Nhà nước bảo đảm chi thường xuyên.',
		legalReference: 'Nghị định 60/2021/NĐ-CP',
		tags: ['tự chủ tài chính', 'đơn vị sự nghiệp công lập']
	},
	{
		topic: 'tai-chinh-cong',
		type: 'true_false',
		difficulty: 'hard',
		text: 'Theo Hiến pháp năm 2013, Kiểm toán nhà nước do Chính phủ thành lập và hoạt động dưới sự chỉ đạo của Thủ tướng Chính phủ.',
		options: trueFalse(false),
		explanation:
			'Sai: Kiểm toán nhà nước là cơ quan do Quốc hội thành lập, hoạt động độc lập và chỉ tuân theo pháp luật, kiểm toán việc quản lý, sử dụng tài chính, tài sản công.',
		legalReference: 'Hiến pháp năm 2013',
		tags: ['Kiểm toán nhà nước']
	}
];

const chinhPhuSo: DemoQuestion[] = [
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'easy',
		text: 'VNeID là gì?',
		options: [
			{ text: 'Ứng dụng định danh điện tử do Bộ Công an xây dựng', correct: true },
			{ text: 'Cổng dịch vụ công riêng của tỉnh Quảng Ninh', correct: false },
			{ text: 'Một mạng xã hội của Việt Nam', correct: false },
			{ text: 'Ví điện tử của một ngân hàng thương mại', correct: false }
		],
		explanation:
			'VNeID là ứng dụng định danh điện tử quốc gia, khai thác Cơ sở dữ liệu quốc gia về dân cư; người dùng có thể dùng tài khoản để làm dịch vụ công.',
		legalReference: null,
		tags: ['VNeID', 'định danh điện tử']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'easy',
		text: '“Đề án 06” của Chính phủ là đề án về nội dung nào?',
		options: [
			{
				text: 'Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia',
				correct: true
			},
			{ text: 'Sắp xếp đơn vị hành chính cấp tỉnh', correct: false },
			{ text: 'Cải cách chính sách tiền lương', correct: false },
			{ text: 'Xây dựng nông thôn mới', correct: false }
		],
		explanation:
			'Đề án 06 giai đoạn 2022–2025, tầm nhìn đến 2030, được Thủ tướng phê duyệt tại Quyết định 06/QĐ-TTg ngày 06/01/2022.',
		legalReference: 'Quyết định 06/QĐ-TTg ngày 06/01/2022',
		tags: ['Đề án 06', 'dữ liệu dân cư']
	},
	{
		topic: 'chinh-phu-so',
		type: 'true_false',
		difficulty: 'easy',
		text: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 có hiệu lực thi hành từ ngày 01/01/2026.',
		options: trueFalse(true),
		explanation:
			'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 có hiệu lực từ 01/01/2026, áp dụng cả với việc thu thập thông tin thí sinh của các cuộc thi.',
		legalReference: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15',
		tags: ['dữ liệu cá nhân', 'hiệu lực']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'easy',
		text: 'Ngày Chuyển đổi số quốc gia là ngày nào hằng năm?',
		options: [
			{ text: '02/9', correct: false },
			{ text: '01/7', correct: false },
			{ text: '10/10', correct: true },
			{ text: '09/12', correct: false }
		],
		explanation: 'Thủ tướng Chính phủ chọn ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia, bắt đầu từ năm 2022.',
		legalReference: 'Quyết định 505/QĐ-TTg năm 2022',
		tags: ['chuyển đổi số']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'easy',
		text: 'Mô hình “Đội cơ động hỗ trợ dịch vụ công trực tuyến tại nhà” từng được phường Trúc Bạch (Hà Nội) triển khai theo phương châm nào?',
		options: [
			{ text: 'Dân biết, dân bàn, dân làm, dân kiểm tra', correct: false },
			{ text: 'Đi từng ngõ, gõ từng nhà, cầm tay hướng dẫn từng người dân', correct: true },
			{ text: 'Một cửa, một dấu, một lần', correct: false },
			{ text: 'Nhanh hơn, rẻ hơn, tiện hơn', correct: false }
		],
		explanation:
			'Đội gồm cán bộ phường, tổ dân phố và tình nguyện viên, mang máy tính đến từng nhà để hướng dẫn người dân, nhất là người cao tuổi, làm dịch vụ công trực tuyến.',
		legalReference: null,
		tags: ['mô hình hay', 'dịch vụ công trực tuyến']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'medium',
		text: 'Luật Giao dịch điện tử năm 2023 có hiệu lực thi hành từ ngày nào?',
		options: [
			{ text: '01/01/2024', correct: false },
			{ text: '01/7/2024', correct: true },
			{ text: '01/7/2023', correct: false },
			{ text: '01/01/2025', correct: false }
		],
		explanation:
			'Luật Giao dịch điện tử năm 2023 có hiệu lực từ 01/7/2024, tạo cơ sở pháp lý cho văn bản điện tử, chữ ký điện tử trong hoạt động của cơ quan nhà nước.',
		legalReference: 'Luật Giao dịch điện tử năm 2023',
		tags: ['giao dịch điện tử', 'hiệu lực']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'medium',
		text: 'Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 được Thủ tướng Chính phủ phê duyệt tại văn bản nào?',
		options: [
			{ text: 'Quyết định 749/QĐ-TTg ngày 03/6/2020', correct: true },
			{ text: 'Quyết định 06/QĐ-TTg ngày 06/01/2022', correct: false },
			{ text: 'Nghị quyết 76/NQ-CP ngày 15/7/2021', correct: false },
			{ text: 'Quyết định 1847/QĐ-TTg ngày 27/12/2018', correct: false }
		],
		explanation: 'Quyết định 749/QĐ-TTg đặt mục tiêu phát triển đồng thời Chính phủ số, kinh tế số và xã hội số.',
		legalReference: 'Quyết định 749/QĐ-TTg ngày 03/6/2020',
		tags: ['chuyển đổi số']
	},
	{
		topic: 'chinh-phu-so',
		type: 'multiple',
		difficulty: 'medium',
		text: 'Những phát biểu nào sau đây về tài khoản định danh điện tử VNeID là đúng? (chọn nhiều đáp án)',
		options: [
			{ text: 'Có thể dùng để đăng nhập Cổng Dịch vụ công quốc gia', correct: true },
			{ text: 'Chỉ sử dụng được trên máy tính để bàn', correct: false },
			{ text: 'Hệ thống định danh điện tử do Bộ Công an quản lý', correct: true },
			{ text: 'Ai cũng có thể dùng chung một tài khoản cho cả gia đình', correct: false }
		],
		explanation:
			'Tài khoản VNeID do Bộ Công an quản lý, dùng trên điện thoại và đăng nhập được Cổng Dịch vụ công quốc gia; mỗi tài khoản gắn với một người.',
		legalReference: null,
		tags: ['VNeID', 'định danh điện tử']
	},
	{
		topic: 'chinh-phu-so',
		type: 'true_false',
		difficulty: 'medium',
		text: 'Số định danh cá nhân của công dân Việt Nam gồm 9 chữ số.',
		options: trueFalse(false),
		explanation:
			'Sai: số định danh cá nhân gồm 12 chữ số, đồng thời là số thẻ căn cước, dùng để kết nối dữ liệu khi giải quyết thủ tục hành chính.',
		legalReference: 'Luật Căn cước năm 2023',
		tags: ['dữ liệu dân cư', 'căn cước']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'hard',
		text: 'Trước khi Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 có hiệu lực, việc bảo vệ dữ liệu cá nhân được quy định chủ yếu tại văn bản nào?',
		options: [
			{ text: 'Nghị định 13/2023/NĐ-CP', correct: true },
			{ text: 'Nghị định 42/2022/NĐ-CP', correct: false },
			{ text: 'Nghị định 45/2020/NĐ-CP', correct: false },
			{ text: 'Nghị định 62/2020/NĐ-CP', correct: false }
		],
		explanation:
			'Nghị định 13/2023/NĐ-CP là văn bản chuyên về bảo vệ dữ liệu cá nhân được áp dụng trước khi Luật số 91/2025/QH15 có hiệu lực.',
		legalReference: 'Nghị định 13/2023/NĐ-CP',
		tags: ['dữ liệu cá nhân']
	},
	{
		topic: 'chinh-phu-so',
		type: 'multiple',
		difficulty: 'hard',
		text: 'Mô hình “Đội cơ động hỗ trợ dịch vụ công trực tuyến tại nhà” từng được phường Trúc Bạch (Hà Nội) triển khai đã đạt những kết quả nào? (chọn nhiều đáp án)',
		options: [
			{ text: 'Với 8 thủ tục áp dụng mô hình, không còn hồ sơ nào phải nộp trực tiếp', correct: true },
			{ text: 'Phường không còn cần Bộ phận Một cửa', correct: false },
			{ text: 'Mọi hồ sơ do phường tiếp nhận đều được trả kết quả đúng hạn hoặc sớm hơn hạn', correct: true },
			{ text: 'Người dân phải tự trang bị máy tính xách tay mới được hướng dẫn', correct: false }
		],
		explanation:
			'Thành viên đội mang máy tính xách tay đến từng nhà; nhờ vậy hồ sơ của 8 thủ tục áp dụng đều được nộp trực tuyến và không hồ sơ nào trễ hẹn. Mô hình hỗ trợ thêm, không thay thế Bộ phận Một cửa.',
		legalReference: null,
		tags: ['mô hình hay', 'dịch vụ công trực tuyến']
	},
	{
		topic: 'chinh-phu-so',
		type: 'single',
		difficulty: 'hard',
		text: 'Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị bàn về vấn đề nào?',
		options: [
			{ text: 'Tinh gọn tổ chức bộ máy của hệ thống chính trị', correct: false },
			{ text: 'Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia', correct: true },
			{ text: 'Cải cách chính sách tiền lương', correct: false },
			{ text: 'Phát triển kinh tế tư nhân', correct: false }
		],
		explanation:
			'Nghị quyết 57-NQ/TW xác định khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là đột phá quan trọng hàng đầu, làm nền cho Chính phủ số.',
		legalReference: 'Nghị quyết 57-NQ/TW ngày 22/12/2024',
		tags: ['chuyển đổi số', 'Nghị quyết 57']
	}
];

export const demoQuestions: DemoQuestion[] = [...theChe, ...tthc, ...boMay, ...congVu, ...taiChinhCong, ...chinhPhuSo];

const rulesMarkdown = `## Đối tượng dự thi

- **Bảng Cán bộ, công chức, viên chức**: người đang công tác tại các sở, ban, ngành, cơ quan, đơn vị của tỉnh và tại các xã, phường trên địa bàn tỉnh.
- **Bảng Người dân**: công dân đang sinh sống, học tập, làm việc trên địa bàn tỉnh không thuộc bảng trên.
- Thành viên Ban Tổ chức, Tổ thư ký và những người tham gia biên soạn câu hỏi không được dự thi.

## Thời gian và các tuần thi

- Cuộc thi gồm nhiều tuần thi; lịch cụ thể được công bố trên trang cuộc thi.
- Mỗi tuần thi kéo dài 7 ngày, từ 00:00 thứ Hai đến 24:00 Chủ nhật (giờ Việt Nam).
- Hết thời gian của tuần thi, hệ thống tự đóng tuần thi; lượt thi đang làm dở được chấm theo các câu trả lời đã lưu trước thời điểm đóng.

## Hình thức thi

- Thi trắc nghiệm trực tuyến trên điện thoại hoặc máy tính có kết nối Internet; thí sinh đăng ký một lần bằng số điện thoại, chọn đúng bảng thi và đơn vị.
- Mỗi lượt thi gồm 20 câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi về sáu nội dung của Chương trình tổng thể cải cách hành chính nhà nước; thời gian làm bài 15 phút, tính từ lúc bấm “Bắt đầu”.
- Thời gian được tính theo đồng hồ của hệ thống; tải lại trang hoặc đổi thiết bị không làm dừng đồng hồ.
- Có ba dạng câu hỏi: chọn một đáp án, chọn nhiều đáp án và Đúng/Sai. Mỗi câu trả lời đúng được 1 điểm; câu chọn nhiều đáp án chỉ được tính đúng khi chọn đủ và không chọn thừa.
- Mỗi thí sinh được thi tối đa 2 lượt trong mỗi tuần thi. Lượt thi có kết quả tốt nhất (điểm cao hơn; nếu bằng điểm thì thời gian làm bài ngắn hơn) được dùng để xếp hạng.
- Đáp án và giải thích được công bố sau khi tuần thi kết thúc.

## Câu hỏi dự đoán

- Cuối mỗi lượt thi, thí sinh trả lời câu hỏi: “Theo bạn, tuần thi này có bao nhiêu người trả lời đúng tất cả các câu hỏi?”
- Câu hỏi dự đoán không tính điểm, chỉ dùng để phân định thứ hạng khi các thí sinh bằng điểm.

## Cách xếp hạng

Trong mỗi bảng, thí sinh được xếp hạng lần lượt theo các tiêu chí:

1. Điểm cao hơn;
2. Dự đoán gần đúng hơn (chênh lệch nhỏ hơn so với số người thực tế trả lời đúng tất cả các câu hỏi);
3. Thời gian làm bài ngắn hơn;
4. Nộp bài sớm hơn.

Bảng xếp hạng trong tuần chỉ là tạm thời và chưa xét câu hỏi dự đoán; kết quả chính thức được công bố sau khi tuần thi kết thúc.

## Giải thưởng

- Mỗi tuần thi, mỗi bảng có: 01 giải Nhất, 02 giải Nhì, 03 giải Ba và 05 giải Khuyến khích.
- Mỗi thí sinh nhận tối đa một giải trong một tuần thi. Lượt thi vi phạm thể lệ bị hủy kết quả và không được xét giải.
- Ban Tổ chức có thể xét giải tập thể cho các đơn vị có tỷ lệ tham gia cao và kết quả tốt.

## Bảo vệ dữ liệu cá nhân

- Thông tin thí sinh cung cấp (họ tên, số điện thoại, ngày sinh, đơn vị, bảng thi) chỉ dùng để tổ chức cuộc thi, xếp hạng và liên hệ trao giải.
- Dữ liệu được xử lý theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và chỉ khi thí sinh đồng ý lúc đăng ký.
- Trên các trang công khai và màn hình trình chiếu chỉ hiển thị họ tên và đơn vị; số điện thoại, ngày sinh không được công khai.
- Sau khi cuộc thi kết thúc, thí sinh có thể đề nghị Ban Tổ chức cung cấp bản sao hoặc xóa dữ liệu của mình.`;

export const demoContest: {
	slug: 'cai-cach-hanh-chinh-2026';
	title: string;
	summary: string;
	rulesMarkdown: string;
	consentText: string;
	groups: { code: string; name: string }[];
	predictionQuestion: string;
} = {
	slug: 'cai-cach-hanh-chinh-2026',
	title: 'Tìm hiểu cải cách hành chính tỉnh Quảng Ninh năm 2026',
	summary:
		'Cuộc thi trực tuyến hằng tuần dành cho cán bộ, công chức, viên chức và người dân, giúp tìm hiểu sáu nội dung cải cách hành chính, dịch vụ công trực tuyến và chính quyền địa phương hai cấp.',
	rulesMarkdown,
	consentText:
		'Tôi đồng ý để Ban Tổ chức xử lý họ tên, số điện thoại, ngày sinh và đơn vị của tôi nhằm tổ chức cuộc thi và liên hệ trao giải, theo Luật Bảo vệ dữ liệu cá nhân năm 2025 (Luật số 91/2025/QH15). Trên các trang công khai chỉ hiển thị họ tên và đơn vị.',
	groups: [
		{ code: 'ccvc', name: 'Cán bộ, công chức, viên chức' },
		{ code: 'nguoi-dan', name: 'Người dân' }
	],
	predictionQuestion: 'Theo bạn, tuần thi này có bao nhiêu người trả lời đúng tất cả các câu hỏi?'
};

export interface DemoPerson {
	fullName: string;
	phone: string;
	birthDate: string;
	unitCode: string;
	groupCode: 'ccvc' | 'nguoi-dan';
}

export const demoContestants: DemoPerson[] = [
	{ fullName: 'Nguyễn Văn Hùng', phone: '0912000101', birthDate: '1982-03-14', unitCode: 'QN-SNV', groupCode: 'ccvc' },
	{
		fullName: 'Trần Thị Minh Ngọc',
		phone: '0912000102',
		birthDate: '1990-07-22',
		unitCode: 'QN-TTHCC',
		groupCode: 'ccvc'
	},
	{ fullName: 'Phạm Quốc Khánh', phone: '0912000103', birthDate: '1987-11-05', unitCode: 'QN-STP', groupCode: 'ccvc' },
	{
		fullName: 'Lê Thị Hồng Nhung',
		phone: '0912000104',
		birthDate: '1993-01-30',
		unitCode: 'QN-HK-VP',
		groupCode: 'ccvc'
	},
	{ fullName: 'Vũ Đức Thắng', phone: '0912000105', birthDate: '1979-09-18', unitCode: 'QN-STC', groupCode: 'ccvc' },
	{
		fullName: 'Đặng Thị Lan Anh',
		phone: '0912000106',
		birthDate: '1995-05-09',
		unitCode: 'QN-PH-VP',
		groupCode: 'ccvc'
	},
	{
		fullName: 'Hoàng Minh Tuấn',
		phone: '0912000107',
		birthDate: '1985-12-02',
		unitCode: 'QN-TTCDS',
		groupCode: 'ccvc'
	},
	{
		fullName: 'Bùi Thị Thanh Tâm',
		phone: '0912000108',
		birthDate: '1972-04-16',
		unitCode: 'QN-HK',
		groupCode: 'nguoi-dan'
	},
	{ fullName: 'Ngô Văn Phúc', phone: '0912000109', birthDate: '1968-08-25', unitCode: 'QN-PH', groupCode: 'nguoi-dan' },
	{ fullName: 'Đỗ Thị Mai', phone: '0912000110', birthDate: '2001-02-11', unitCode: 'QN-BC', groupCode: 'nguoi-dan' },
	{
		fullName: 'Đinh Công Hậu',
		phone: '0912000111',
		birthDate: '1998-10-07',
		unitCode: 'QN-TY',
		groupCode: 'nguoi-dan'
	},
	{
		fullName: 'Trịnh Thị Thu Trang',
		phone: '0912000112',
		birthDate: '1976-06-28',
		unitCode: 'QN-CP',
		groupCode: 'nguoi-dan'
	}
];
