/** Programs per page of the home page's "All programs": the first comes with the page, the rest as /data/listing/<n>.json. */
export const LISTING_PAGE_SIZE = 24;
