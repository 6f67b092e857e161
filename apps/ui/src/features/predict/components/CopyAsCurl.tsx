import { useState } from 'react';

/** Shows the curl command and copies it; the text stays selectable where the clipboard is blocked. */
export function CopyAsCurl({ command }: { command: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <details className="curl">
      <summary>Copy as curl</summary>
      <pre tabIndex={0} aria-label="curl command">
        <code>{command}</code>
      </pre>
      <button type="button" onClick={() => void copy()}>
        Copy curl command
      </button>
      <span role="status" className="muted">
        {copied === 'copied' ? ' Copied.' : copied === 'failed' ? ' The browser blocked the clipboard; select the text above.' : ''}
      </span>
    </details>
  );
}
