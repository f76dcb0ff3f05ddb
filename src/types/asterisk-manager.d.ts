// asterisk-manager has no types; src/telephony/ami.ts is its only user.
declare module "asterisk-manager" {
  interface Manager {
    action(action: Record<string, string>, callback: (err: Record<string, string> | undefined, res: Record<string, string>) => void): string;
    on(event: string, fn: (e: Record<string, string>) => void): void;
    removeListener(event: string, fn: (e: Record<string, string>) => void): void;
    disconnect(): void;
    isConnected(): boolean;
  }
  const AsteriskManager: (port: number, host: string, user: string, password: string, events: boolean) => Manager;
  export default AsteriskManager;
}
