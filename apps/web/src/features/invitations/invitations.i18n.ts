/** Texts of the invitations feature (German is the shape; English must match). */
export const invitationsDe = {
  title: "Einladungen",
};

export const invitationsEn: typeof invitationsDe = {
  title: "Invitations",
};
