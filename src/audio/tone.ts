// A short sine tone (the "ask after the tone" beep), with 10 ms fades so it does not click.
export function tone(sampleRate: number, hz: number, ms: number, level: number): Int16Array {
  const n = Math.round((sampleRate * ms) / 1000);
  const fade = Math.min(Math.round(sampleRate / 100), Math.floor(n / 2));
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(32767 * level * envelope * Math.sin((2 * Math.PI * hz * i) / sampleRate));
  }
  return out;
}
