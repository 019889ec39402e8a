// Stops what the global setup started (containers); local servers are left running.
export default async function globalTeardown() {
  for (const stop of globalThis.__teilhabeStops ?? []) await stop();
}
