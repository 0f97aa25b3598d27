// What the shell puts on the page's `window`, told to the type check (ui/tsconfig.json): the
// api layer is the one place that reads it. Nothing loads this file at run time.

import type { AppStatus, CommunitySummary } from '../contract/types.js';
import type { FirstCommunity } from './app.js';

declare global {
  interface Window {
    /** Tauri's global API (`withGlobalTauri`); absent outside the app, e.g. in node tests. */
    __TAURI__?: {
      core: {
        invoke(command: string, args?: object): Promise<unknown>;
        /** Carries a command's messages back while it runs (an import's progress). */
        Channel: new <T = unknown>() => { onmessage: (message: T) => void };
      };
      event: { listen(event: string, handler: (event: unknown) => void): Promise<() => void> };
    };
    /** The first screen's data, embedded as the window is created (src-tauri/src/app.rs). */
    __HEARTH_FIRST_SCREEN__?: { status: AppStatus; communities: CommunitySummary[]; first: FirstCommunity | null } | null;
    /** False when the desktop's font is missing, beside the first screen (src-tauri/src/desktop_font.rs). */
    __HEARTH_DESKTOP_FONT__?: boolean;
  }
}

export {};
