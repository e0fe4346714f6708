import { createBrowserRouter, RouterProvider } from "react-router";
import { SettingsPage } from "./features/account/SettingsPage.tsx";
import { ForgotPasswordPage } from "./features/auth/ForgotPasswordPage.tsx";
import { GuestOnly, RequireAuth } from "./features/auth/guards.tsx";
import { ResetPasswordPage } from "./features/auth/ResetPasswordPage.tsx";
import { SignInPage } from "./features/auth/SignInPage.tsx";
import { SignUpPage } from "./features/auth/SignUpPage.tsx";
import { VerifyEmailPage } from "./features/auth/VerifyEmailPage.tsx";
import { myTasksRoutes } from "./features/boards/boards.routes.tsx";
import { HomePage } from "./features/home/HomePage.tsx";
import { invitationPublicRoutes, invitationsRoutes } from "./features/invitations/invitations.routes.tsx";
import { networksRoutes } from "./features/networks/networks.routes.tsx";
import { organisationsRoutes } from "./features/organisations/organisations.routes.tsx";
import { projectsRoutes } from "./features/projects/projects.routes.tsx";
import { LocaleSync } from "./i18n/LocaleSync.tsx";
import { AppShell } from "./shell/AppShell.tsx";
import { NotFoundPage } from "./shell/NotFoundPage.tsx";
import { PublicLayout } from "./shell/PublicLayout.tsx";
import { RouteErrorPage } from "./shell/RouteErrorPage.tsx";

const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <GuestOnly />,
        children: [
          { path: "sign-in", element: <SignInPage /> },
          { path: "sign-up", element: <SignUpPage /> },
        ],
      },
      { path: "verify-email", element: <VerifyEmailPage /> },
      { path: "forgot-password", element: <ForgotPasswordPage /> },
      { path: "reset-password", element: <ResetPasswordPage /> },
      ...invitationPublicRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "settings", element: <SettingsPage /> },
          ...organisationsRoutes,
          ...networksRoutes,
          ...projectsRoutes,
          ...myTasksRoutes,
          ...invitationsRoutes,
        ],
      },
    ],
  },
]);

/** The routes, plus the user's saved language applied once they are known. */
export function App() {
  return (
    <>
      <LocaleSync />
      <RouterProvider router={router} />
    </>
  );
}
