requestAnimationFrame(() => setTimeout(() => window.__TAURI__.core.invoke('app_ready', { pageMs: performance.now() }), 0));
