// Copying identifiers to the clipboard. navigator.clipboard can be missing or
// refuse (no permission, not a secure context); then the caller selects the
// text so Ctrl+C works, instead of failing silently.
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Selects the contents of an element, for the manual-copy fallback. */
export function selectContents(el: Element): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
}
