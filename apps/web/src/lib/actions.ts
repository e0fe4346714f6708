import { type MutationCache, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, useSyncExternalStore } from "react";

/**
 * Every user action that changes something runs as a mutation, so "the latest action" is the
 * newest mutation. Remembered per cache and only ever growing: the cache forgets finished
 * mutations after a while, and a forgotten action must not bring old messages back.
 */
const latestStart = new WeakMap<MutationCache, number>();

function readLatestStart(cache: MutationCache): number {
  let latest = latestStart.get(cache) ?? 0;
  for (const mutation of cache.getAll()) {
    latest = Math.max(latest, mutation.state.submittedAt);
  }
  latestStart.set(cache, latest);
  return latest;
}

/** When the latest action (mutation) started, as a timestamp; 0 before the first. */
export function useLatestActionStart(): number {
  const cache = useQueryClient().getMutationCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const snapshot = useCallback(() => readLatestStart(cache), [cache]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * `value` until the next action starts after it appeared, then null (until `value` changes): an
 * earlier outcome ("saved", an error) would otherwise stay on the page beside the new action's and
 * read as if it belonged to it.
 */
export function useUntilNextAction<T>(value: T | null | undefined): T | null {
  const latest = useLatestActionStart();
  const [seen, setSeen] = useState(() => ({ value, at: Date.now() }));
  let current = seen;
  if (!Object.is(seen.value, value)) {
    // a new value: it dates from now (derived state, updated during render as React allows)
    current = { value, at: Date.now() };
    setSeen(current);
  }
  if (current.value === null || current.value === undefined || latest > current.at) {
    return null;
  }
  return current.value;
}
