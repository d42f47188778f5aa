// The three states of anything read from the back end, so a screen always
// knows whether to show a skeleton, the value, or the error next to it.
import type { IpcError } from './ipc';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: IpcError };
