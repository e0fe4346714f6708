/** Texts of the networks feature (German is the shape; English must match). */
export const networksDe = {
  title: "Netzwerke",
};

export const networksEn: typeof networksDe = {
  title: "Networks",
};
