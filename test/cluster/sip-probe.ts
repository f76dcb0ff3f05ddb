// What Kamailio's dispatcher does to a node, from a test: a free UDP port, and one SIP OPTIONS probe.
import { createSocket, type Socket } from "node:dgram";

export async function udpSocket(host: string): Promise<Socket> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
  return socket;
}

export async function freeUdpPort(host: string): Promise<number> {
  const socket = await udpSocket(host);
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Sends one OPTIONS to host:port; the response's status code, or 0 when none came within `ms`. */
export async function probeOptions(host: string, port: number, ms = 1000): Promise<number> {
  const socket = await udpSocket("127.0.0.1");
  const local = socket.address().port;
  const request = [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-probe-${Date.now()}`,
    "Max-Forwards: 70",
    "From: <sip:probe@127.0.0.1>;tag=probe",
    `To: <sip:${host}:${port}>`,
    `Call-ID: probe-${Date.now()}@127.0.0.1`,
    "CSeq: 1 OPTIONS",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
  try {
    return await new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(0), ms);
      socket.on("message", (msg) => {
        clearTimeout(timer);
        resolve(Number(msg.toString("latin1").match(/^SIP\/2\.0 (\d{3})/)?.[1] ?? 0));
      });
      socket.send(request, port, host);
    });
  } finally {
    socket.close();
  }
}
