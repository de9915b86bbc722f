/**
 * Copying text to the clipboard and saving it as a file: how every export leaves the console (evidence,
 * verification tables, incident records). Both work the same under Electron and in browser mode.
 */
export type Toast = (tone: 'success' | 'error', text: string) => void;

export interface ExportedFile {
  filename: string;
  mediaType: string;
  content: string;
}

/** Copies `text`; the notice names `what` ("S01's verification table"), so a PE who copied twice knows which is on the clipboard. */
export async function copyText(text: string, toast: Toast, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('success', `Copied ${what} to the clipboard.`);
  } catch {
    toast('error', 'The clipboard refused; use Download, or select the text and copy it by hand.');
  }
}

export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  URL.revokeObjectURL(url);
}
