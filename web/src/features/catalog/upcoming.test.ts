import { describe, expect, it } from 'vitest';
import { catalogStateFor, selectIsUpcoming, type CatalogPageContent } from './catalogSlice';
import { testProgram } from './program.fixture';

const program = (slug: string, launchAt: string) => testProgram(slug, { launchAt });

const catalog = [program('launched', '2026-01-01T00:00:00Z'), program('later', '2027-02-01T06:00:00Z')];
const now = Date.parse('2026-11-22T12:00:00Z');
const AS_OF = '2026-11-22T06:00:00.000Z';
const listing: CatalogPageContent = { listsCatalog: true, detailSlugs: [], summarySlugs: [] };

describe('selectIsUpcoming', () => {
  it('is true for a program launching after now that the page does not carry', () => {
    const state = { catalog: catalogStateFor(catalog, listing, AS_OF) };
    expect(selectIsUpcoming(state, 'later', now)).toBe(true);
    expect(selectIsUpcoming(state, 'launched', now)).toBe(false);
    expect(selectIsUpcoming(state, 'unknown', now)).toBe(false);
  });

  it('is false once launched, and for a page the edge served in full (its program is in the state)', () => {
    expect(selectIsUpcoming({ catalog: catalogStateFor(catalog, listing, AS_OF) }, 'later', Date.parse('2027-02-01T06:00:00Z'))).toBe(
      false,
    );
    expect(selectIsUpcoming({ catalog: catalogStateFor(catalog, { ...listing, detailSlugs: ['later'] }, AS_OF) }, 'later', now)).toBe(
      false,
    );
  });
});
