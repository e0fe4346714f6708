import type { RouteObject } from "react-router";
import { NetworkAuditPage } from "./NetworkAuditPage.tsx";
import { NetworkDirectoryPage } from "./NetworkDirectoryPage.tsx";
import { NetworkLayout } from "./NetworkLayout.tsx";
import { NetworkOnboardingPage } from "./NetworkOnboardingPage.tsx";
import { NetworkOverviewPage } from "./NetworkOverviewPage.tsx";
import { NetworksPage } from "./NetworksPage.tsx";
import { NewNetworkPage } from "./NewNetworkPage.tsx";

/** The networks pages inside the signed-in app shell. */
export const networksRoutes: RouteObject[] = [
  { path: "networks", element: <NetworksPage /> },
  { path: "networks/new", element: <NewNetworkPage /> },
  {
    path: "networks/:networkId",
    element: <NetworkLayout />,
    children: [
      { index: true, element: <NetworkOverviewPage /> },
      { path: "onboarding", element: <NetworkOnboardingPage /> },
      { path: "directory", element: <NetworkDirectoryPage /> },
      { path: "audit", element: <NetworkAuditPage /> },
    ],
  },
];
