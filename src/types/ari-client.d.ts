// ari-client has no types; Sahayak's wrapper (src/telephony/ari) is the only user and types what it calls.
declare module "ari-client" {
  const ari: { connect(url: string, user: string, password: string): Promise<unknown> };
  export default ari;
}
