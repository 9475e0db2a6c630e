import type { SavedFile } from '../state/reports-store';

/**
 * Hands a file to the browser's download: a link to the data with `download` set, since
 * the token is in a header a plain link to the route could not send.
 */
export function saveFile({ blob, name }: SavedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click only starts the download: the address must outlive it a little.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
