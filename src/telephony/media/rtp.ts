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

export const RTP_HEADER_BYTES = 12;

export function parseRtp(buf: Uint8Array): RtpPacket | RtpParseError {
  if (buf.length < RTP_HEADER_BYTES) return "too_short";
  const b0 = buf[0]!;
  const version = b0 >> 6;
  if (version !== 2) return "bad_version";
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const b1 = buf[1]!;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = RTP_HEADER_BYTES + csrcCount * 4;
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

export interface RtpHeaderFields {
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
}

export function buildRtp(p: RtpHeaderFields & { payload: Uint8Array }): Uint8Array {
  const out = new Uint8Array(RTP_HEADER_BYTES + p.payload.length);
  writeRtpHeader(new DataView(out.buffer), p.payloadType, p.sequence, p.timestamp, p.ssrc, p.marker ?? false);
  out.set(p.payload, RTP_HEADER_BYTES);
  return out;
}

/** The fixed 12-byte header (no CSRC, no extension), in place: the payload follows at RTP_HEADER_BYTES. */
export function writeRtpHeader(view: DataView, payloadType: number, sequence: number, timestamp: number, ssrc: number, marker: boolean): void {
  view.setUint8(0, 0x80);
  view.setUint8(1, (marker ? 0x80 : 0) | (payloadType & 0x7f));
  view.setUint16(2, sequence & 0xffff);
  view.setUint32(4, timestamp >>> 0);
  view.setUint32(8, ssrc >>> 0);
}

/** Signed distance a → b on the 16-bit sequence circle. */
export function seqDelta(a: number, b: number): number {
  const d = (b - a) & 0xffff;
  return d >= 0x8000 ? d - 0x10000 : d;
}
