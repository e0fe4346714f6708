/** Texts of the organisations feature (German is the shape; English must match). */
export const organisationsDe = {
  title: "Organisationen",
};

export const organisationsEn: typeof organisationsDe = {
  title: "Organisations",
};
