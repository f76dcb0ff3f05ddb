import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alawToLinear, decodeAlaw, decodeUlaw, encodeAlaw, encodeUlaw, linearToAlaw, linearToUlaw, ulawToLinear } from "../../src/audio/g711.js";

describe("G.711 against ITU-T reference values", () => {
  it("μ-law reference points", () => {
    assert.equal(linearToUlaw(0), 0xff);
    assert.equal(linearToUlaw(-1), 0x7f);
    assert.equal(linearToUlaw(32767), 0x80);
    assert.equal(linearToUlaw(-32768), 0x00);
    assert.equal(ulawToLinear(0x80), 32124);
    assert.equal(ulawToLinear(0x00), -32124);
    assert.equal(ulawToLinear(0xff), 0);
    assert.equal(ulawToLinear(0x7f), 0);
    // segment 0 ends at 120 (step 8), segment 1 starts at 132 (step 16): the G.711 table ×4
    assert.equal(ulawToLinear(0xfe), 8);
    assert.equal(ulawToLinear(0xf0), 120);
    assert.equal(ulawToLinear(0xef), 132);
    assert.equal(ulawToLinear(0xee), 148);
    assert.equal(linearToUlaw(120), 0xf0);
    assert.equal(linearToUlaw(132), 0xef);
    assert.equal(ulawToLinear(0x8f), 16764);
    assert.equal(ulawToLinear(0x8e), 17788);
  });

  it("A-law reference points", () => {
    assert.equal(linearToAlaw(0), 0xd5);
    assert.equal(linearToAlaw(-1), 0x55);
    assert.equal(linearToAlaw(32767), 0xaa);
    assert.equal(linearToAlaw(-32768), 0x2a);
    assert.equal(alawToLinear(0xd5), 8);
    assert.equal(alawToLinear(0x55), -8);
    assert.equal(alawToLinear(0xaa), 32256);
    assert.equal(alawToLinear(0x2a), -32256);
  });

  it("every code decodes and re-encodes to itself (μ-law's negative zero aside)", () => {
    for (let c = 0; c < 256; c++) {
      if (c !== 0x7f) assert.equal(linearToUlaw(ulawToLinear(c)), c, `μ-law ${c}`);
      assert.equal(linearToAlaw(alawToLinear(c)), c, `A-law ${c}`);
    }
  });

  it("quantisation error stays within half a step over the whole 16-bit range", () => {
    for (let x = -32768; x <= 32767; x += 7) {
      const u = ulawToLinear(linearToUlaw(x));
      const a = alawToLinear(linearToAlaw(x));
      const clip = Math.max(-32124, Math.min(32124, x));
      assert.ok(Math.abs(u - clip) <= Math.max(2, Math.abs(clip) / 16 + 8), `μ-law ${x} → ${u}`);
      assert.ok(Math.abs(a - Math.max(-32256, Math.min(32256, x))) <= Math.max(8, Math.abs(x) / 16 + 16), `A-law ${x} → ${a}`);
    }
  });

  it("block codecs match the per-sample ones", () => {
    const pcm = Int16Array.from({ length: 1000 }, (_, i) => Math.round(20000 * Math.sin(i / 7)));
    assert.deepEqual(decodeUlaw(encodeUlaw(pcm)), Int16Array.from(pcm, (v) => ulawToLinear(linearToUlaw(v))));
    assert.deepEqual(decodeAlaw(encodeAlaw(pcm)), Int16Array.from(pcm, (v) => alawToLinear(linearToAlaw(v))));
  });
});
