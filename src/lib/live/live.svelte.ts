import { applyPatch, type Patch } from '$lib/session/patch';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * A live view in the browser: starts from the page's server-rendered data, then follows the session's
 * event stream (a snapshot, then patches). EventSource reconnects by itself; when the browser gives up
 * (the server was down for long), this reopens it. Every (re)connect starts with a fresh snapshot, so
 * nothing is lost while offline.
 */
export class LiveView<V extends object, M extends object = Record<string, never>> {
	view: V = $state() as V;
	me: M = $state() as M;
	status: LiveStatus = $state('connecting');

	constructor(view: V, me: M) {
		this.view = view;
		this.me = me;
	}

	connect(url: string): () => void {
		let source: EventSource | null = null;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let stopped = false;

		const open = () => {
			source = new EventSource(url);
			source.addEventListener('snapshot', (event) => {
				const data = JSON.parse(event.data) as { view: V; me?: M };
				this.view = data.view;
				if (data.me) this.me = data.me;
				this.status = 'live';
			});
			source.addEventListener('patch', (event) => {
				applyPatch(this.view, (JSON.parse(event.data) as { p: Patch }).p);
			});
			source.addEventListener('me', (event) => {
				applyPatch(this.me, (JSON.parse(event.data) as { p: Patch }).p);
			});
			source.onerror = () => {
				this.status = 'offline';
				if (source?.readyState === EventSource.CLOSED && !stopped) {
					retry = setTimeout(open, 2000);
				}
			};
		};
		open();

		const reconnectNow = () => {
			if (source?.readyState === EventSource.CLOSED && !stopped) {
				clearTimeout(retry);
				open();
			}
		};
		window.addEventListener('online', reconnectNow);
		return () => {
			stopped = true;
			clearTimeout(retry);
			source?.close();
			window.removeEventListener('online', reconnectNow);
		};
	}
}
