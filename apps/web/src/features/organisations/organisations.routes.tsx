import type { RouteObject } from "react-router";
import { NewOrganisationPage } from "./NewOrganisationPage.tsx";
import { OrganisationAuditPage } from "./OrganisationAuditPage.tsx";
import { OrganisationLayout } from "./OrganisationLayout.tsx";
import { OrganisationMembersPage } from "./OrganisationMembersPage.tsx";
import { OrganisationNetworkInvitationsPage } from "./OrganisationNetworkInvitationsPage.tsx";
import { OrganisationProfilePage } from "./OrganisationProfilePage.tsx";
import { OrganisationsPage } from "./OrganisationsPage.tsx";

/** The organisations pages inside the signed-in app shell. */
export const organisationsRoutes: RouteObject[] = [
  { path: "organisations", element: <OrganisationsPage /> },
  { path: "organisations/new", element: <NewOrganisationPage /> },
  {
    path: "organisations/:id",
    element: <OrganisationLayout />,
    children: [
      { index: true, element: <OrganisationProfilePage /> },
      { path: "members", element: <OrganisationMembersPage /> },
      { path: "network-invitations", element: <OrganisationNetworkInvitationsPage /> },
      { path: "audit", element: <OrganisationAuditPage /> },
    ],
  },
];
