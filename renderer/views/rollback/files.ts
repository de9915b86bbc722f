/** Copying and saving a rollback's records: the incident timeline and the channel post. */
export async function copyText(text: string, toast: (tone: 'success' | 'error', text: string) => void): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('success', 'Copied to the clipboard.');
  } catch {
    toast('error', 'The clipboard refused; select the text and copy it by hand.');
  }
}

export function downloadFile(file: { filename: string; mediaType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  URL.revokeObjectURL(url);
}
