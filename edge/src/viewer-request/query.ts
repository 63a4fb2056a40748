export interface DeviceOverride {
  /** `tv`/`web`, `invalid` for any other value, or undefined when the query has no `device`. */
  readonly device: 'tv' | 'web' | 'invalid' | undefined;
  /** The query string without its `device` parameters, as the viewer wrote the rest. */
  readonly rest: string;
}

/** Every value of parameter `name` in a raw query string (no "?"), as written, and the query without them. */
export function takeQueryParam(querystring: string, name: string): { readonly values: readonly string[]; readonly rest: string } {
  // Most requests carry neither parameter: no split, no array.
  if (!querystring.includes(name)) return { values: [], rest: querystring };
  const values: string[] = [];
  const rest: string[] = [];
  for (const part of querystring.split('&')) {
    const eq = part.indexOf('=');
    if ((eq === -1 ? part : part.slice(0, eq)) !== name) rest.push(part);
    else values.push(eq === -1 ? '' : part.slice(eq + 1));
  }
  return { values, rest: rest.join('&') };
}

/** Splits `device=` out of a raw query string (no "?"), keeping every other parameter untouched. */
export function takeDeviceOverride(querystring: string): DeviceOverride {
  const { values, rest } = takeQueryParam(querystring, 'device');
  let device: DeviceOverride['device'];
  for (const value of values)
    device = device === 'invalid' || (device !== undefined && device !== value) || (value !== 'tv' && value !== 'web') ? 'invalid' : value;
  return { device, rest };
}
