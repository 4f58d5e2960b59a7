// Maps that hold at most a fixed number of entries, the least recently remembered going first:
// caches keyed by what comes from outside (monitors, certificates, pages) must not grow without end.

/** Sets `key` as the newest entry of `map`, then drops the oldest while `map` holds more than `max`. */
export function rememberAtMost<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
