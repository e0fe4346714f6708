/** A polite live region for success messages; present even when empty so changes are announced. */
export function StatusMessage({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" className="status-region">
      {message ? <p className="notice notice--success">{message}</p> : null}
    </div>
  );
}
