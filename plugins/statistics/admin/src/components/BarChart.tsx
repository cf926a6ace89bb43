import * as React from 'react';
import { useTheme } from 'styled-components';
import { Box, Typography, VisuallyHidden } from '@strapi/design-system';

export interface BarDatum {
  key: string;
  /** Label under (vertical) or beside (horizontal) the bar. */
  label: string;
  /** Optional second line under a vertical bar (e.g. the year under 1月). */
  sublabel?: string;
  /** Full text for the tooltip and the data table (defaults to label). */
  fullLabel?: string;
  value: number;
}

interface BarChartProps {
  /** Accessible name of the chart (also the caption of its data table). */
  title: string;
  /** One sentence describing the chart for screen readers. */
  description?: string;
  data: BarDatum[];
  orientation?: 'vertical' | 'horizontal';
  /** Column headers of the data table. */
  labelHeader: string;
  valueHeader: string;
  /** Vertical chart height in px. */
  height?: number;
  formatValue?: (n: number) => string;
  /** Horizontal bars become buttons (keyboard and mouse) when given. */
  onSelect?: (datum: BarDatum) => void;
  selectLabel?: (datum: BarDatum) => string;
  emptyText: string;
  testId?: string;
}

/** Width of the element, kept current with a ResizeObserver (SVG text is laid out in real pixels, not scaled). */
function useWidth<T extends HTMLElement>(): [React.RefObject<T>, number] {
  const ref = React.useRef<T>(null);
  const [width, setWidth] = React.useState(0);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver((entries) => setWidth(entries[0].contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** 0 … a round maximum, in 4–5 steps. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw) ?? 10 * mag;
  const intStep = Math.max(1, Math.ceil(step));
  const ticks: number[] = [];
  for (let v = 0; v < max + intStep; v += intStep) ticks.push(v);
  return ticks;
}

/** Shorten a label to fit roughly `px` pixels (CJK glyphs ≈ 1 em, latin ≈ 0.6 em). */
function fitText(text: string, px: number, fontSize: number): string {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    width += /[\u0000-\u00ff]/.test(text[i]) ? fontSize * 0.6 : fontSize;
    if (width > px) return `${text.slice(0, Math.max(1, i - 1))}…`;
  }
  return text;
}

/**
 * A plain, accessible SVG bar chart in the admin's theme colours (no chart library is installed).
 * The SVG is role="img" with a title and description; the numbers are also in a visually hidden table.
 */
