requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('frontend_ready')));
