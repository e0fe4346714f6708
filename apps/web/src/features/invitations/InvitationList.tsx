import type { ReceivedInvitation } from "@ensemble/contracts/invitations";
import { type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { InvitationAnswer, InvitationDescription } from "./InvitationAnswer.tsx";
import { acceptedPath, useAcceptInvitation, useDeclineInvitation } from "./invitations.queries.ts";

interface InvitationListProps {
  invitations: readonly ReceivedInvitation[];
  /** The organisation that answers network invitations (an organisation's own list). */
  organisationId?: string | undefined;
  /** Gets the focus when an answered invitation (and its buttons) leaves the list. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/**
 * Invitations to answer by id: accepting leads to what I joined, declining removes the
 * invitation from the list (announced, with focus on the list's heading).
 */
export function InvitationList({ invitations, organisationId, headingRef }: InvitationListProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const [declined, setDeclined] = useState<string | null>(null);
  // once the answered invitation's dialog has closed and the invitation has left the list
  const focusHeading = useFocusAfterRender(headingRef);
  const returnTo = location.pathname + location.search;

  return (
    <>
      {invitations.length > 0 ? (
        <ul className="invitation-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="invitation">
              <InvitationDescription invitation={invitation} />
              <InvitationAnswer
                invitation={invitation}
                fixedOrganisationId={invitation.kind === "network" ? organisationId : undefined}
                returnTo={returnTo}
                context={invitation.target.name}
                onAccept={async (joining) => {
                  setDeclined(null);
                  const accepted = await accept.mutateAsync({
                    invitationId: invitation.id,
                    ...(joining === undefined ? {} : { organisationId: joining }),
                  });
                  navigate(acceptedPath(accepted));
                }}
                onDecline={async () => {
                  setDeclined(null);
                  await decline.mutateAsync({ invitationId: invitation.id, organisationId });
                  setDeclined(t("invitations.home.declined", { target: invitation.target.name }));
                  focusHeading();
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <StatusMessage message={declined} />
    </>
  );
}
