/**
 * Posts a form with XMLHttpRequest so the page can show upload progress (fetch cannot), and
 * resolves with the JSON reply.
 */
export function postWithProgress<T>(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<T> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('accept', 'application/json');
		xhr.responseType = 'json';
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress(event.loaded / event.total);
		};
		xhr.onload = () => (xhr.response ? resolve(xhr.response as T) : reject(new Error(`HTTP ${xhr.status}`)));
		xhr.onerror = () => reject(new Error('network'));
		xhr.send(body);
	});
}
