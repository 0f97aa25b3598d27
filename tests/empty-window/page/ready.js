requestAnimationFrame(() => setTimeout(() => window.__TAURI__.core.invoke('app_ready'), 0));
