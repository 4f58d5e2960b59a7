// How a page's name is used in sentences and titles. Pure. Many pages are already named
// "Megaphone status"; appending " status" again gives "Megaphone status status updates".

/** "Megaphone" → "Megaphone status"; "Megaphone status" stays as it is. */
export function statusTitle(pageName: string): string {
  return /\bstatus$/i.test(pageName.trim()) ? pageName.trim() : `${pageName.trim()} status`;
}

/** "Megaphone status updates", whichever way the page is named. */
export function statusUpdatesOf(pageName: string): string {
  return `${statusTitle(pageName)} updates`;
}