export const BarChart = ({
  title, description, data, orientation = 'vertical', labelHeader, valueHeader, height = 240,
  formatValue = (n) => n.toLocaleString('zh-CN'), onSelect, selectLabel, emptyText, testId,
}: BarChartProps) => {
  const theme = useTheme();
  const [ref, width] = useWidth<HTMLDivElement>();
  const id = React.useId();
  const [hover, setHover] = React.useState<string | null>(null);
  const [focused, setFocused] = React.useState<string | null>(null);
  const c = theme.colors;
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const font = 12;

  let svg: React.ReactNode = null;
  if (width > 0 && data.length > 0) {
    if (orientation === 'vertical') {
      const axisW = Math.max(28, String(top).length * 8 + 12);
      const padTop = 18;
      const labelH = data.some((d) => d.sublabel) ? 34 : 20;
      const plotW = width - axisW - 8;
      const plotH = height - padTop - labelH;
      const slot = plotW / data.length;
      const barW = Math.max(2, Math.min(48, slot * 0.64));
      const y = (v: number) => padTop + plotH - (v / top) * plotH;
      // Thin the x labels when the slots are too narrow for them
      const every = Math.max(1, Math.ceil(34 / slot));
      svg = (
        <svg width={width} height={height} role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ display: 'block', overflow: 'visible' }}>
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{description ?? title}</desc>
          {ticks.map((t) => (
            <g key={t} aria-hidden="true">
              <line x1={axisW} x2={width - 8} y1={y(t)} y2={y(t)} stroke={t === 0 ? c.neutral300 : c.neutral150} strokeDasharray={t === 0 ? undefined : '3 3'} />
              <text x={axisW - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill={c.neutral600}>{formatValue(t)}</text>
            </g>
          ))}
          {data.map((d, i) => {
            const cx = axisW + slot * i + slot / 2;
            const h = (d.value / top) * plotH;
            const active = hover === d.key;
            return (
              <g key={d.key} onMouseEnter={() => setHover(d.key)} onMouseLeave={() => setHover(null)} data-period={d.key} data-value={d.value}>
                <title>{`${d.fullLabel ?? d.label}：${formatValue(d.value)}`}</title>
                {/* the whole slot reacts to the pointer, not only the bar */}
                <rect x={axisW + slot * i} y={padTop} width={slot} height={plotH} fill="transparent" />
                <rect x={cx - barW / 2} y={y(d.value)} width={barW} height={Math.max(h, d.value > 0 ? 1 : 0)} rx={2} fill={active ? c.primary700 : c.primary600} />
                {d.value > 0 && (slot >= 26 || active) && (
                  <text x={cx} y={y(d.value) - 5} textAnchor="middle" fontSize={11} fontWeight={600} fill={c.neutral800}>{formatValue(d.value)}</text>
                )}
                {(i % every === 0 || d.sublabel) && (
                  <text x={cx} y={padTop + plotH + 14} textAnchor="middle" fontSize={font - 1} fill={c.neutral600}>{d.label}</text>
                )}
                {d.sublabel && (
                  <text x={cx} y={padTop + plotH + 28} textAnchor="middle" fontSize={font - 2} fill={c.neutral500}>{d.sublabel}</text>
                )}
              </g>
            );
          })}
        </svg>
      );
    } else {
      const rowH = 26;
      const labelW = Math.min(220, Math.max(90, width * 0.34));
      const valueW = 48;
      const plotW = Math.max(20, width - labelW - valueW - 12);
      const h = data.length * rowH + 4;
      svg = (
        <svg width={width} height={h} role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ display: 'block' }}>
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{description ?? title}</desc>
          {data.map((d, i) => {
            const yTop = i * rowH + 2;
            const w = (d.value / top) * plotW;
            const active = hover === d.key || focused === d.key;
            const full = d.fullLabel ?? d.label;
            const select = onSelect ? () => onSelect(d) : undefined;
            return (
              <g
                key={d.key}
                data-key={d.key}
                data-value={d.value}
                onMouseEnter={() => setHover(d.key)}
                onMouseLeave={() => setHover(null)}
                onFocus={() => setFocused(d.key)}
                onBlur={() => setFocused(null)}
                {...(select
                  ? {
                      role: 'button',
                      tabIndex: 0,
                      'aria-label': selectLabel ? selectLabel(d) : full,
                      onClick: select,
                      onKeyDown: (e: React.KeyboardEvent) => {
                        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); }
                      },
                      style: { cursor: 'pointer', outline: 'none' },
                    }
                  : {})}
              >
                <title>{`${full}：${formatValue(d.value)}`}</title>
                {/* the keyboard focus ring (the default outline does not follow SVG shapes) */}
                <rect
                  x={1}
                  y={yTop}
                  width={width - 2}
                  height={rowH - 2}
                  rx={3}
                  fill={active ? c.primary100 : 'transparent'}
                  stroke={focused === d.key ? c.primary600 : 'none'}
                  strokeWidth={2}
                />
                <text x={labelW - 8} y={yTop + rowH / 2} dy="0.05em" dominantBaseline="middle" textAnchor="end" fontSize={font} fill={c.neutral800}>
                  {fitText(d.label, labelW - 12, font)}
                </text>
                <rect x={labelW} y={yTop + 5} width={Math.max(w, d.value > 0 ? 2 : 0)} height={rowH - 12} rx={2} fill={active ? c.primary700 : c.primary600} />
                <text x={labelW + w + 6} y={yTop + rowH / 2} dy="0.05em" dominantBaseline="middle" fontSize={11} fontWeight={600} fill={c.neutral800}>
                  {formatValue(d.value)}
                </text>
              </g>
            );
          })}
        </svg>
      );
    }
  }

  return (
    <Box ref={ref} width="100%" data-testid={testId}>
      {data.length === 0 ? (
        <Box padding={6}>
          <Typography textColor="neutral600">{emptyText}</Typography>
        </Box>
      ) : (
        svg
      )}
      {data.length > 0 && (
        <VisuallyHidden>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                <th scope="col">{valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{d.fullLabel ?? d.label}</th>
                  <td>{formatValue(d.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </VisuallyHidden>
      )}
    </Box>
  );
};
