import { Sparte } from "@ensemble/contracts/organisations";

/** The directory's filters, as the URL and the API carry them (absent = no filter). */
export interface DirectoryFilter {
  q?: string;
  sparte?: Sparte;
  district?: string;
}

/** The filters in a URL's search params; unknown Sparten and blank values are ignored. */
export function filterFromParams(params: URLSearchParams): DirectoryFilter {
  const filter: DirectoryFilter = {};
  const q = params.get("q")?.trim().slice(0, 120);
  if (q) {
    filter.q = q;
  }
  const sparte = Sparte.safeParse(params.get("sparte"));
  if (sparte.success) {
    filter.sparte = sparte.data;
  }
  const district = params.get("district")?.trim().slice(0, 80);
  if (district) {
    filter.district = district;
  }
  return filter;
}

/** The search params for these filters, in a fixed order, without empty ones. */
export function paramsFromFilter(filter: DirectoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q?.trim()) {
    params.set("q", filter.q.trim());
  }
  if (filter.sparte) {
    params.set("sparte", filter.sparte);
  }
  if (filter.district?.trim()) {
    params.set("district", filter.district.trim());
  }
  return params;
}

/** The filters with blanks trimmed away, as sent to the API and used as the cache key. */
export function normaliseFilter(filter: DirectoryFilter): DirectoryFilter {
  return filterFromParams(paramsFromFilter(filter));
}
