import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code drawn as SVG rects from the module matrix (no HTML strings injected). */
export function QrCode({ text, label, size = 240 }: { text: string; label: string; size?: number }) {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4},${r + 4}h1v1h-1z`;
    return { n: n + 8, d };
  }, [text]);
  return (
    <svg
      className="qr"
      width={size}
      height={size}
      viewBox={`0 0 ${cells.n} ${cells.n}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={cells.n} height={cells.n} fill="#fff" />
      <path d={cells.d} fill="#000" />
    </svg>
  );
}
