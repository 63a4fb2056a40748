/**
 * The app's stylesheet is inlined in every prerendered page's <head> (issue 17: under a mobile
 * profile, a render-blocking stylesheet costs its own round trip, ~0.6 s on fast 3G, before
 * anything paints). The web build puts web/src/app/styles.css there byte for byte, in one
 * <style>; the Content-Security-Policy allows exactly that text by its hash (`'sha256-…'`,
 * CSP Level 2 https://www.w3.org/TR/CSP2/#style-src-hash-usage), never 'unsafe-inline'.
 *
 * The text's one home is web/src/app/styles.css; its hash's one home is here, where the edge
 * (the policy) and the web build both read it. A web test (web/scripts/html-template.test.ts)
 * checks the hash against the file and names the new value whenever the stylesheet changes.
 */
/** base64 SHA-256 of web/src/app/styles.css (UTF-8), as CSP's `'sha256-…'` source names it. */
export const FIRST_PAINT_STYLE_SHA256 = 'caosPD5XH6MsYMBzjHt6XCmc3M75LDrvvYIc2Td/ezM=';
