/**
 * A small XML 1.0 well-formedness check for tests (no XML parser is installed): one root element,
 * balanced and properly nested tags, quoted attributes without raw `<` or `&`, and only the
 * predefined or numeric entities. Returns the element names in document order, or throws
 * naming the offset of the first problem.
 */
export function checkWellFormedXml(xml: string): string[] {
  const elements: string[] = [];
  const open: string[] = [];
  const name = '[A-Za-z_][\\w.:-]*';
  const attribute = `\\s+${name}\\s*=\\s*"[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);[^"<&]*)*"`;
  const token = new RegExp(`<\\?xml[^?]*\\?>|<(/?)(${name})((?:${attribute})*)\\s*(/?)>|([^<]+)`, 'y');
  const text = /^(?:[^&]|&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)*$/;
  let position = 0;
  let rootClosed = false;
  while (position < xml.length) {
    token.lastIndex = position;
    const match = token.exec(xml);
    if (!match) throw new Error(`not well-formed at offset ${position}: ${JSON.stringify(xml.slice(position, position + 40))}`);
    const [whole, closing, tag, , selfClosing, content] = match;
    if (content !== undefined) {
      if (!text.test(content)) throw new Error(`bad character data at offset ${position}`);
      if (open.length === 0 && content.trim() !== '') throw new Error(`text outside the root element at offset ${position}`);
    } else if (tag !== undefined) {
      if (closing) {
        if (open.pop() !== tag) throw new Error(`</${tag}> at offset ${position} closes nothing open`);
        if (open.length === 0) rootClosed = true;
      } else {
        if (rootClosed || (open.length === 0 && elements.length > 0)) throw new Error(`second root element <${tag}> at offset ${position}`);
        elements.push(tag);
        if (!selfClosing) open.push(tag);
        else if (open.length === 0) rootClosed = true;
      }
    }
    position += whole.length;
  }
  if (open.length > 0) throw new Error(`unclosed <${open.at(-1)}>`);
  if (elements.length === 0) throw new Error('no root element');
  return elements;
}
