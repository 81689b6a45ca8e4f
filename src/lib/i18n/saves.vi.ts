// Refusals of the answer save that only a hand-made request meets (the page never sends them).
export const savesVi = {
	'error.body_too_large': 'Yêu cầu quá lớn.',
	'error.cross_site': 'Yêu cầu từ trang khác bị từ chối.'
} as const;
