// A choice of one kind: when no scheme says every word the caller has for the help ("land" and "rubber"), the
// schemes saying the narrowest one are offered, not schemes each saying a different one (land development
// schemes beside a rubber plantation scheme). English, Hindi (its borrowed word in Latin letters, as callers
// type it), romanised Hindi.
import { describe, it } from "node:test";
import { offersOnlySchemesSaying, realEngine } from "./engine-over.js";

describe("no scheme says every word the caller has for the help", () => {
  const real = realEngine();

  const offersOnly = (text: string, word: RegExp) => offersOnlySchemesSaying(real, text, word);

  it("the schemes saying the narrowest word are offered", async () => {
    for (const text of ["What is there for rubber growers with land?", "zameen par rubber lagana hai, rubber ke liye koi yojana?", "ज़मीन पर rubber लगाना है, rubber के लिए कोई योजना?"]) await offersOnly(text, /rubber/i);
    await offersOnly("Does the government help units with design?", /design/i);
  });
});
