import type { Network } from "@ensemble/contracts/networks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { type Tab, TabNav } from "../../components/TabNav.tsx";
import { asApiError } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import "./networks.css";
import { useNetwork } from "./networks.queries.ts";

/** What the network's sub-pages get from the layout. */
export interface NetworkContext {
  network: Network;
}

/** The network the current sub-page belongs to (loaded by NetworkLayout). */
export function useNetworkContext(): NetworkContext {
  return useOutletContext<NetworkContext>();
}

/**
 * /networks/:networkId/*: loads the network once, shows its name and the sub-navigation (only the
 * parts my abilities open), and answers "not found" for networks that are gone or not mine.
 */
export function NetworkLayout() {
  const { t } = useTranslation();
  const id = useParams().networkId ?? "";
  const network = useNetwork(id);

  if (network.isPending) {
    return <Loading />;
  }
  if (network.isError) {
    if (asApiError(network.error).code === "not_found") {
      return <NetworkNotFound />;
    }
    return <NetworkLoadError error={network.error} onRetry={() => void network.refetch()} />;
  }
  const n = network.data;
  const base = `/networks/${n.id}`;
  const tabs: (Tab & { show: boolean })[] = [
    { to: base, label: t("networks.tabs.overview"), end: true, show: true },
    { to: `${base}/onboarding`, label: t("networks.tabs.onboarding"), show: n.abilities.readOnboarding },
    { to: `${base}/directory`, label: t("networks.tabs.directory"), show: true },
    { to: `${base}/audit`, label: t("networks.tabs.audit"), show: n.abilities.readAudit },
  ];
  const context: NetworkContext = { network: n };

  return (
    <div className="page nw-page networks">
      <p className="nw-breadcrumb">
        <Link to="/networks">{t("networks.title")}</Link>
      </p>
      <h1>{n.name}</h1>
      <TabNav label={t("networks.tabs.label")} tabs={tabs.filter((tab) => tab.show)} />
      <Outlet context={context} />
    </div>
  );
}

function NetworkNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t("networks.notFound.title"));
  return (
    <div className="page networks">
      <h1>{t("networks.notFound.heading")}</h1>
      <p>{t("networks.notFound.text")}</p>
      <p>
        <Link to="/networks">{t("networks.notFound.back")}</Link>
      </p>
    </div>
  );
}

function NetworkLoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t("networks.loadFailed"));
  return (
    <div className="page networks">
      <h1>{t("networks.loadFailed")}</h1>
      <LoadFailed error={error} onRetry={onRetry} />
    </div>
  );
}

/** "<part> – <network>" for the tab title of a sub-page. */
export function useNetworkTitle(part: string): void {
  const { network } = useNetworkContext();
  useDocumentTitle(`${part} – ${network.name}`);
}

/** Shown on a part of the network my abilities do not open (someone followed an old link). */
export function NotAllowed({ heading }: { heading: string }) {
  const { t } = useTranslation();
  return (
    <section className="nw-section" aria-labelledby="network-not-allowed">
      <h2 id="network-not-allowed">{heading}</h2>
      <p className="notice notice--warning">{t("networks.notAllowed")}</p>
    </section>
  );
}
