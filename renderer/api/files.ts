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

export async function copyText(text: string, toast: Toast): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('success', 'Copied to the clipboard.');
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
