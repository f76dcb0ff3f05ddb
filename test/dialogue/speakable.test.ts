import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { forTheEar, isShortFormOf, sayEachLinkOnce, speakableShortForm, spokenLink } from "../../src/dialogue/speakable.js";

describe("record text made fit for the ear", () => {
  it("web-page scaffolding is not read out", () => {
    assert.equal(forTheEar("Step 1: Visit the PM-KISAN Portal (https://pmkisan.gov.in/)."), "Visit the PM Kisan Portal: pmkisan.gov.in.");
    assert.equal(forTheEar("चरण 2: 'नया किसान पंजीकरण' विकल्प पर क्लिक करें।"), "'नया किसान पंजीकरण' विकल्प पर क्लिक करें।");
    assert.equal(forTheEar("Online: Register on the portal."), "Register on the portal.");
    assert.equal(forTheEar("Know Your Status: Click here (https://pmkisan.gov.in/BeneficiaryStatus_New.aspx)."), "Know Your Status: pmkisan.gov.in/BeneficiaryStatus_New.aspx.");
  });

  it("a link is said without https and www", () => {
    assert.equal(spokenLink("https://www.myscheme.gov.in/"), "myscheme.gov.in");
    assert.equal(spokenLink("http://pmkisan.gov.in/RegistrationFormnew.aspx."), "pmkisan.gov.in/RegistrationFormnew.aspx");
  });

  it("short forms the way people say them: a word where they say a word, letters where they say letters", () => {
    assert.equal(speakableShortForm("PM-KISAN"), "PM Kisan");
    assert.equal(speakableShortForm("PM SVANIDHI"), "PM Svanidhi");
    assert.equal(speakableShortForm("AICTE"), "AICTE");
    assert.equal(speakableShortForm("AB-PMJAY"), "AB-PMJAY");
    assert.equal(speakableShortForm("PM-KUSUM scheme"), "PM Kusum scheme");
  });

  it("a parenthesis is said as the name's short form only when it shortens the name, not '(All Ranks)' or '(Nos.)'", () => {
    assert.equal(isShortFormOf("PM-KISAN", "Pradhan Mantri Kisan Samman Nidhi (PM-KISAN)"), true);
    assert.equal(isShortFormOf("PM SVANidhi", "PM Street Vendor’s AtmaNirbhar Nidhi (PM SVANidhi)"), true);
    assert.equal(isShortFormOf("PMFBY", "Pradhan Mantri Fasal Bima Yojna (PMFBY)"), true);
    assert.equal(isShortFormOf("All Ranks", "AFFDF-Financial Assistance For Treatment Of Serious Diseases To Non Pensioner Ex-Servicemen (All Ranks)/Widows"), false);
    assert.equal(isShortFormOf("Nos.", "Small Cardamom Irrigation Land Development : Irrigation equipment (Nos.)"), false);
  });

  it("no link is said twice in a reply", () => {
    const segments = sayEachLinkOnce([
      { text: "Visit pmkisan.gov.in to register.", lang: "en" },
      { text: "Check your status at pmkisan.gov.in.", lang: "en" },
      { text: "Or use pmkisan.gov.in/BeneficiaryStatus.aspx, Rs. 5.00 lakh.", lang: "en" },
    ]);
    const text = segments.map((s) => s.text).join(" ");
    assert.equal(text.match(/pmkisan\.gov\.in(?!\/)/g)?.length, 1, text);
    assert.match(text, /BeneficiaryStatus/, "another address on the same site is said");
    assert.match(text, /Rs\. 5\.00 lakh/, "figures are not taken for links");
  });
});
