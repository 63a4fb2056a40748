import { useEffect, useState } from 'react';

/** The SVG path of a QR matrix: one unit square per dark module, offset by the quiet zone. */
export function qrPath(modules: readonly (readonly boolean[])[], quiet: number): string {
  let d = '';
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    });
  });
  return d;
}

/**
 * A QR code of `text`, drawn as one SVG path. The encoder (uqr, a few KiB) is loaded on first use,
 * so it ships only with the page that shows a code (the TV sign-in page), never in other pages'
 * initial JavaScript. Until it has loaded the box is reserved and empty.
 */
export function QrCode({ text, label, size = 192 }: { readonly text: string; readonly label: string; readonly size?: number }) {
  const [modules, setModules] = useState<boolean[][] | undefined>();
  useEffect(() => {
    let current = true;
    void import('uqr').then(({ encode }) => {
      // Medium error correction survives a glare on a TV screen; no border: the quiet zone is drawn below.
      if (current) setModules(encode(text, { ecc: 'M', border: 0 }).data);
    });
    return () => {
      current = false;
    };
  }, [text]);
  const quiet = 4;
  const units = (modules?.length ?? 21) + quiet * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${units} ${units}`}
      shapeRendering="crispEdges"
      data-ready={modules ? 'true' : undefined}
    >
      <rect width={units} height={units} fill="#fff" />
      {modules && <path d={qrPath(modules, quiet)} fill="#000" />}
    </svg>
  );
}
