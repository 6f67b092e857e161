/** A failure the operator must see, with what to do: an alert, and a retry when one can help. */
export function ErrorBanner({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="banner banner-error">
      <div>
        <strong>{title}</strong>
        <p className="banner-message">{message}</p>
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
