import type { AuditPage } from "@ensemble/contracts/audit";
import { type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

/**
 * An audit log, newest first, one page at a time: `fetchPage(before)` loads the page older than
 * the event `before` (the previous page's nextCursor), or the newest page without it. The query key
 * is the owning feature's, so that its mutations can invalidate the log.
 */
export function useAuditLog(
  queryKey: QueryKey,
  fetchPage: (before: string | undefined) => Promise<AuditPage>,
  enabled: boolean,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export type AuditLogQuery = ReturnType<typeof useAuditLog>;

/** Where the audit log of an organisation or a network downloads as CSV. */
export function auditCsvHref(scope: "organisations" | "networks", id: string): string {
  return `/api/${scope}/${encodeURIComponent(id)}/audit.csv`;
}
