// How res_pjsip decides on a phone that registers as an endpoint, on the rendered pjsip.conf (read from
// res_pjsip/pjsip_distributor.c): the endpoint is found by the user it registers as; its ACL (deny/permit,
// applied to the request's source address) and contact ACL (to the Contact address) may forbid it; then, if
// the endpoint has an auth, the digest must carry that auth's username and password, and without an auth
// the request is accepted as it is. An ACL is Asterisk's ast_apply_ha: rules in order, the last one that
// matches decides, allow when none does; a rule of the other address family never matches.
import { BlockList, isIP } from "node:net";
import { parseAsteriskFile, type ConfigFiles } from "../asterisk-config.js";

export interface Registration {
  /** The endpoint the phone registers as (the user of its To/From URI). */
  endpoint: string;
  /** The address the REGISTER comes from, and the one in its Contact header (the same unless behind NAT). */
  source: string;
  contact?: string;
  /** Digest credentials, if the phone has any. */
  username?: string;
  password?: string;
}

export type RegistrationResult = { accepted: true } | { accepted: false; why: string };

export function register(files: ConfigFiles, phone: Registration): RegistrationResult {
  const sections = Object.entries(files)
    .filter(([name]) => name.startsWith("pjsip"))
    .flatMap(([, text]) => parseAsteriskFile(text).sections);
  const typed = (name: string, type: string) => sections.filter((s) => s.name === name && s.entries.some((e) => e.key === "type" && e.value === type));
  const values = (name: string, type: string, key: string) => typed(name, type).flatMap((s) => s.entries.filter((e) => e.key === key));
  if (!typed(phone.endpoint, "endpoint").length) return { accepted: false, why: "No matching endpoint found" };
  const acl = values(phone.endpoint, "endpoint", "deny").concat(values(phone.endpoint, "endpoint", "permit")).sort((a, b) => a.line - b.line);
  if (!allowed(acl, phone.source)) return { accepted: false, why: "Not match Endpoint ACL" };
  const contactAcl = values(phone.endpoint, "endpoint", "contact_deny").concat(values(phone.endpoint, "endpoint", "contact_permit")).sort((a, b) => a.line - b.line);
  if (!allowed(contactAcl.map((e) => ({ ...e, key: e.key.replace("contact_", "") })), phone.contact ?? phone.source)) return { accepted: false, why: "Not match Endpoint Contact ACL" };
  const authName = values(phone.endpoint, "endpoint", "auth")[0]?.value;
  if (!authName) return { accepted: true };
  const username = values(authName, "auth", "username")[0]?.value;
  const password = values(authName, "auth", "password")[0]?.value;
  if (phone.username === undefined) return { accepted: false, why: "401 challenge, no credentials" };
  if (phone.username !== username || phone.password !== password) return { accepted: false, why: "Failed to authenticate" };
  return { accepted: true };
}

/** ast_apply_ha: the last matching rule decides; none matching allows. */
function allowed(rules: { key: string; value: string }[], address: string): boolean {
  let sense = true;
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  for (const rule of rules) {
    const [network, prefix] = rule.value.split("/");
    const ruleFamily = isIP(network!) === 6 ? "ipv6" : "ipv4";
    if (ruleFamily !== family) continue;
    const bits = prefix === undefined ? (family === "ipv4" ? 32 : 128) : /^\d+$/.test(prefix) ? Number(prefix) : maskBits(prefix);
    const block = new BlockList();
    block.addSubnet(network!, bits, ruleFamily);
    if (block.check(address, family)) sense = rule.key === "permit";
  }
  return sense;
}

/** 255.255.255.0 → 24. */
function maskBits(mask: string): number {
  return mask.split(".").reduce((n, octet) => n + [...Number(octet).toString(2)].filter((b) => b === "1").length, 0);
}
