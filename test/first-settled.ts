// Timeout tests compare: a check given a short timeout must settle before the same check given a
// longer one. That is an order, which a loaded machine cannot turn around (timers fire in the order
// they are due, however late), where a bound on elapsed milliseconds fails whenever it stalls.

/** The name of whichever promise settles (resolves or rejects) first. */
export function firstSettled<Name extends string>(contenders: Record<Name, Promise<unknown>>): Promise<Name> {
  return Promise.race(
    (Object.entries(contenders) as [Name, Promise<unknown>][]).map(([name, promise]) =>
      promise.then(
        () => name,
        () => name,
      ),
    ),
  );
}
