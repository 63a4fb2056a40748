export interface DeviceOverride {
  /** `tv`/`web`, `invalid` for any other value, or undefined when the query has no `device`. */
  readonly device: 'tv' | 'web' | 'invalid' | undefined;
  /** The query string without its `device` parameters, as the viewer wrote the rest. */
  readonly rest: string;
}

/** Splits `device=` out of a raw query string (no "?"), keeping every other parameter untouched. */
export function takeDeviceOverride(querystring: string): DeviceOverride {
  if (!querystring.includes('device')) return { device: undefined, rest: querystring };
  let device: DeviceOverride['device'];
  const rest: string[] = [];
  for (const part of querystring.split('&')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    if (name !== 'device') {
      rest.push(part);
      continue;
    }
    const value = eq === -1 ? '' : part.slice(eq + 1);
    device = device === 'invalid' || (device !== undefined && device !== value) || (value !== 'tv' && value !== 'web') ? 'invalid' : value;
  }
  return { device, rest: rest.join('&') };
}
