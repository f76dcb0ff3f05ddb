// Redaction of personal data in Hindi and English text, written and spoken (numbers as words included),
// and what must be left alone: incomes, ages, amounts, years, scheme names.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { createLogger } from "../../src/ops/log.js";
import { findPersonalData, redactDeep, redactText } from "../../src/ops/redact.js";

const cases: [string, string, string][] = [
  // [kind, text, expected]
  ["aadhaar", "my aadhaar number is 1234 5678 9012", "my aadhaar number is [aadhaar]"],
  ["aadhaar", "MY AADHAAR IS NINE EIGHT SEVEN SIX FIVE FOUR THREE TWO ONE ZERO ONE TWO", "MY AADHAAR IS [aadhaar]"],
  ["aadhaar", "मेरा आधार नंबर नौ आठ सात छह पांच चार तीन दो एक शून्य एक दो है", "मेरा आधार नंबर [aadhaar] है"],
  ["aadhaar", "आधार संख्या १२३४ ५६७८ ९०१२", "आधार संख्या [aadhaar]"],
  ["aadhaar", "mera aadhaar hai nau aath saat chhe paanch chaar teen do ek", "mera aadhaar hai [aadhaar]"],
  ["aadhaar", "an unlabelled 234567890123 is still twelve digits", "an unlabelled [aadhaar] is still twelve digits"],
  ["phone", "call me on +91 98765 43210 please", "call me on [phone] please"],
  ["phone", "my mobile is double nine eight seven six five four three two one", "my mobile is [phone]"],
  ["phone", "ninety eight seventy six fifty four thirty two ten", "[phone]"],
  ["phone", "मेरा फ़ोन नंबर ९८७६५४३२१० है", "मेरा फ़ोन नंबर [phone] है"],
  ["phone", "मेरा नंबर नौ आठ सात छह पांच चार तीन दो एक शून्य है", "मेरा नंबर [phone] है"],
  ["account", "account number 12345678901 in sbi", "account number [account] in sbi"],
  ["account", "खाता संख्या 3344 5566 7788 99", "खाता संख्या [account]"],
  ["account", "my account is one two three four five six", "my account is [account]"],
  ["account", "खाता नंबर एक दो तीन चार पांच छह सात", "खाता नंबर [account]"],
  ["ifsc", "IFSC is SBIN0001234", "IFSC is [ifsc]"],
  ["ifsc", "ifsc s b i n zero zero zero one two three four", "ifsc [ifsc]"],
  ["ifsc", "आईएफएससी एस बी आई एन शून्य शून्य शून्य एक दो तीन चार", "आईएफएससी [ifsc]"],
  ["pan", "PAN ABCDE1234F", "PAN [pan]"],
  ["pan", "pan a b c d e one two three four f", "pan [pan]"],
  ["pan", "पैन कार्ड ए बी सी डी ई एक दो तीन चार एफ", "पैन कार्ड [pan]"],
  ["card", "card 4111 1111 1111 1111", "card [card]"],
  ["card", "my debit card is four one one one one one one one one one one one one one one one", "my debit card is [card]"],
  ["card", "an unlabelled 4111111111111111", "an unlabelled [card]"],
  ["card", "मेरे एटीएम कार्ड का नंबर ४१११ ११११ ११११ ११११ है", "मेरे एटीएम कार्ड का नंबर [card] है"],
  ["account", "बैंक खाता पांच शून्य एक शून्य शून्य एक दो तीन चार पांच छह सात आठ नौ", "बैंक खाता [account]"],
  ["email", "email ramesh.kumar@gmail.com thanks", "email [email] thanks"],
  ["email", "ramesh at the rate gmail dot com", "[email]"],
  ["email", "मेरा ईमेल रमेश एट जीमेल डॉट कॉम है", "मेरा ईमेल [email] है"],
];

