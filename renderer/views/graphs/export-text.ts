/** The graphs panel's exports: text to the clipboard or to a file, as the Evidence screen offers them. */

export async function copyText(text: string, toast: (tone: 'success' | 'error', text: string) => void): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('success', 'Copied to the clipboard.');
  } catch {
    toast('error', 'The clipboard refused; use Download instead.');
  }
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
