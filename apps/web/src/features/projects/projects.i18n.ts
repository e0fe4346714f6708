/** Texts of the projects feature (German is the shape; English must match). */
export const projectsDe = {
  title: "Projekte",
};

export const projectsEn: typeof projectsDe = {
  title: "Projects",
};
