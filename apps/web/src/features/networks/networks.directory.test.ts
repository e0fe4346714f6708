import { describe, expect, it } from "vitest";
import { filterFromParams, normaliseFilter, paramsFromFilter } from "./networks.directory.ts";

describe("directory filters in the URL", () => {
  it("reads q, a known Sparte and a district, ignoring blanks and unknown Sparten", () => {
    expect(filterFromParams(new URLSearchParams("q=+Chor+&sparte=music&district=Mitte"))).toEqual({
      q: "Chor",
      sparte: "music",
      district: "Mitte",
    });
    expect(filterFromParams(new URLSearchParams("q=%20&sparte=opera&district="))).toEqual({});
  });

  it("writes only what is set, and round-trips", () => {
    expect(paramsFromFilter({ q: "  ", sparte: "dance" }).toString()).toBe("sparte=dance");
    const filter = { q: "Kultur & Co", district: "Neukölln" };
    expect(filterFromParams(paramsFromFilter(filter))).toEqual(filter);
  });

  it("normalises blanks away, so equal filters share one cache entry", () => {
    expect(normaliseFilter({ q: " Tanz ", district: " " })).toEqual({ q: "Tanz" });
  });
});
