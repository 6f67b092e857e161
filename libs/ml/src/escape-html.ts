/**
 * Escapes text for HTML and SVG element content and quoted attribute values. Feature names and
 * group labels come from user data, so every piece of text in a report goes through this.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character]!);
}

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
