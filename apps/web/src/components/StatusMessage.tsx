import { useEffect, useState } from "react";

/**
 * A polite live region for success messages; present even when empty so changes are announced.
 * The text is put in just after the region is in the page: a region that appears already holding
 * its text (a notice that arrives with a new page) is not announced by screen readers.
 */
export function StatusMessage({ message }: { message: string | null | undefined }) {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!message) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => setShown(message), 50);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div role="status" className="status-region">
      {shown ? <p className="notice notice--success">{shown}</p> : null}
    </div>
  );
}
