// RTP (RFC 3550) packets: parse what arrives, build what we send. Malformed packets are reported, not thrown.
export interface RtpPacket {
  version: number;
  padding: boolean;
  extension: boolean;
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export type RtpParseError = "too_short" | "bad_version" | "bad_padding" | "bad_header_length";

const HEADER = 12;

export function parseRtp(buf: Uint8Array): RtpPacket | RtpParseError {
  if (buf.length < HEADER) return "too_short";
  const b0 = buf[0]!;
  const version = b0 >> 6;
  if (version !== 2) return "bad_version";
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const b1 = buf[1]!;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = HEADER + csrcCount * 4;
  if (offset > buf.length) return "bad_header_length";
  if (extension) {
    if (offset + 4 > buf.length) return "bad_header_length";
    const words = view.getUint16(offset + 2);
    offset += 4 + words * 4;
    if (offset > buf.length) return "bad_header_length";
  }
  let end = buf.length;
  if (padding) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || pad > end - offset) return "bad_padding";
    end -= pad;
  }
  return {
    version,
    padding,
    extension,
    marker: (b1 & 0x80) !== 0,
    payloadType: b1 & 0x7f,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: buf.subarray(offset, end),
  };
}

export function buildRtp(p: { payloadType: number; sequence: number; timestamp: number; ssrc: number; marker?: boolean; payload: Uint8Array }): Uint8Array {
  const out = new Uint8Array(HEADER + p.payload.length);
  const view = new DataView(out.buffer);
  out[0] = 0x80;
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  view.setUint16(2, p.sequence & 0xffff);
  view.setUint32(4, p.timestamp >>> 0);
  view.setUint32(8, p.ssrc >>> 0);
  out.set(p.payload, HEADER);
  return out;
}

/** Signed distance a → b on the 16-bit sequence circle. */
export function seqDelta(a: number, b: number): number {
  const d = (b - a) & 0xffff;
  return d >= 0x8000 ? d - 0x10000 : d;
}