describe("redaction", () => {
  for (const [kind, text, expected] of cases) {
    it(`${kind}: ${text}`, () => {
      assert.equal(redactText(text), expected);
      assert.ok(findPersonalData(text).every((s) => s.kind === kind), `labelled ${kind}: ${JSON.stringify(findPersonalData(text))}`);
    });
  }

  it("leaves incomes, ages, amounts, years, dates and scheme names alone", () => {
    for (const text of [
      "I earn 15000 a month and I am 45 years old",
      "meri umar paintalis saal hai aur aay pandrah hazaar",
      "PM Kisan gives ₹6,000 a year; the scheme spent 2,50,00,00,000 rupees",
      "what do I need to apply in 2024",
      "एक लाख पच्चीस हज़ार रुपये",
      "मेरी उम्र पैंतालीस साल है",
      "what documents do i need for pm kisan",
      "the last date is 31-03-2026",
    ]) {
      assert.equal(redactText(text), text, text);
    }
  });

  it("redacts a spoken number with a word or two misheard inside it, in English, Hindi and romanised Hindi", () => {
    for (const [text, expected] of [
      // the number from the field (issue 16): "nine" heard as "mind"; "john tar" before it stays (nothing to anchor it)
      ["john tar one two three four five six seven eight mind zero one two", "john tar [aadhaar]"],
      ["MY MOBILE IS NINE EIGHT SEVEN SIX FIVE FOR THREE TWO ONE ZERO", "MY MOBILE IS [phone]"],
      ["please note six four five mind one seven one three six two thank you", "please note [phone] thank you"],
      ["it is two three uh four five six seven eight nine zero one two three", "it is [account]"],
      ["मेरा आधार नंबर नौ आठ सात छह पांच साथ तीन दो एक शून्य एक दो है", "मेरा आधार नंबर [aadhaar] है"],
      ["नंबर है सात पांच दो चाय पाँच दो तीन आठ शून्य आठ नौ", "नंबर है [account]"],
      ["mera number nau aath saath chhe paanch chaar teen do ek shunya hai", "mera number [phone] hai"],
      ["khata number ek do teen chal paanch chhe", "khata number [account]"],
    ] as const) {
      assert.equal(redactText(text), expected, text);
    }
  });

  it("joins no misheard words across quantities, written numbers, or where number words are few", () => {
    for (const text of [
      "I am forty five years old and my income is one lakh twenty five thousand rupees",
      "my account has one lakh two thousand three hundred and four rupees",
      "what do i do to apply and do i need two or three photos",
      "एक दो दिन में पैसा आ जाएगा, तीन चार बार फोन किया",
      "one or two of them and three four five times a year",
      "the scheme ran from 2019 to 2020 and 2021 to 2024",
      "I have five children, two sons and three daughters, and one two acre farm",
      "ek do teen mahine mein paisa aata hai",
    ]) {
      assert.equal(redactText(text), text, text);
    }
  });

  it("scheme texts: amounts, years and dates after a word like 'card' stay; only issued PAN shapes count unlabelled", () => {
    for (const text of [
      "Kisan Credit Card with a credit limit of ₹2,00,000 or above",
      "Loan Amount (₹): 30,00,000 - 40,00,000",
      "covered by the RSBY card as of 28 February 2018",
      "Aadhaar card (for the applicants after 01-04-2013).",
      "section 7 of the Aadhaar Act 2016",
      "Remuneration at the rate of Rs. 300/- per hour",
      "Wages are paid within a week, or fifteen days at most. Men and Women are paid equally.",
      "https://www.myscheme.gov.in/schemes/fadsp1012e",
    ]) {
      assert.equal(redactText(text), text, text);
    }
    assert.equal(redactText("my pan is abcde1234f"), "my pan is [pan]", "after the word PAN any shape");
    assert.equal(redactText("it is AAAPL1234C"), "it is [pan]", "an issued shape (P: a person) without the word");
  });

  it("redacts inside objects and errors, except identifiers", () => {
    const out = redactDeep({ callId: "1732334455.123456", text: "aadhaar 1234 5678 9012", nested: [{ said: "mobile 9876543210" }], err: new Error("bad account 123456789012") });
    assert.equal(out.callId, "1732334455.123456");
    assert.equal(out.text, "aadhaar [aadhaar]");
    assert.equal(out.nested[0]!.said, "mobile [phone]");
    assert.ok(out.err instanceof Error);
    assert.equal(out.err.message, "bad account [account]");
  });

  it("the logger redacts messages and fields, and hides caller numbers under their keys", () => {
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) as never);
    log.info({ callerNumber: "+919812345678", text: "मेरा आधार 1234 5678 9012 है" }, "caller said 9876543210");
    log.warn({ err: new Error("cannot parse my account one two three four five six seven eight nine") }, "failed");
    const all = lines.join("");
    for (const secret of ["9812345678", "1234 5678 9012", "9876543210", "one two three four five six seven eight nine"]) assert.ok(!all.includes(secret), secret);
    assert.match(all, /"callerNumber":"\[redacted\]"/);
    assert.match(all, /\[aadhaar\]/);
    assert.match(all, /caller said \[phone\]/);
  });
});
