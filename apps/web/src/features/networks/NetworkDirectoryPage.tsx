import type { OrganisationProfile, Sparte } from "@ensemble/contracts/organisations";
import { Sparte as SparteSchema } from "@ensemble/contracts/organisations";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Avatar } from "../../components/Avatar.tsx";
import { Button } from "../../components/Button.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useNetworkContext, useNetworkTitle } from "./NetworkLayout.tsx";
import {
  type DirectoryFilter,
  filterFromParams,
  normaliseFilter,
  paramsFromFilter,
} from "./networks.directory.ts";
import { useDirectory } from "./networks.queries.ts";

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 300;

/**
 * The filters, kept in the address bar (replacing the entry, so typing does not fill the history;
 * a change of only the query leaves focus where it is). Back and forward bring filters back.
 */
function useUrlFilter(): [DirectoryFilter, (next: DirectoryFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const update = useCallback(
    (next: DirectoryFilter) => setParams(paramsFromFilter(normaliseFilter(next)), { replace: true }),
    [setParams],
  );
  return [filter, update];
}

/** /networks/:id/directory: the partners' profiles, searchable and filterable (every member). */
export function NetworkDirectoryPage() {
  const { t } = useTranslation();
  const { network } = useNetworkContext();
  useNetworkTitle(t("networks.tabs.directory"));
  const headingId = useId();
  const ids = { q: useId(), sparte: useId(), district: useId() };
  const [filter, setFilter] = useUrlFilter();
  const [draft, setDraft] = useState(filter.q ?? "");

  // The search box shows what a navigation (back/forward) brought back.
  const appliedQ = filter.q ?? "";
  const lastAppliedQ = useRef(appliedQ);
  useEffect(() => {
    if (lastAppliedQ.current !== appliedQ) {
      lastAppliedQ.current = appliedQ;
      setDraft((d) => (d.trim() === appliedQ ? d : appliedQ));
    }
  }, [appliedQ]);

  // Searching waits for a pause in typing, so not every letter asks the server.
  useEffect(() => {
    if (draft.trim() === appliedQ) {
      return;
    }
    const timer = window.setTimeout(() => {
      lastAppliedQ.current = draft.trim();
      setFilter({ ...filter, q: draft });
    }, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, appliedQ, filter, setFilter]);

  const directory = useDirectory(network.id, filter);
  const districts = directory.data?.districts ?? [];
  const districtOptions =
    filter.district && !districts.includes(filter.district) ? [filter.district, ...districts] : districts;
  const entries = directory.data?.entries;
  const filtered = filter.q !== undefined || filter.sparte !== undefined || filter.district !== undefined;

  return (
    <section className="nw-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("networks.directory.heading")}</h2>
      <p>{t("networks.directory.intro")}</p>
      <search className="nw-directory-filters" aria-label={t("networks.directory.filters")}>
        <TextField
          id={ids.q}
          type="search"
          label={t("networks.directory.search")}
          hint={t("networks.directory.searchHint")}
          autoComplete="off"
          value={draft}
          onValueChange={setDraft}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              lastAppliedQ.current = draft.trim();
              setFilter({ ...filter, q: draft });
            }
          }}
        />
        <SelectField
          id={ids.sparte}
          label={t("networks.directory.sparte")}
          value={filter.sparte ?? ""}
          onValueChange={(value) => {
            const parsed = SparteSchema.safeParse(value);
            setFilter({ ...filter, sparte: parsed.success ? parsed.data : undefined });
          }}
          options={[
            { value: "", label: t("networks.directory.allSparten") },
            ...SparteSchema.options.map((s: Sparte) => ({ value: s, label: t(`organisation.sparten.${s}`) })),
          ]}
        />
        <SelectField
          id={ids.district}
          label={t("networks.directory.district")}
          value={filter.district ?? ""}
          onValueChange={(value) => setFilter({ ...filter, district: value || undefined })}
          options={[
            { value: "", label: t("networks.directory.allDistricts") },
            ...districtOptions.map((d) => ({ value: d, label: d })),
          ]}
        />
        {filtered ? (
          <div className="nw-directory-filters__reset">
            <Button
              variant="link"
              onClick={() => {
                lastAppliedQ.current = "";
                setDraft("");
                setFilter({});
                // This button goes away with the filters: continue in the search box.
                document.getElementById(ids.q)?.focus();
              }}
            >
              {t("networks.directory.reset")}
            </Button>
          </div>
        ) : null}
      </search>
      {/* While new filters load, the old list stays (marked busy) and this line says so in words:
          fading the list instead would take its text below 4.5:1 contrast. */}
      <div role="status" className="nw-directory-count">
        {directory.isPlaceholderData ? (
          <p>{t("networks.directory.updating")}</p>
        ) : entries ? (
          <p>
            {entries.length === 0
              ? t("networks.directory.none")
              : t("networks.directory.count", { count: entries.length })}
          </p>
        ) : null}
      </div>
      {directory.isPending ? <Loading /> : null}
      {directory.isError ? (
        <LoadFailed
          message={t("networks.directory.loadFailed")}
          error={directory.error}
          onRetry={() => void directory.refetch()}
        />
      ) : null}
      {entries && entries.length > 0 ? (
        <ul className="nw-directory-list" aria-busy={directory.isPlaceholderData || undefined}>
          {entries.map((entry) => (
            <li key={entry.id}>
              <DirectoryCard entry={entry} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DirectoryCard({ entry }: { entry: OrganisationProfile }) {
  const { t } = useTranslation();
  return (
    <article className="nw-directory-card" aria-labelledby={`org-${entry.id}`}>
      <div className="nw-directory-card__head">
        <Avatar name={entry.name} color={entry.avatarColor} size="large" />
        <div>
          <h3 id={`org-${entry.id}`} className="nw-directory-card__name">
            {entry.name}
          </h3>
          <p className="nw-directory-card__kind">{t(`organisation.kinds.${entry.kind}`)}</p>
        </div>
      </div>
      {entry.description ? <p className="nw-directory-card__description">{entry.description}</p> : null}
      <dl className="nw-directory-card__facts">
        {entry.sparten.length > 0 ? (
          <div>
            <dt>{t("networks.directory.sparten")}</dt>
            <dd>{entry.sparten.map((s) => t(`organisation.sparten.${s}`)).join(", ")}</dd>
          </div>
        ) : null}
        {entry.district ? (
          <div>
            <dt>{t("networks.directory.districtLabel")}</dt>
            <dd>{entry.district}</dd>
          </div>
        ) : null}
        {entry.website ? (
          <div>
            <dt>{t("networks.directory.website")}</dt>
            <dd>
              <a href={entry.website} rel="noopener noreferrer">
                {displayUrl(entry.website)}
              </a>
            </dd>
          </div>
        ) : null}
        {entry.contactEmail || entry.contactName ? (
          <div>
            <dt>{t("networks.directory.contact")}</dt>
            <dd>
              {entry.contactName ? <span>{entry.contactName} </span> : null}
              {entry.contactEmail ? <a href={`mailto:${entry.contactEmail}`}>{entry.contactEmail}</a> : null}
            </dd>
          </div>
        ) : null}
        {entry.accessibilityNotes ? (
          <div>
            <dt>{t("networks.directory.accessibility")}</dt>
            <dd className="nw-directory-card__notes">{entry.accessibilityNotes}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}

/** "https://www.example.org/" → "www.example.org" (the link keeps the full address). */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
}
