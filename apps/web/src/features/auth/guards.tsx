import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { LoadErrorPage, Loading, LoadingPage } from "../../components/PageStatus.tsx";
import { safeNext, signInPath } from "../../lib/navigation.ts";
import { useMe } from "./auth.queries.ts";

/** Routes for signed-in users; everyone else goes to sign-in and comes back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.data === undefined) {
    if (me.isError) {
      return <LoadErrorPage error={me.error} onRetry={() => void me.refetch()} />;
    }
    return <LoadingPage />;
  }
  if (me.data === null) {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}

/** Sign-in and sign-up: a signed-in user is sent on (to `?next=` or home). */
export function GuestOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.data === undefined && me.isPending) {
    return <Loading />;
  }
  if (me.data) {
    return <Navigate to={safeNext(params.get("next"))} replace />;
  }
  return <Outlet />;
}
